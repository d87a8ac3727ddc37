"""Issue 15 item 5 in a browser: under the Content-Security-Policy (no inline script or style) the
pages still work — the menu button, the API's Swagger page, the administration login — and the
browser reports no refused script or style (a console error fails the test)."""


def test_pages_work_under_the_csp(login, demo_site):
    page = login("admin")
    page.set_viewport_size({"width": 600, "height": 800})  # the narrow layout, where the menu button shows
    page.get_by_role("button", name="菜单").click()
    assert "nav-open" in page.evaluate("document.body.className")
    page.goto(f"{demo_site}/api/docs/")
    page.wait_for_selector(".swagger-ui .info")
    assert "质控中心管理平台 API" in page.inner_text(".swagger-ui .info")
    page.goto(f"{demo_site}/deadlines/")
    page.goto(f"{demo_site}/admin/")
    page.wait_for_selector("#content")

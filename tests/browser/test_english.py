"""The centre page in English (issue 8, "Also"), as a user gets it: log in, press "English" in the top
bar, open a centre. The step bar, status tags, role badge, headers and buttons carry no Chinese; the
centre's, institutions' and people's names (data) may. "中文" switches back."""

import re

from playwright.sync_api import expect

CJK = re.compile(r"[\u4e00-\u9fff]")
# An article cited from the regulations (第七条（五）, 九龙坡 第五条) is the authority's own words:
# it stays Chinese.
ARTICLE = re.compile(r"^(\S+ )?第[一二三四五六七八九十百零]+条\S*$")

WORDED = """() => {
  const text = (e) => e.innerText.replace(/\\s+/g, " ").trim();
  const all = (sel) => [...document.querySelectorAll(sel)].map(text);
  return {
    step: all("ol.steps li"), tag: all(".tag"), role: all("[data-testid=role]"),
    header: all("th, dt"), button: all("a.btn, button:not([name=language])"),
  };
}"""


def test_the_centre_page_in_english(login, demo_site):
    page = login("jlp_commission")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Workbench")).to_be_visible()

    page.get_by_role("link", name="QC centres", exact=True).click()
    page.locator("table a[href*='/centres/']").first.click()
    expect(page.locator("ol.steps")).to_be_visible()
    worded = page.evaluate(WORDED)
    assert worded["step"] and worded["tag"] and worded["role"] and worded["button"], worded
    chinese = {
        kind: [t for t in texts if CJK.search(t) and not ARTICLE.match(t)] for kind, texts in worded.items()
    }
    assert not any(chinese.values()), chinese
    expect(page.locator("ol.steps")).to_contain_text("Call published")

    page.get_by_role("button", name="中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("ol.steps")).to_contain_text("发布公告")

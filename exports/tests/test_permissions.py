"""Every view of exports: anonymous users are sent to log in; a job is its user's alone (another
user gets 404, never a hint that it exists); an auditor may export but not import."""

import pytest
from django.urls import reverse

from accounts.models import User
from audit.models import SecurityEvent
from exports.models import ExportJob


@pytest.fixture
def done_job(world, django_capture_on_commit_callbacks):
    from exports.registry import get_spec
    from exports.services import export_job_create

    with django_capture_on_commit_callbacks(execute=True):
        job = export_job_create(
            user=User.objects.get(username="jlp_auditor"), spec=get_spec("institutions"), raw_filters={}
        )
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE
    return job


JOB_VIEWS = ["exports:job_detail", "exports:job_progress", "exports:job_download"]
STAFF_VIEWS = ["exports:institution_import", "exports:institution_import_template"]


@pytest.mark.parametrize("name", JOB_VIEWS)
def test_job_views_are_the_users_own(client, client_of, done_job, name):
    url = reverse(name, args=[done_job.pk])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]
    # another user of the same jurisdiction, and one with more rights, still see nothing
    assert client_of("jlp_commission").get(url).status_code == 404
    assert client_of("cq_auditor").get(url).status_code == 404
    assert client_of("jlp_auditor").get(url).status_code == 200
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.REFUSED, username="jlp_commission").exists()


def test_sysadmin_sees_every_job_but_downloads_only_their_own(client_of, done_job):
    admin = client_of("admin")
    assert admin.get(reverse("exports:job_detail", args=[done_job.pk])).status_code == 200
    assert admin.get(reverse("exports:job_download", args=[done_job.pk])).status_code == 404


def test_job_list_shows_only_the_users_jobs(client, client_of, done_job):
    url = reverse("exports:job_list")
    assert client.get(url).status_code == 302
    assert "医疗机构名录" in client_of("jlp_auditor").get(url).content.decode()
    assert "医疗机构名录" not in client_of("jlp_commission").get(url).content.decode()


def test_starting_an_export_needs_login_and_a_post(world, client, client_of):
    url = reverse("exports:start", args=["institutions"])
    anonymous = client.post(url)
    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]
    assert client_of("jlp_auditor").get(url).status_code == 405
    assert client_of("jlp_auditor").post(url).status_code == 302  # an auditor may export
    assert client_of("jlp_expert").post(url).status_code == 302  # their own rows only, by scope


@pytest.mark.parametrize("name", STAFF_VIEWS)
def test_import_pages_are_for_commission_and_qc_office_staff(world, client, client_of, name):
    url = reverse(name)
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]
    for username in ("jlp_auditor", "jlp_host", "jlp_expert", "cq_district_reviewer", "jlp_scorer"):
        assert client_of(username).get(url).status_code == 403, username
    for username in ("jlp_commission", "jlp_qc_office", "admin"):
        assert client_of(username).get(url).status_code == 200, username


def test_an_auditor_cannot_post_an_import(client_of):
    assert client_of("jlp_auditor").post(reverse("exports:institution_import")).status_code == 403

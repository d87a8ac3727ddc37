"""文号: per issuer code and year, consecutive, gap-free, taken atomically."""

import threading
import time
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from documents import services
from documents.models import DocumentNumberSequence, IssuedDocument


def test_number_reads_like_gbt9704():
    assert services.format_number("九龙坡卫发", 2025, 15) == "九龙坡卫发〔2025〕15号"


def test_numbers_are_consecutive_per_issuer_code_and_year(issue_notice):
    first = issue_notice(on=date(2025, 3, 1))
    second = issue_notice(on=date(2025, 4, 1))
    next_year = issue_notice(on=date(2026, 1, 5))
    assert (first.number, second.number) == ("九龙坡卫发〔2025〕1号", "九龙坡卫发〔2025〕2号")
    assert next_year.number == "九龙坡卫发〔2026〕1号"


def test_a_refused_or_rolled_back_issue_gives_its_number_back(issue_notice):
    with pytest.raises(RuntimeError), transaction.atomic():
        issue_notice(on=date(2025, 3, 1))
        raise RuntimeError("the surrounding business action failed")
    assert issue_notice(on=date(2025, 3, 2)).sequence == 1
    with pytest.raises(services.IssueRefused):
        issue_notice(on=date(2025, 3, 3), user="jlp_host")
    assert issue_notice(on=date(2025, 3, 4)).sequence == 2


def test_paper_register_is_continued_never_rewound(issue_notice):
    services.number_sequence_continue(issuer_code="九龙坡卫发", year=2025, last=15)
    assert issue_notice(on=date(2025, 11, 25)).number == "九龙坡卫发〔2025〕16号"
    with pytest.raises(ValidationError):
        services.number_sequence_continue(issuer_code="九龙坡卫发", year=2025, last=3)


def test_a_number_is_taken_once_in_the_database(issue_notice):
    doc = issue_notice(on=date(2025, 3, 1))
    duplicate = IssuedDocument(
        **{
            f.attname: getattr(doc, f.attname)
            for f in IssuedDocument._meta.concrete_fields
            if f.attname != "id"
        }
    )
    with pytest.raises(Exception), transaction.atomic():
        duplicate.save()


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_get_distinct_consecutive_numbers():
    """Each thread holds its transaction open after taking a number; without the row lock two
    would read the same ``last`` and print the same 文号."""
    results, errors = [], []
    barrier = threading.Barrier(5)

    def take():
        try:
            barrier.wait()
            with transaction.atomic():
                number = services.number_allocate(issuer_code="九龙坡卫发", year=2025)
                time.sleep(0.2)
            results.append(number)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(results) == [1, 2, 3, 4, 5]
    assert DocumentNumberSequence.objects.get(issuer_code="九龙坡卫发", year=2025).last == 5

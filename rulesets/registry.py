"""The rule sets as loaded once per process from rulesets/data, and the regulation texts."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .loader import RuleSet, load_all

TEXTS_DIR = Path(__file__).resolve().parent / "texts"


@lru_cache(maxsize=1)
def all_rulesets() -> dict[str, RuleSet]:
    return load_all()


def get_ruleset(code: str) -> RuleSet:
    try:
        return all_rulesets()[code]
    except KeyError:
        raise KeyError(f"未知的规则集：{code}") from None


def regulation_text(code: str) -> str:
    """The regulation's full text as published (the seed the rule set was transcribed from)."""
    path = TEXTS_DIR / f"{code}.txt"
    return path.read_text(encoding="utf-8") if path.exists() else ""

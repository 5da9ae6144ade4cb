"""The shop's phrasebook: every sentence the code says exists, and a shop's own file is
checked against the shipped one (no sentence missing, no field the assistant cannot fill)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.settings import demo_dir
from bot.wording import PHRASES_VARIABLE, WordingError, phrasebook, read_phrases

ROOT = Path(__file__).resolve().parent.parent.parent
SHIPPED = read_phrases(demo_dir() / "phrases.yml")


def test_every_sentence_the_code_says_is_in_the_phrasebook() -> None:
    said = set()
    for path in (ROOT / "bot").rglob("*.py"):
        said |= set(re.findall(r"""\.say\(\s*["']([a-z_]+)["']""", path.read_text()))
    assert said and said <= set(SHIPPED), sorted(said - set(SHIPPED))


def test_a_shop_can_reword_a_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own = tmp_path / "phrases.yml"
    own.write_text(yaml.safe_dump({**SHIPPED, "we_do": "Yes, we've got those."}))
    monkeypatch.setenv(PHRASES_VARIABLE, str(own))
    assert phrasebook().say("we_do") == "Yes, we've got those."


@pytest.mark.parametrize("change, problem", [
    ({"we_do": None}, "missing sentences"),
    ({"we_dont": "No."}, "unknown sentences"),
    ({"we_stock": "We stock {colour}s."}, "does not fill in ['colour']"),
    ({"we_stock": "We stock {label"}, "we_stock"),
])
def test_a_phrasebook_that_cannot_be_used_is_refused(tmp_path: Path, change: dict, problem: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    phrases = {k: v for k, v in {**SHIPPED, **change}.items() if v is not None}
    own = tmp_path / "phrases.yml"
    own.write_text(yaml.safe_dump(phrases))
    monkeypatch.setenv(PHRASES_VARIABLE, str(own))
    with pytest.raises(WordingError, match=re.escape(problem)):
        phrasebook()

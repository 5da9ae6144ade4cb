"""The schema of needs.yml: what a shop editing its knowledge is told when it gets it wrong,
and that what is read is what is stored and read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from bot.catalogue.needs import current_knowledge, read_needs_file
from bot.db import DatabaseUnavailable, get_engine, session_scope
from bot.knowledge import KnowledgeError, from_yaml_dict, to_yaml_dict
from bot.settings import demo_dir
from bot.store import ensure_tables, init_database

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SMALL = (FIXTURES / "needs_small.yml").read_text()


def edited(tmp_path: Path, old: str, new: str) -> Path:
    assert old in SMALL
    path = tmp_path / "needs.yml"
    path.write_text(SMALL.replace(old, new, 1))
    return path


def line_of(path: Path, fragment: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if fragment in line)


def test_an_unknown_key_names_the_file_the_line_and_the_key(tmp_path: Path) -> None:
    path = edited(tmp_path, "    help: \"Knock on it", "    colour: red\n    help: \"Knock on it")
    with pytest.raises(KnowledgeError) as raised:
        read_needs_file(path)
    assert str(raised.value) == (f"{path}, line {line_of(path, 'colour: red')}: "
                                 "questions.wall.colour: unknown key 'colour'")


def test_a_wrong_type_names_the_line_and_the_problem(tmp_path: Path) -> None:
    path = edited(tmp_path, "synonyms: [brick, concrete, block], weight: 3",
                  "synonyms: [brick, concrete, block], weight: lots")
    with pytest.raises(KnowledgeError) as raised:
        read_needs_file(path)
    assert str(raised.value) == (f"{path}, line {line_of(path, 'weight: lots')}: "
                                 "questions.wall.options.brick.weight: "
                                 "value is not a valid float")


def test_every_problem_is_named_not_just_the_first(tmp_path: Path) -> None:
    path = edited(tmp_path, "label: drill bit", "label: drill bit\n    colour: red")
    path.write_text(path.read_text().replace("kind: number, unit: mm}", "kind: numeric, unit: mm}", 1))
    with pytest.raises(KnowledgeError) as raised:
        read_needs_file(path)
    lines = str(raised.value).splitlines()
    assert len(lines) == 2
    assert lines[0].endswith("attributes.diameter_mm.kind: kind must be one of number, text, flag")
    assert lines[1].endswith("categories.drill_bit.colour: unknown key 'colour'")


def test_a_name_that_refers_to_nothing_is_named_at_its_line(tmp_path: Path) -> None:
    path = edited(tmp_path, "category: cavity_fixing", "category: cavity_fixin")
    with pytest.raises(KnowledgeError) as raised:
        read_needs_file(path)
    message = str(raised.value)
    assert f"line {line_of(path, 'category: cavity_fixin')}:" in message
    assert message.endswith(": unknown category cavity_fixin")


@pytest.mark.parametrize("old, new, problem", [
    ("rule: \"material = masonry\"", "rule: \"material is masonry\"",
     "cannot read the rule"),
    ("quantity: 4", "quantity: \"open('x')\"", "the only functions are ceil"),
    ("synonyms: [light]}", "synonyms: light}", "value is not a valid list"),
    ("    safe_option: brick", "    safe_option: granite", "safe_option granite is not one"),
    ("departments:", "departments:\n  3: {label: Three}", "a key must be a name"),
])
def test_rules_quantities_and_keys_are_checked_where_they_are_written(
        tmp_path: Path, old: str, new: str, problem: str) -> None:
    path = edited(tmp_path, old, new)
    with pytest.raises(KnowledgeError, match=problem) as raised:
        read_needs_file(path)
    assert f"{path}, line " in str(raised.value)


def test_a_yaml_syntax_error_names_the_file(tmp_path: Path) -> None:
    path = edited(tmp_path, "departments:", "departments: [")
    with pytest.raises(KnowledgeError, match=str(path)):
        read_needs_file(path)


def test_the_knowledge_reads_back_from_the_database_as_it_was_written(small_db: str) -> None:
    written = read_needs_file(FIXTURES / "needs_small.yml")
    with session_scope(small_db) as session:
        stored = current_knowledge(session)
    assert stored.version == written.version
    assert stored == written
    assert to_yaml_dict(from_yaml_dict(to_yaml_dict(written))) == to_yaml_dict(written)


def test_the_demo_knowledge_is_valid() -> None:
    demo = read_needs_file(demo_dir() / "needs.yml")
    assert demo.jobs and demo.version == from_yaml_dict(to_yaml_dict(demo)).version


def test_db_init_reopens_a_database_of_the_row_by_row_kind(tmp_path: Path) -> None:
    """A shop database made when the knowledge was kept row by row: `bot db init` stores
    the document, drops the old tables, and keeps the products."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    init_database(url, needs=FIXTURES / "needs_small.yml", products=FIXTURES / "products_small.csv")
    with session_scope(url) as session:
        session.execute(text("DELETE FROM knowledge"))
        session.execute(text("CREATE TABLE jobs (key VARCHAR(40) PRIMARY KEY)"))
        session.execute(text("CREATE TABLE terms (id INTEGER PRIMARY KEY)"))
    with pytest.raises(DatabaseUnavailable, match="run `bot db init`"):
        ensure_tables(url, knowledge=True)

    init_database(url, needs=FIXTURES / "needs_small.yml")
    tables = set(inspect(get_engine(url)).get_table_names())
    assert not tables & {"jobs", "terms"} and "knowledge" in tables
    ensure_tables(url, knowledge=True)
    with session_scope(url) as session:
        assert current_knowledge(session).jobs
        assert session.execute(text("SELECT count(*) FROM products")).scalar() > 0


def test_a_role_may_repeat_only_where_its_components_never_apply_together(
        tmp_path: Path) -> None:
    """Two fixings called `fixing` (a plug in brick, a toggle in plasterboard) are one
    role the bit can refer to; for the same answers they would be two items of one role."""
    path = edited(tmp_path, "      - role: fixing\n        category: cavity_fixing\n"
                  "        when: {wall: [plasterboard]}",
                  "      - role: plug\n        category: cavity_fixing\n"
                  "        when: [{wall: [plasterboard]}, {wall: [brick], weight: [heavy]}]")
    with pytest.raises(KnowledgeError, match="two components share the role plug for the same"):
        read_needs_file(path)
    path = edited(tmp_path, "      - role: fixing\n        category: cavity_fixing\n"
                  "        when: {wall: [plasterboard]}",
                  "      - role: plug\n        category: cavity_fixing\n"
                  "        when: [{wall: [plasterboard]}, {wall: [timber], weight: [heavy]}]")
    knowledge = read_needs_file(path)
    plugs = [c for c in knowledge.jobs["hang_picture"].components if c.role == "plug"]
    assert [c.category for c in plugs] == ["wall_plug", "cavity_fixing"]
    assert plugs[1].applies({"wall": "timber", "weight": "heavy"})
    assert not plugs[1].applies({"wall": "timber", "weight": "light"})
    assert plugs[1].when == {"wall": ("plasterboard", "timber"), "weight": ("heavy",)}

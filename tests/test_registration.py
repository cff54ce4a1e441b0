"""Lists that must name every step or table, checked against what the code and schema define, so that adding a
per-dump step, a per-article table or an entity type cannot forget its registration."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.defs.assets.per_dump import PER_DUMP_STEPS
from pipelines.warehouse.migrate import migrate
from pipelines.warehouse.sql_files import sql

PACKAGE = Path(__file__).resolve().parents[1] / "pipelines"

# Tables keyed by article_id that sql/load/delete_orphan_articles.sql need not list: why, and the statement file
# that instead drops the rows of articles that no longer exist (None: nothing to drop).
CLEANED_ELSEWHERE = {
    "article_occurrences": (None, "the rows that say which dump holds an article: the dump loader replaces them"),
    "story_recluster": ("load/clear_story_recluster", "a queue of articles still present, emptied by the stories step"),
    "search_documents": ("load/search_remove_documents", "the search step drops vanished articles' documents"),
    "article_terms": ("load/retire_article_terms", "the corpus step retires vanished articles' terms"),
}


@pytest.fixture(scope="module")
def schema() -> duckdb.DuckDBPyConnection:
    with duckdb.connect() as conn:
        migrate(conn)
        yield conn


def test_every_per_dump_asset_is_a_step_in_dependency_order():
    from pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    partitions = graph.get(dg.AssetKey("articles")).partitions_def
    per_dump = {
        key.to_user_string() for key in graph.get_all_asset_keys() if graph.get(key).partitions_def == partitions
    } - {"published_dumps"}
    assert PER_DUMP_STEPS[0] == "articles"  # published.py and repair.py take the later steps as [1:]
    assert set(PER_DUMP_STEPS) == per_dump
    for position, step in enumerate(PER_DUMP_STEPS):
        parents = {key.to_user_string() for key in graph.get(dg.AssetKey(step)).parent_keys}
        assert parents <= set(PER_DUMP_STEPS[:position]), step


def test_every_per_article_table_is_cleared_of_deleted_articles(schema):
    tables = {
        row[0]
        for row in schema.execute(
            "SELECT DISTINCT table_name FROM information_schema.columns JOIN information_schema.tables USING (table_name) "
            "WHERE column_name = 'article_id' AND table_type = 'BASE TABLE'"
        ).fetchall()
    }
    assert {"articles", "entity_mentions", "quotations"} <= tables  # the query finds the per-article tables
    listed = set(re.findall(r"DELETE FROM (\w+)", sql("load/delete_orphan_articles")))
    missing = tables - listed - set(CLEANED_ELSEWHERE)
    assert not missing, f"add DELETE FROM each of {sorted(missing)} to sql/load/delete_orphan_articles.sql"
    for table, (statement, _) in CLEANED_ELSEWHERE.items():
        assert table in tables
        if statement:
            assert f"DELETE FROM {table}" in sql(statement)


def test_entity_types_are_named_in_one_module():
    # A bare "PER"/"LOC"/"ORG" elsewhere would let a new type or a renamed one be missed in some of the modules.
    bare = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "entity_types.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in ("PER", "LOC", "ORG"):
                bare.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert bare == []

"""Print what the warehouse holds: tables, row counts, example rows."""

from __future__ import annotations

from pipelines.config import settings
from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.sql_files import sql


def print_summary() -> None:
    path = settings().warehouse_path
    with warehouse(path, read_only=True) as conn:
        print(f"warehouse: {path}")
        print("\ntables (rows):")
        for name, rows, comment in conn.execute(sql("examples/table_row_counts")).fetchall():
            print(f"  {name:<22} {rows:>9,}  {comment or ''}")
        print("\ndumps by status:")
        for status, files, records, parsed, quarantined in conn.execute(sql("examples/dumps_by_status")).fetchall():
            print(f"  {status:<10} files={files} records={records} parsed={parsed} quarantined={quarantined}")
        print("\nexample articles:")
        for row in conn.execute(sql("examples/sample_articles")).fetchall():
            article_id, published_on, kind, source, title, file_key, byte_start, byte_end = row
            print(f"  {article_id} {published_on} {kind:<6} {source or '-':<8} {title[:40]}")
            print(f"      from {file_key} bytes {byte_start}..{byte_end}")
        quarantined = conn.execute(sql("examples/quarantine_reasons")).fetchall()
        if quarantined:
            print("\nquarantine reasons:")
            for reason, count in quarantined:
                print(f"  {reason:<16} {count}")
        for title, name in (("top entities", "examples/top_entities"), ("IPTC topics", "examples/topic_counts")):
            rows = conn.execute(sql(name)).fetchall()
            if rows:
                print(f"\n{title}:")
                for row in rows:
                    print("  " + "  ".join(str(v) for v in row))

"""Story threads: linking stories that continue one event over days, stable ids, the warehouse step, Dagster.

All article text here is invented for the tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import dagster as dg
import pytest

from pipelines.orchestration.runner import run_files
from pipelines.threads.link import assign_threads, digest, same_event
from pipelines.warehouse.connection import warehouse

# A typhoon over three days, two meetings of one leader on consecutive days, a weekly meeting a week apart and
# the same meeting of different substance on consecutive days.
LANDFALL = (
    "台风“海鸥”在海南三亚登陆",
    "今年第9号台风“海鸥”今天凌晨在海南省三亚市沿海登陆，登陆时中心附近最大风力12级，"
    "三亚市已紧急转移沿海群众3万人，全市停课停工。",
)
DEATHS = (
    "台风“海鸥”致海南三亚3人死亡",
    "受第9号台风“海鸥”影响，海南省三亚市出现特大暴雨，截至今天中午已造成3人死亡，"
    "沿海群众转移安置工作仍在进行，部分地区停电。",
)
REBUILD = (
    "三亚全力开展台风灾后重建",
    "台风“海鸥”过境后，海南省三亚市组织力量抢修电力和道路，受灾群众陆续返回家园，灾后重建工作全面展开。",
)
MEETING_1 = (
    "李明会见甲国总统",
    "国家主席李明今天在人民大会堂会见甲国总统。李明表示，中方愿同甲方深化经贸合作，"
    "推动两国关系发展。甲国总统表示，甲方愿加强农业和能源合作。",
)
MEETING_2 = (
    "李明会见乙国总理",
    "国家主席李明今天在人民大会堂会见乙国总理。李明表示，中方愿同乙方加强人文交流，"
    "推动两国关系发展。乙国总理表示，乙方欢迎中国企业投资基础设施。",
)
COUNCIL_1 = (
    "王强主持召开国务院常务会议",
    "国务院总理王强主持召开国务院常务会议，部署加快棚户区改造，决定提高农村饮水安全标准。",
)
COUNCIL_2 = (
    "王强主持召开国务院常务会议",
    "国务院总理王强主持召开国务院常务会议，研究支持小微企业发展的税收措施，部署加强大气污染防治。",
)


# An outbreak whose name the tagger does not know (no shared entity), two editorials of one column on
# different subjects, and two items that share only a generic title word.
FLU_1 = (
    "人感染H9N7禽流感病例增至5例",
    "卫生部门今天通报，人感染H9N7禽流感病例增至5例，患者均有活禽接触史，"
    "专家表示病毒尚未出现人传人，各地加强活禽市场监测。",
)
FLU_2 = (
    "H9N7禽流感疫苗研发加快",
    "针对人感染H9N7禽流感病例，科研机构加快疫苗研发，病毒毒株已完成分离，专家表示活禽市场监测和病例救治同步推进。",
)
EDITORIAL_1 = (
    "人民日报社论：坚定不移推进改革",
    "人民日报明天发表社论，题目是坚定不移推进改革。社论说，改革是发展的动力，要以更大的决心推进重点领域改革。",
)
EDITORIAL_2 = (
    "人民日报社论：建设美丽乡村",
    "人民日报明天发表社论，题目是建设美丽乡村。社论说，乡村建设要保护生态，发展特色产业，让农民富起来。",
)
FORUM_1 = (
    "江临市召开经济工作座谈会",
    "江临市今天召开经济工作座谈会，企业家代表就融资和用工提出建议，市里将出台扶持措施。",
)
FORUM_2 = (
    "北港市召开文化工作座谈会",
    "北港市今天召开文化工作座谈会，专家学者就博物馆建设和非遗保护提出建议，市里将加大投入。",
)


PEOPLE = {"李明", "王强"}


def story(cluster_id: str, day: int, record: tuple[str, str], entities: list[str]):
    people = [e for e in entities if e in PEOPLE]
    return digest(cluster_id, date(2025, 3, day), record[0], record[1], entities, entities, people)


@pytest.mark.parametrize(
    ("a", "b", "linked"),
    [
        # the typhoon's landfall and its death toll the next day: one event
        (
            story("a", 8, LANDFALL, ["海鸥", "海南省", "三亚市"]),
            story("b", 9, DEATHS, ["海鸥", "海南省", "三亚市"]),
            True,
        ),
        # the landfall and the rebuilding two days later: still one event
        (
            story("a", 8, LANDFALL, ["海鸥", "海南省", "三亚市"]),
            story("c", 10, REBUILD, ["海鸥", "海南省", "三亚市"]),
            True,
        ),
        # two different meetings on consecutive days: same leader and hall, other guests and substance
        (
            story("m1", 8, MEETING_1, ["李明", "人民大会堂", "甲国"]),
            story("m2", 9, MEETING_2, ["李明", "人民大会堂", "乙国"]),
            False,
        ),
        # the same recurring meeting on consecutive days with another agenda: same names, same template
        (story("g1", 8, COUNCIL_1, ["王强", "国务院"]), story("g2", 9, COUNCIL_2, ["王强", "国务院"]), False),
        # the same typhoon text a week apart: beyond the time gap
        (
            story("a", 1, LANDFALL, ["海鸥", "海南省", "三亚市"]),
            story("b", 9, DEATHS, ["海鸥", "海南省", "三亚市"]),
            False,
        ),
        # a daily round-up shares entities and words with the typhoon's story but no title term
        (
            story("a", 8, LANDFALL, ["海鸥", "海南省", "三亚市"]),
            story("r", 9, ("本地快讯", DEATHS[1]), ["海鸥", "海南省", "三亚市"]),
            False,
        ),
        # one shared entity is enough with a specific title term (the typhoon's name) and similar words
        (story("a", 8, LANDFALL, ["海南省"]), story("b", 9, DEATHS, ["海南省", "三亚市"]), True),
        # one shared entity and only a generic title word (座谈会): two different forums
        (story("f1", 8, FORUM_1, ["江临市"]), story("f2", 9, FORUM_2, ["北港市"]), False),
        # no shared entity (the tagger misses the outbreak's name), but both titles carry it and the words agree
        (story("v1", 8, FLU_1, []), story("v2", 10, FLU_2, []), True),
        # two editorials of one column on consecutive days: the column's name is a template term, not an event
        (story("e1", 8, EDITORIAL_1, ["人民日报"]), story("e2", 9, EDITORIAL_2, ["人民日报"]), False),
    ],
)
def test_same_event(a, b, linked: bool) -> None:
    assert (same_event(a, b) is not None) == linked
    assert (same_event(b, a) is not None) == linked  # symmetric


def test_thread_ids_do_not_depend_on_order() -> None:
    # the thread id is the earliest story (day, then id), whatever order the links and stories come in
    days = {"s3": date(2025, 3, 10), "s1": date(2025, 3, 8), "s2": date(2025, 3, 9), "x": date(2025, 3, 8)}
    forward = assign_threads(days, [("s1", "s2"), ("s2", "s3")])
    backward = assign_threads(dict(reversed(list(days.items()))), [("s3", "s2"), ("s2", "s1")])
    assert forward == backward == {"s1": "s1", "s2": "s1", "s3": "s1", "x": "x"}


# ---- the warehouse step through Dagster: load order, re-runs, incremental ----

DUMPS = {  # file -> (day, records)
    "2025-03-08.txt": ("2025-03-08", [LANDFALL, MEETING_1, COUNCIL_1]),
    "2025-03-09.txt": ("2025-03-09", [DEATHS, MEETING_2, COUNCIL_2]),
    "2025-03-10.txt": ("2025-03-10", [REBUILD]),
}


def write_landing(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (_, records) in DUMPS.items():
        (folder / name).write_text("\n-\n".join(f"{t}\n{b}" for t, b in records) + "\n", encoding="utf-8")
    (folder / "MANIFEST.tsv").write_text("file\tday\n" + "".join(f"{n}\t{d}\n" for n, (d, _) in DUMPS.items()))


def threads_after(tmp_path: Path, monkeypatch, instance, order: list[str], name: str) -> list[tuple]:
    folder = tmp_path / name / "landing"
    write_landing(folder)
    monkeypatch.setenv("LANDING_DIR", str(folder))
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / name / "w.sqlite"))
    from pipelines.definitions import build_definitions

    defs = build_definitions()
    assets = ["articles", "entity_mentions", "article_stories", "story_threads"]
    for key in order:
        result = run_files(defs, instance, [key], only_assets=assets)
        assert result.success
        checks = [e for e in result.get_asset_check_evaluations() if e.asset_key == dg.AssetKey("story_threads")]
        assert len(checks) == 3 and all(e.passed for e in checks)  # two of its own and keys_unique
    with warehouse(tmp_path / name / "w.sqlite", read_only=True, snapshot="latest") as conn:
        return conn.execute(
            "SELECT s.title, f.title FROM story_threads t JOIN story_summaries s USING (cluster_id)"
            " JOIN story_summaries f ON f.cluster_id = t.thread_id ORDER BY 1"
        ).fetchall()


def test_threads_are_the_same_in_any_load_order_and_on_reruns(tmp_path: Path, monkeypatch, instance) -> None:
    in_order = threads_after(tmp_path, monkeypatch, instance, list(DUMPS), "forward")
    thread_of = dict(in_order)
    # the typhoon's three days are one thread named by its first story; the meetings stay apart
    assert thread_of[DEATHS[0]] == thread_of[REBUILD[0]] == thread_of[LANDFALL[0]] == LANDFALL[0]
    assert thread_of[MEETING_1[0]] == MEETING_1[0] and thread_of[MEETING_2[0]] == MEETING_2[0]
    reversed_order = threads_after(tmp_path, monkeypatch, instance, list(reversed(DUMPS)) + list(DUMPS), "backward")
    assert reversed_order == in_order  # reversed, then everything reloaded: the same threads and ids

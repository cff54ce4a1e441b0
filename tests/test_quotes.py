"""Quotations: direct and reported speech, speakers resolved within the article, the warehouse step, Dagster.

All article text here is invented for the tests.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

from pipelines.orchestration.runner import run_files
from pipelines.quotes.batch import quotations_frame
from pipelines.quotes.extract import find_quotations
from pipelines.quotes.sentences import sentences
from pipelines.quotes.speakers import Mention
from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.load_quotes import load_quotations, mentions_of_articles
from pipelines.warehouse.migrate import migrate


def mentions(text: str, names: dict[str, str]) -> list[Mention]:
    """Every occurrence of each name, typed as given; the entity id is the name itself."""
    found = []
    for name, entity_type in names.items():
        start = text.find(name)
        while start >= 0:
            found.append(Mention(start, start + len(name), name, entity_type, name))
            start = text.find(name, start + 1)
    return found


def quotes(text: str, names: dict[str, str]) -> list[tuple]:
    return [
        (q.kind, q.text, q.verb, q.speaker.text, q.speaker.entity_id, q.speaker.resolution)
        for q in find_quotations(text, mentions(text, names))
    ]


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        # reported speech without quotation marks: a title and a name before the verb, the person is the speaker
        (
            "外交部发言人吴清远表示，中方坚决反对任何形式的干涉。",
            {"外交部": "ORG", "吴清远": "PER"},
            [("reported", "中方坚决反对任何形式的干涉", "表示", "外交部发言人吴清远", "吴清远", "named")],
        ),
        # reported speech right after the verb (no comma), with what modifies the verb cut from the speaker
        (
            "吴清远在例行记者会上强调中方将继续推进合作。",
            {"吴清远": "PER"},
            [("reported", "中方将继续推进合作", "强调", "吴清远", "吴清远", "named")],
        ),
        # direct speech introduced by speaker + verb + colon; the inner ‘…’ stays inside the quote (nested quotes)
        (
            "林晓舟说：“我们愿意推动‘江海一体’建设，这是我们的承诺。”",
            {"林晓舟": "PER"},
            [("direct", "我们愿意推动‘江海一体’建设，这是我们的承诺。", "说", "林晓舟", "林晓舟", "named")],
        ),
        # nested double quotation marks of the same kind: one outermost quote
        (
            "周可欣说：“他告诉我“别放弃”，我一直记得。”",
            {"周可欣": "PER"},
            [("direct", "他告诉我“别放弃”，我一直记得。", "说", "周可欣", "周可欣", "named")],
        ),
        # direct speech attributed after the closing mark, corner brackets
        (
            "「这是一个好的开始。」陈立明说。",
            {"陈立明": "PER"},
            [("direct", "这是一个好的开始。", "说", "陈立明", "陈立明", "named")],
        ),
        # a pronoun speaker: the one person named in the previous sentence
        (
            "梁一苇出席会议并致辞。他指出，要加快改革步伐。",
            {"梁一苇": "PER"},
            [("reported", "要加快改革步伐", "指出", "他", "梁一苇", "pronoun")],
        ),
        # a pronoun with two people before it and no earlier quotation: unclear, left unresolved
        (
            "张明和李华出席会议。他指出，要加快改革步伐。",
            {"张明": "PER", "李华": "PER"},
            [("reported", "要加快改革步伐", "指出", "他", None, "unresolved")],
        ),
        # no speaker before the verb: the sentence's one named person (zero subject)
        (
            "王建国出席会议并讲话，强调要把全会精神落到实处。",
            {"王建国": "PER"},
            [("reported", "要把全会精神落到实处", "强调", "王建国", "王建国", "subject")],
        ),
        # an unnamed role of a named organisation, then 该负责人 referring back to it
        (
            "江临市交通运输局负责人介绍，隧道将于年底通车。该负责人说，工程进展顺利。",
            {"江临市交通运输局": "ORG"},
            [
                ("reported", "隧道将于年底通车", "介绍", "江临市交通运输局负责人", "江临市交通运输局", "role_of_org"),
                ("reported", "工程进展顺利", "说", "该负责人", "江临市交通运输局", "role"),
            ],
        ),
        # 该负责人 with no earlier holder of that role: unresolved, not guessed
        (
            "隧道今天通车。该负责人说，工程进展顺利。",
            {},
            [("reported", "工程进展顺利", "说", "该负责人", None, "unresolved")],
        ),
        # a plural pronoun is never resolved to one entity
        (
            "他们表示，将继续支持这个项目。",
            {},
            [("reported", "将继续支持这个项目", "表示", "他们", None, "unresolved")],
        ),
        # two people speaking together: unresolved
        (
            "张明和李华表示，双方合作前景广阔。",
            {"张明": "PER", "李华": "PER"},
            [("reported", "双方合作前景广阔", "表示", "张明和李华", None, "unresolved")],
        ),
        # a television soundbite: a speaker line ending in a colon before the quote; the colon is its verb
        (
            "村支书曹建平:“这些石头是我们一块一块垒起来的。”",
            {"曹建平": "PER"},
            [("direct", "这些石头是我们一块一块垒起来的。", "：", "村支书曹建平", "曹建平", "named")],
        ),
        # a person's own document speaks for the one person named in the sentence before it
        (
            "李明作出重要批示。批示指出，要确保改革年底前实施。",
            {"李明": "PER"},
            [("reported", "要确保改革年底前实施", "指出", "批示", "李明", "author")],
        ),
        # a meeting speaks, but for nobody in particular: unresolved
        (
            "会议指出，发展服务业是战略重点。",
            {},
            [("reported", "发展服务业是战略重点", "指出", "会议", None, "unresolved")],
        ),
        # a nickname (老金) is a speaker even when the tagger found no name in it
        (
            "老金说，把荒山绿起来是第一场仗。",
            {},
            [("reported", "把荒山绿起来是第一场仗", "说", "老金", None, "unresolved")],
        ),
        # a group's role with a country (巴方友好人士): the group is not the country, unresolved
        (
            "巴方友好人士纷纷表示，中国是最可信赖的朋友。",
            {"巴方": "LOC"},
            [("reported", "中国是最可信赖的朋友", "表示", "巴方友好人士", None, "unresolved")],
        ),
        # a pronoun after a sentence whose first clause names one person (the subject) and later another
        (
            "贾明高度评价李华的贡献。他说，两国关系正站在新起点上。",
            {"贾明": "PER", "李华": "PER"},
            [("reported", "两国关系正站在新起点上", "说", "他", "贾明", "pronoun")],
        ),
        # 感慨 after a comma with nobody before it is no speech
        ("穆总统很激动，特别感慨，把稿子一放。", {}, []),
        # scare quotes / a campaign name: no speech verb, no quotation
        ("全市开展“清洁家园”行动。", {}, []),
        # 据说 (reportedly) and 表示感谢 (a speech act) are not quotations
        ("据说，这里曾有一座古庙。吴清远表示感谢。", {"吴清远": "PER"}, []),
        # 称赞 (praised) is not 称 (said)
        ("吴清远称赞志愿者的工作。", {"吴清远": "PER"}, []),
        # a speech verb inside a direct quote belongs to that quote
        (
            "李华说：“专家认为，这个方案可行。”",
            {"李华": "PER"},
            [("direct", "专家认为，这个方案可行。", "说", "李华", "李华", "named")],
        ),
    ],
)
def test_quotations(text: str, names: dict[str, str], expected: list[tuple]) -> None:
    assert quotes(text, names) == expected


def test_offsets_slice_back_in_characters_and_utf8_bytes() -> None:
    # a quote after a headline and a non-ASCII prefix: characters and bytes both slice back
    text = "标题\n吴清远表示，中方坚决反对任何形式的干涉。"
    (q,) = find_quotations(text, mentions(text, {"吴清远": "PER"}), body_start=3)
    assert text[q.start : q.end] == q.text
    assert text.encode()[q.byte_start : q.byte_end].decode() == q.text


def test_a_headline_holds_no_quotation() -> None:
    # the same words in the title are a summary, not a quotation
    text = "吴清远表示中方将继续推进合作\n正文没有引语。"
    assert find_quotations(text, mentions(text, {"吴清远": "PER"}), body_start=text.index("\n") + 1) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # terminators inside quotation marks do not end the sentence; 。” ends it after the mark
        ("他说：“好。很好。”然后离开。", ["他说：“好。很好。”然后离开。"]),
        # a line break ends a sentence even without a full stop
        ("标题没有句号\n正文第一句。第二句！", ["标题没有句号", "正文第一句。", "第二句！"]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in sentences(text)] == expected


# ---- the warehouse step and the Dagster asset on an invented dump ----

SPEECH = (
    "江临市召开交通工作会议",
    "江临市交通运输局负责人介绍,今年将新建两条过江通道。"
    "市长王明出席会议并讲话。他强调,要把群众出行便利放在首位。王明说:“我们要让两岸车程缩短一半。”",
)
PLAIN = ("城东菜市场改造完工", "城东菜市场改造完工,新增摊位200个,周边道路同步拓宽。")


def write_dump(folder: Path, name: str, records: list[tuple[str, str]]) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("\n-\n".join(f"{t}\n{b}" for t, b in records) + "\n", encoding="utf-8")
    return name


def test_article_quotations_asset_runs_idempotently(tmp_path: Path, monkeypatch, instance) -> None:
    folder = tmp_path / "landing"
    write_dump(folder, "q1.txt", [SPEECH, PLAIN])
    monkeypatch.setenv("LANDING_DIR", str(folder))
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "dagster.sqlite"))
    monkeypatch.setenv("REFERENCE_DATE", "2025-03-09")
    from pipelines.definitions import build_definitions

    defs = build_definitions()
    assets = ["articles", "entity_mentions", "article_quotations"]
    result = run_files(defs, instance, ["q1.txt"], only_assets=assets)
    assert result.success
    checks = [e for e in result.get_asset_check_evaluations() if e.asset_key == dg.AssetKey("article_quotations")]
    assert checks and all(e.passed for e in checks)
    query = "SELECT kind, quote, verb, speaker, resolution, quotes_version FROM quotations ORDER BY start"
    with warehouse(tmp_path / "dagster.sqlite", read_only=True, snapshot="latest") as conn:
        first = conn.execute(query).fetchall()
        speakers = conn.execute("SELECT DISTINCT name FROM quotations_by_speaker_daily ORDER BY name").fetchall()
    assert [row[:2] for row in first] == [
        ("reported", "今年将新建两条过江通道"),
        ("reported", "要把群众出行便利放在首位"),
        ("direct", "我们要让两岸车程缩短一半。"),
    ]
    assert first[1][3:5] == ("他", "pronoun") and all(row[5] == "quotes-1.1.0" for row in first)
    assert ("王明",) in speakers
    # a second run of the same file (a reload) leaves exactly the same rows
    assert run_files(defs, instance, ["q1.txt"], only_assets=assets).success
    with warehouse(tmp_path / "dagster.sqlite", read_only=True, snapshot="latest") as conn:
        assert conn.execute(query).fetchall() == first


def test_loader_replaces_the_rows_of_its_articles(tmp_path: Path) -> None:
    # delete + insert per article: loading the same batch twice keeps one copy of its one quotation
    path = tmp_path / "w.duckdb"
    article = {"article_id": "a1", "title": "标题", "body": "该负责人表示，工程将于年底完工。"}
    with warehouse(path) as conn:
        migrate(conn)
        assert mentions_of_articles(conn, ["a1"]) == {}
        frame = quotations_frame([article], {})
        load_quotations(conn, ["a1"], frame)
        load_quotations(conn, ["a1"], frame)
        assert conn.execute("SELECT count(*), min(resolution) FROM quotations").fetchone() == (1, "unresolved")

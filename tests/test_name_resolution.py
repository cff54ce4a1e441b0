"""Short and long forms of one name (issue 22 item 2): each rule on invented names and text, with the cases that
must not merge."""

from __future__ import annotations

import pytest

from pipelines.extract.abbreviations import COUNTRY_ABBREV
from pipelines.extract.entities import extract_entities
from pipelines.extract.name_resolution import Named, apply_learned, learned_pairs, resolve_article, short_form_reason

COUNTRIES = frozenset({"美国", "日本", "俄罗斯", "中国"})
PLACES = {"吉林", "北京", "中山"}


@pytest.mark.parametrize(
    ("kind", "short", "full", "about_japan", "reason"),
    [
        ("PER", "马斯克", "埃隆·马斯克", False, "transliteration_segment"),  # the surname of a dotted name
        ("PER", "石破", "石破茂", True, "surname_of_full_name"),  # a Japanese family name, article about Japan
        ("PER", "岸田", "岸田文雄", True, "surname_of_full_name"),  # four-character Japanese name
        ("PER", "石破", "石破茂", False, None),  # the same forms outside an article about Japan: no link
        ("PER", "张伟", "张伟明", False, None),  # two Chinese people sharing a surname and a character
        ("PER", "斯诺", "斯诺登", False, None),  # an undotted transliteration is never cut
        ("PER", "普京", "同普京", False, None),  # a tagger span that took in a preposition does not swallow the name
        ("PER", "埃隆·马", "埃隆·马斯克", False, None),  # a cut segment is no segment
        ("ORG", "宁德时代", "宁德时代新能源科技股份有限公司", False, "company_short_name"),  # short and registered
        ("ORG", "宁德时代集团", "宁德时代新能源科技股份有限公司", False, "company_short_name"),  # X集团
        ("ORG", "吉林", "吉林化纤股份有限公司", False, None),  # the province is not the company
        ("ORG", "吉林化纤", "吉林化纤股份有限公司", False, "company_short_name"),  # the company's own short name
        ("ORG", "国务院", "国务院办公厅", False, None),  # an office inside a longer one stays apart
        ("ORG", "国务院", "美国国务院", False, "office_with_country"),  # a foreign office without its country
        ("ORG", "外交部", "中国外交部", False, None),  # China's: the other way round (see resolve_article)
        ("LOC", "中山", "中山市", False, None),  # places are the geocoder's business
    ],
)
def test_short_form_reason(kind, short, full, about_japan, reason) -> None:
    got = short_form_reason(
        kind, short, full, about_japan=about_japan, is_place=PLACES.__contains__, country_names=COUNTRIES
    )
    assert got == reason


def test_china_default_offices_stay_chinas() -> None:
    # 国防部长梁光烈 beside 俄罗斯国防部: the bare 国防部 is China's own in Chinese news, never linked to Russia's
    assert (
        short_form_reason(
            "ORG", "国防部", "俄罗斯国防部", country_names=frozenset({"俄罗斯"}), china_default=frozenset({"国防部"})
        )
        is None
    )
    assert (
        short_form_reason(
            "ORG", "国民议会", "法国国民议会", country_names=frozenset({"法国"}), china_default=frozenset({"国防部"})
        )
        == "office_with_country"
    )


def _named(*items: tuple[str, str, int]) -> list[Named]:
    return [Named(kind, name, start, f"id:{name}", name) for kind, name, start in items]


def test_a_short_form_before_its_full_name_is_not_linked() -> None:
    # 马斯克 at 0, 埃隆·马斯克 at 10: a short form links only to a full name seen before it
    named = _named(("PER", "马斯克", 0), ("PER", "埃隆·马斯克", 10), ("PER", "马斯克", 20))
    links = resolve_article(named)
    assert set(links) == {2} and links[2].entity_id == "id:埃隆·马斯克"


def test_a_short_form_that_fits_two_full_names_is_left_alone() -> None:
    # two people of one family in one article: 马斯克 could be either
    named = _named(("PER", "埃隆·马斯克", 0), ("PER", "金巴尔·马斯克", 10), ("PER", "马斯克", 20))
    assert resolve_article(named) == {}


def test_china_office_joins_the_bare_name() -> None:
    # 外交部 and 中国外交部 in one article: the qualified form joins the bare one, as Chinese news names its own
    named = _named(("ORG", "外交部", 0), ("ORG", "中国证监会", 5), ("ORG", "证监会", 12))
    links = resolve_article(named)
    assert links[1].entity_id == "id:证监会" and links[1].reason == "office_without_country"


def test_abbreviated_country_office() -> None:
    # 美国务院 after 美国国务院: the country's one-character abbreviation
    named = _named(("ORG", "美国国务院", 0), ("ORG", "美国务院", 9))
    links = resolve_article(named, abbreviations=COUNTRY_ABBREV)
    assert links[1].entity_id == "id:美国国务院"


def test_learned_pairs_apply_only_when_unambiguous() -> None:
    rows = [
        ("PER", "马斯克", "transliteration_segment", "E1", "埃隆·马斯克"),  # one full name: learned
        ("PER", "拉贾帕克萨", "transliteration_segment", "M1", "马欣达·拉贾帕克萨"),  # two full names: not learned
        ("PER", "拉贾帕克萨", "transliteration_segment", "G1", "戈塔巴雅·拉贾帕克萨"),
        ("PER", "布朗", "transliteration_segment", "B1", "戈登·布朗"),  # a two-character surname: too common
        ("ORG", "国务院", "office_with_country", "U1", "美国国务院"),  # an office's country holds in its article only
        ("ORG", "宁德时代", "company_short_name", "C1", "宁德时代新能源科技股份有限公司"),
    ]
    learned = learned_pairs(rows)
    assert learned == {
        ("PER", "马斯克"): ("E1", "埃隆·马斯克"),
        ("ORG", "宁德时代"): ("C1", "宁德时代新能源科技股份有限公司"),
    }
    named = _named(("PER", "马斯克", 0), ("PER", "拉贾帕克萨", 5), ("ORG", "国务院", 12))
    links = apply_learned(named, {}, learned)
    assert {i: link.entity_id for i, link in links.items()} == {0: "E1"}
    assert links[0].reason == "learned_pair"


def _entities_of(body: str, learned=None) -> dict[str, tuple[str, str, str]]:
    """surface -> (entity name, alias reason, type) for the story mentions of one invented article."""
    frames = extract_entities([{"article_id": "a1", "title": "标题", "body": body, "published_on": None}], learned)
    names = {e["entity_id"]: e["name"] for e in frames.entities.to_dicts()}
    reasons = {(a["entity_id"], a["alias"]): a["reason"] for a in frames.aliases.to_dicts()}
    return {
        m["surface"]: (names[m["entity_id"]], reasons[(m["entity_id"], m["surface"])], m["type"])
        for m in frames.mentions.to_dicts()
        if m["method"] in ("model", "known_name", "document")
    }


@pytest.mark.parametrize(
    ("body", "surface", "name", "reason"),
    [
        # a Japanese prime minister by family name, after his full name, in an article about Japan
        (
            "日本首相石破茂6日在东京表示,日本将加强合作。石破还说,日方愿意对话。",
            "石破",
            "石破茂",
            "surname_of_full_name",
        ),
        # a foreign entrepreneur by his surname after his full name
        (
            "美国企业家埃隆·马斯克当天发布消息。马斯克表示,新车型将于明年上市。",
            "马斯克",
            "埃隆·马斯克",
            "transliteration_segment",
        ),
        # a company's short name after its registered name
        (
            "宁德时代新能源科技股份有限公司发布公告。宁德时代表示,产能将继续扩大。",
            "宁德时代",
            "宁德时代新能源科技股份有限公司",
            "company_short_name",
        ),
    ],
)
def test_short_forms_in_an_article_link_to_the_full_name(body, surface, name, reason) -> None:
    assert _entities_of(body)[surface] == (name, reason, "PER" if "公司" not in name else "ORG")


@pytest.mark.parametrize(
    ("body", "surface", "names", "kind"),
    [
        # two different people sharing a surname in one article: each keeps its own entity
        ("记者张伟明在现场采访了村民张伟。张伟说,今年收成很好。", "张伟", {"张伟"}, "PER"),
        # 中山 the city next to a person named 孙中山: the city stays a place
        ("孙中山先生的故乡在广东中山。中山市今年举办纪念活动。", "中山", {"中山市"}, "LOC"),
        # 吉林 the province and a company named after it: a place (the province or its city), not the company
        ("吉林化纤股份有限公司位于吉林省吉林市。吉林今年经济增长较快。", "吉林", {"吉林省", "吉林市"}, "LOC"),
    ],
)
def test_must_not_merge(body, surface, names, kind) -> None:
    got = _entities_of(body)
    assert surface in got, got
    assert got[surface][0] in names and got[surface][1:] == ("canonical_key", kind)


def test_a_pair_learned_elsewhere_links_a_short_form_seen_alone() -> None:
    learned = learned_pairs([("PER", "马斯克", "transliteration_segment", "x", "埃隆·马斯克")])
    full = extract_entities([{"article_id": "a0", "title": "t", "body": "埃隆·马斯克访问中国。", "published_on": None}])
    entity = {e["name"]: e["entity_id"] for e in full.entities.to_dicts()}["埃隆·马斯克"]
    learned = {key: (entity, form) for key, (_, form) in learned.items()}
    got = _entities_of("马斯克当天在社交媒体上发文。", learned)
    assert got["马斯克"] == ("埃隆·马斯克", "learned_pair", "PER")

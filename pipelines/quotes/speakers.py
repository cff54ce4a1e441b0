"""Who said it: the speaker as written before (or after) a speech verb, and the entity it stands for. No Dagster.

Resolution works inside one article only, on its entity mentions:
- `named`: the speaker text holds a person (外交部发言人汪文斌 -> 汪文斌); failing that an organisation or a
  country (外交部, 美国) that speaks as itself;
- `role_of_org`: an unnamed role of a named organisation (外交部发言人) -> the organisation, unless an earlier
  quotation named the person in that role (then `role`);
- `pronoun`: 他/她/其 -> the one person named in this or the previous sentence, or the speaker of the previous
  quotation when several are;
- `role`: 该负责人, 这位官员, 发言人 -> the one earlier speaker (or person mention) written with that role;
- `subject`: no speaker before the verb (出席会议并讲话，强调…) -> the one person (else organisation) named earlier
  in the sentence;
- `unresolved`: anything unclear (plural pronouns, two candidates, a role nobody in the article holds).
"""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.quotes.sentences import Span, sentence_at

SINGULAR_PRONOUNS = ("他", "她", "其")
PLURAL_PRONOUNS = ("他们", "她们", "我们", "大家", "双方", "各方", "两人", "二人")
DEMONSTRATIVES = ("该", "这位", "那位", "此位", "这名", "该名")
# Nouns of a role or office: a speaker written with one is a person (named or not).
ROLE_WORDS = (
    "发言人", "负责人", "新闻发言人", "官员", "专家", "学者", "主任", "部长", "局长", "厅长", "司长", "处长", "科长",
    "书记", "主席", "总理", "总统", "首相", "大使", "领事", "代表", "委员", "院长", "校长", "所长", "经理", "董事长",
    "总裁", "市长", "省长", "县长", "区长", "镇长", "村长", "队长", "人士", "工作人员", "记者", "教授", "研究员",
    "医生", "总书记", "秘书长", "议员", "议长", "外长", "国务卿", "部长助理", "参赞", "司令员", "政委", "发起人",
    "创始人", "村民", "居民", "市民", "网友", "游客", "志愿者", "老师", "警官", "民警", "法官", "检察官", "律师",
    "分析师", "经济学家", "科学家", "工程师", "主持人", "总经理", "副总理", "副主席", "女士", "先生",
)
# Organisations that speak as a body end with one of these (公安部, 中方, 国务院新闻办).
ORG_SUFFIXES = ("部", "局", "委", "院", "会", "厅", "办", "方", "府", "馆", "署", "社", "台", "团", "组", "司", "所",
                "中心", "公司", "集团", "政府", "银行", "大学", "机构", "协会", "联盟", "组织", "法庭", "法院", "军")
MAX_SPEAKER_CHARS = 30


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entity_id: str
    type: str  # PER, LOC or ORG
    surface: str


@dataclass(frozen=True)
class Speaker:
    text: str | None
    start: int | None
    end: int | None
    entity_id: str | None
    resolution: str  # named, role_of_org, pronoun, role, subject, unresolved


@dataclass
class SpeakerContext:
    """What resolution may look back on: the article's sentences and mentions, and the quotations so far."""

    text: str
    sentences: list[Span]
    mentions: list[Mention]  # sorted by start
    earlier: list[tuple[Speaker, int]]  # resolved-or-not speakers of the article's quotations, with their offset

    def mentions_in(self, start: int, end: int, types: tuple[str, ...] = ("PER", "ORG", "LOC")) -> list[Mention]:
        return [m for m in self.mentions if m.start >= start and m.end <= end and m.type in types]


def looks_like_speaker(text: str, mentions: list[Mention]) -> bool:
    """A speaker is a name, a pronoun, a role or an organisation, and short; else the verb is no speech verb."""
    if not text or len(text) > MAX_SPEAKER_CHARS:
        return False
    if mentions or text in SINGULAR_PRONOUNS or text in PLURAL_PRONOUNS:
        return True
    return any(role in text for role in ROLE_WORDS) or text.endswith(ORG_SUFFIXES)


def resolve(context: SpeakerContext, text: str, start: int, end: int) -> Speaker:
    """The entity the speaker text stands for (see the module docstring), or unresolved."""
    inside = context.mentions_in(start, end)
    people = [m for m in inside if m.type == "PER"]
    if len({m.entity_id for m in people}) > 1:  # 巴雷特和伯克: several people speak together
        return Speaker(text, start, end, None, "unresolved")
    if people:
        return Speaker(text, start, end, people[-1].entity_id, "named")
    if text in SINGULAR_PRONOUNS:
        entity = _pronoun(context, start)
        return Speaker(text, start, end, entity, "pronoun" if entity else "unresolved")
    if text in PLURAL_PRONOUNS:
        return Speaker(text, start, end, None, "unresolved")
    role = _role_in(text)
    if role:
        earlier = _earlier_holder(context, role, start)
        if earlier:
            return Speaker(text, start, end, earlier, "role")
        bodies = [m for m in inside if m.type in ("ORG", "LOC")]
        if bodies and not text.startswith(DEMONSTRATIVES):
            return Speaker(text, start, end, bodies[-1].entity_id, "role_of_org")
        return Speaker(text, start, end, None, "unresolved")
    bodies = [m for m in inside if m.type in ("ORG", "LOC")]
    if bodies:
        return Speaker(text, start, end, bodies[-1].entity_id, "named")
    return Speaker(text, start, end, None, "unresolved")


def implied_subject(context: SpeakerContext, verb_start: int) -> Speaker | None:
    """No speaker written before the verb: the one person (else organisation) named earlier in its sentence;
    unresolved when several are; None when none is (the verb is then no speech verb)."""
    sentence = context.sentences[sentence_at(context.sentences, verb_start)] if context.sentences else Span(0, 0)
    for types in (("PER",), ("ORG",)):
        found = context.mentions_in(sentence.start, verb_start, types)
        if len({m.entity_id for m in found}) == 1:
            m = found[0]
            return Speaker(m.surface, m.start, m.end, m.entity_id, "subject")
        if found:  # several candidates: a speaker there is, but which one is unclear
            return Speaker(None, None, None, None, "unresolved")
    return None


def _pronoun(context: SpeakerContext, at: int) -> str | None:
    """The one person of this and the previous sentence; if several, the previous quotation's speaker among them."""
    index = sentence_at(context.sentences, at) if context.sentences else 0
    window_start = context.sentences[max(index - 1, 0)].start if context.sentences else 0
    people = context.mentions_in(window_start, at, ("PER",))
    distinct = {m.entity_id for m in people}
    if len(distinct) == 1:
        return people[0].entity_id
    if context.earlier:
        last, offset = context.earlier[-1]
        if last.entity_id and offset >= window_start and (not distinct or last.entity_id in distinct):
            return last.entity_id
    return None


def _role_in(text: str) -> str | None:
    found = [role for role in ROLE_WORDS if role in text]
    return max(found, key=len) if found else None


def _earlier_holder(context: SpeakerContext, role: str, before: int) -> str | None:
    """The one person the article already wrote with this role: an earlier speaker, or a person mention right
    after the role word (外交部发言人汪文斌)."""
    holders = {s.entity_id for s, offset in context.earlier
               if s.entity_id and s.text and role in s.text and s.resolution in ("named", "role", "role_of_org") and offset < before}
    for m in context.mentions:
        if m.type == "PER" and m.start < before and context.text[max(m.start - len(role), 0):m.start] == role:
            holders.add(m.entity_id)
    return holders.pop() if len(holders) == 1 else None

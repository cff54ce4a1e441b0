"""Who said it: the speaker as written before (or after) a speech verb, and the entity it stands for. No Dagster.

Resolution works inside one article only, on its entity mentions:
- `named`: the speaker text holds a person (外交部发言人汪文斌 -> 汪文斌); failing that an organisation or a
  country (外交部, 美国) that speaks as itself;
- `role_of_org`: an unnamed role of a named organisation (外交部发言人) -> the organisation, unless an earlier
  quotation named the person in that role (then `role`);
- `pronoun`: 他/她/其 -> the one person named in this or the previous sentence, or the speaker of the previous
  quotation when several are;
- `role`: 该负责人, 这位官员, 发言人 -> the one earlier speaker (or person mention) written with that role;
- `subject`: no speaker before the verb (出席会议并讲话，强调…) -> the first person (else organisation) named
  earlier in the sentence: its subject;
- `author`: a person's own document (批示指出, 贺电中表示) -> the one person named in the sentence before;
- `unresolved`: anything unclear (plural pronouns, two candidates, a role nobody in the article holds).
"""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.extract.entity_types import ORGANISATION, PERSON, PLACE
from pipelines.quotes.sentences import Span, sentence_at

SINGULAR_PRONOUNS = ("他", "她", "其")
PLURAL_PRONOUNS = ("他们", "她们", "我们", "大家", "双方", "各方", "两人", "二人", "人们")
# Documents and meetings speak too (会议指出, 文章说, 批示指出). A person's own document (批示, 贺电, 贺信, 报告)
# stands for the one person named in the sentence before it (李克强作出重要批示。批示指出…); the others are left
# unresolved (a meeting or an editorial is nobody's words in particular).
AUTHORED_DOCUMENTS = ("批示", "贺电", "贺信", "报告", "讲话", "信中", "贺词")
DOCUMENTS = (
    *AUTHORED_DOCUMENTS,
    "会议",
    "文章",
    "通知",
    "决定",
    "《决定》",
    "公报",
    "声明",
    "社论",
    "发布会",
    "意见",
    "纲要",
    "规划",
    "白皮书",
)
DEMONSTRATIVES = ("该", "这位", "那位", "此位", "这名", "该名")
# Nouns of a role or office: a speaker written with one is a person (named or not).
ROLE_WORDS = (
    "发言人",
    "负责人",
    "新闻发言人",
    "官员",
    "专家",
    "学者",
    "主任",
    "部长",
    "局长",
    "厅长",
    "司长",
    "处长",
    "科长",
    "书记",
    "主席",
    "总理",
    "总统",
    "首相",
    "大使",
    "领事",
    "代表",
    "委员",
    "院长",
    "校长",
    "所长",
    "经理",
    "董事长",
    "总裁",
    "市长",
    "省长",
    "县长",
    "区长",
    "镇长",
    "村长",
    "队长",
    "人士",
    "工作人员",
    "记者",
    "教授",
    "研究员",
    "医生",
    "总书记",
    "秘书长",
    "议员",
    "议长",
    "外长",
    "国务卿",
    "部长助理",
    "参赞",
    "司令员",
    "政委",
    "发起人",
    "创始人",
    "村民",
    "居民",
    "市民",
    "网友",
    "游客",
    "志愿者",
    "老师",
    "警官",
    "民警",
    "法官",
    "检察官",
    "律师",
    "分析师",
    "经济学家",
    "科学家",
    "工程师",
    "主持人",
    "总经理",
    "副总理",
    "副主席",
    "女士",
    "先生",
)
# Roles of a group of people (巴方友好人士): never resolved to the organisation or country named with them.
GROUP_ROLES = ("人士", "专家", "学者", "村民", "居民", "市民", "网友", "游客", "志愿者", "工作人员", "记者", "代表")
# Organisations that speak as a body end with one of these (公安部, 中方, 国务院新闻办).
ORG_SUFFIXES = (
    "部",
    "局",
    "委",
    "院",
    "会",
    "厅",
    "办",
    "方",
    "府",
    "馆",
    "署",
    "社",
    "台",
    "团",
    "组",
    "司",
    "所",
    "中心",
    "公司",
    "集团",
    "政府",
    "银行",
    "大学",
    "机构",
    "协会",
    "联盟",
    "组织",
    "法庭",
    "法院",
    "军",
)
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

    def mentions_in(
        self, start: int, end: int, types: tuple[str, ...] = (PERSON, ORGANISATION, PLACE)
    ) -> list[Mention]:
        return [m for m in self.mentions if m.start >= start and m.end <= end and m.type in types]


def looks_like_speaker(text: str, mentions: list[Mention]) -> bool:
    """A speaker is a name, a pronoun, a role or an organisation, and short; else the verb is no speech verb."""
    if not text or len(text) > MAX_SPEAKER_CHARS:
        return False
    if mentions or text in SINGULAR_PRONOUNS or text in PLURAL_PRONOUNS or text in DOCUMENTS:
        return True
    if len(text) == 2 and text[0] in "老小":  # 老金, 小王: how reports name ordinary people
        return True
    return any(role in text for role in ROLE_WORDS) or text.endswith(ORG_SUFFIXES)


def resolve(context: SpeakerContext, text: str, start: int, end: int) -> Speaker:
    """The entity the speaker text stands for (see the module docstring), or unresolved."""
    inside = context.mentions_in(start, end)
    people = [m for m in inside if m.type == PERSON]
    if len({m.entity_id for m in people}) > 1:  # 巴雷特和伯克: several people speak together
        return Speaker(text, start, end, None, "unresolved")
    if people:
        return Speaker(text, start, end, people[-1].entity_id, "named")
    if text in SINGULAR_PRONOUNS:
        entity = _pronoun(context, start)
        return Speaker(text, start, end, entity, "pronoun" if entity else "unresolved")
    if text in PLURAL_PRONOUNS:
        return Speaker(text, start, end, None, "unresolved")
    if text in DOCUMENTS:
        author = _author(context, start) if text in AUTHORED_DOCUMENTS else None
        return Speaker(text, start, end, author, "author" if author else "unresolved")
    role = _role_in(text)
    if role:
        earlier = _earlier_holder(context, role, start)
        if earlier:
            return Speaker(text, start, end, earlier, "role")
        bodies = [m for m in inside if m.type in (ORGANISATION, PLACE)]
        if bodies and not text.startswith(DEMONSTRATIVES) and role not in GROUP_ROLES:
            return Speaker(text, start, end, bodies[-1].entity_id, "role_of_org")
        return Speaker(text, start, end, None, "unresolved")
    bodies = [m for m in inside if m.type in (ORGANISATION, PLACE)]
    if bodies:
        return Speaker(text, start, end, bodies[-1].entity_id, "named")
    return Speaker(text, start, end, None, "unresolved")


def implied_subject(context: SpeakerContext, verb_start: int) -> Speaker | None:
    """No speaker written before the verb (出席会议并讲话，强调…): the sentence's subject, i.e. the first person
    (else organisation) of the first clause before the verb that names one; None when no clause does (the verb
    is then no speech verb)."""
    sentence = context.sentences[sentence_at(context.sentences, verb_start)] if context.sentences else Span(0, 0)
    for types in ((PERSON,), (ORGANISATION,)):
        found = [m for m in context.mentions_in(sentence.start, verb_start, types) if len(m.surface) > 1]
        if found:
            m = found[0]
            return Speaker(m.surface, m.start, m.end, m.entity_id, "subject")
    return None


def _pronoun(context: SpeakerContext, at: int) -> str | None:
    """The one person of this and the previous sentence; if several, the previous sentence's subject (the person
    it opens with) or the previous quotation's speaker among them; if none, the previous quotation's
    speaker when it is in the same paragraph. One-character person mentions are left out (tagger noise: 八 of
    十八大)."""
    index = sentence_at(context.sentences, at) if context.sentences else 0
    window_start = context.sentences[max(index - 1, 0)].start if context.sentences else 0
    people = [m for m in context.mentions_in(window_start, at, (PERSON,)) if len(m.surface) > 1]
    distinct = {m.entity_id for m in people}
    if len(distinct) == 1:
        return people[0].entity_id
    last = context.earlier[-1] if context.earlier else None
    if distinct:
        subject = _subject_of(context, window_start, people) if index > 0 else None
        if subject:
            return subject
        if last and last[0].entity_id in distinct and last[1] >= window_start:
            return last[0].entity_id
        return None
    if last and last[0].entity_id and "\n" not in context.text[last[1] : at]:
        return last[0].entity_id
    return None


SUBJECT_WITHIN_CHARS = 15  # a sentence's subject is named near its start (after a title: 国务院总理李克强)
CONJUNCTIONS = "和与及、同跟"


def _subject_of(context: SpeakerContext, sentence_start: int, people: list[Mention]) -> str | None:
    """The person a sentence opens with (贾庆林高度评价卢泰愚…), unless joined to another (张明和李华…)."""
    ordered = sorted((m for m in people if m.start >= sentence_start), key=lambda m: m.start)
    if not ordered or ordered[0].start - sentence_start > SUBJECT_WITHIN_CHARS:
        return None
    first = ordered[0]
    if len(ordered) > 1 and context.text[first.end : ordered[1].start].strip() in tuple(CONJUNCTIONS):
        return None
    return first.entity_id


def _author(context: SpeakerContext, at: int) -> str | None:
    """The one person named in the sentence before a document (李克强作出重要批示。批示指出…)."""
    index = sentence_at(context.sentences, at) if context.sentences else 0
    if index == 0:
        return None
    before = context.sentences[index - 1]
    people = {m.entity_id for m in context.mentions_in(before.start, before.end, (PERSON,)) if len(m.surface) > 1}
    return people.pop() if len(people) == 1 else None


def _role_in(text: str) -> str | None:
    found = [role for role in ROLE_WORDS if role in text]
    return max(found, key=len) if found else None


def _earlier_holder(context: SpeakerContext, role: str, before: int) -> str | None:
    """The one person the article already wrote with this role: an earlier speaker, or a person mention right
    after the role word (外交部发言人汪文斌)."""
    holders = {
        s.entity_id
        for s, offset in context.earlier
        if s.entity_id
        and s.text
        and role in s.text
        and s.resolution in ("named", "role", "role_of_org")
        and offset < before
    }
    for m in context.mentions:
        if m.type == PERSON and m.start < before and context.text[max(m.start - len(role), 0) : m.start] == role:
            holders.add(m.entity_id)
    return holders.pop() if len(holders) == 1 else None

"""Quotations in one article: direct speech in “…” or 「…」 and reported speech after a speech verb. No Dagster.

Offsets are 0-based character offsets into the article text `title + "\\n" + body` (as for entity mentions);
byte offsets are into that text's UTF-8 encoding. The rules (see sql/README.md "Quotations" for the guidelines
the evaluation used):
- direct: an outermost pair of quotation marks introduced by a speaker and a speech verb (王毅说：“…”) or followed
  by one (“…”，王毅说。); inner marks (‘…’, 『…』, a second “…”) stay part of the quote. Marks without a speech
  verb (scare quotes, names of campaigns, titles) are no quotation;
- reported: speaker + speech verb + what was said (王毅表示，中方…), the quote running to the end of the sentence;
  speech inside a direct quote is part of that quote, not a quotation of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.quotes.sentences import CLAUSE_ENDS, CLOSING_QUOTES, SENTENCE_ENDS, clause_start, sentences
from pipelines.quotes.speakers import Mention, Speaker, SpeakerContext, implied_subject, looks_like_speaker, resolve

QUOTES_VERSION = "quotes-1.1.0"

SPEECH_VERBS = (
    "表示",
    "指出",
    "强调",
    "说",
    "称",
    "认为",
    "透露",
    "回应",
    "介绍",
    "说道",
    "表态",
    "宣布",
    "声称",
    "坦言",
    "直言",
    "呼吁",
    "重申",
    "补充说",
    "警告",
    "承认",
    "否认",
    "谈到",
    "解释",
    "提到",
    "告诉记者",
    "对记者说",
    "宣称",
    "自称",
    "回答",
    "答道",
    "问道",
    "写道",
    "感慨",
    "感叹",
    "主张",
    "证实",
    "披露",
    "阐述",
    "重申说",
    "表明",
    "提醒",
)
# These take what was said right after them (王毅表示中方…) as well as after a comma.
DIRECT_OBJECT_VERBS = (
    "表示",
    "指出",
    "强调",
    "认为",
    "称",
    "表明",
    "呼吁",
    "重申",
    "宣布",
    "透露",
    "声称",
    "宣称",
    "承认",
    "否认",
    "证实",
    "披露",
    "警告",
    "提醒",
)
# A verb followed by one of these is a speech act, not speech: 表示感谢, 表示欢迎.
SPEECH_ACT_OBJECTS = (
    "感谢",
    "欢迎",
    "祝贺",
    "慰问",
    "哀悼",
    "敬意",
    "谢意",
    "赞赏",
    "同情",
    "关切",
    "满意",
    "遗憾",
    "赞同",
    "支持",
    "反对",
    "愿意",
    "衷心",
    "诚挚",
    "热烈",
    "深切",
    "强烈",
)
# The verb is part of another word: 据说 (reportedly), 小说 (novel), 简称 (abbreviated).
NOT_SPEECH_PREFIXES = (
    "据",
    "小",
    "演",
    "听",
    "传",
    "游",
    "解",
    "学",
    "简",
    "俗",
    "统",
    "号",
    "堪",
    "著",
    "并",
    "名",
    "职",
    "对",
    "相",
    "昵",
    "爱",
    "或",
)
# Speaker text is cut before what modifies the verb: 王毅在会见时表示 -> 王毅, 他还指出 -> 他.
SPEAKER_CUT_WORDS = (
    "在",
    "就",
    "对此",
    "对",
    "向",
    "针对",
    "接受",
    "通过",
    "当天",
    "当日",
    "今天",
    "昨天",
    "日前",
    "近日",
    "随后",
    "此前",
    "同时",
    "也",
    "还",
    "则",
    "又",
    "再次",
    "一再",
    "多次",
    "反复",
    "明确",
    "进一步",
    "特别",
    "都",
    "曾",
    "已经",
    "已",
    "更",
    "均",
    "亦",
    "最后",
    "首先",
    "一致",
    "共同",
    "当时",
    "会上",
    "会后",
    "此外",
    "另外",
    "专门",
    "于",
    "据此",
    "才",
    "便",
    "就此",
    "纷纷",
    "普遍",
)
# Only these verbs may go without a written speaker (出席会议并讲话，强调…): 感慨 after a comma is no speech.
IMPLIED_SPEAKER_VERBS = ("表示", "指出", "强调", "说", "认为", "称", "介绍", "透露", "回应", "宣布", "重申")
LEADING_WORDS = ("另据", "据", "并", "而", "但")
MIN_QUOTE_CHARS = 4
MAX_SPEAKER_WINDOW = 24  # “…”，王毅说: the speaker and verb after a closing mark are this close to it
SOUNDBITE_VERB = "："  # the verb of a soundbite: its speaker line's colon
MAX_SOUNDBITE_SPEAKER = 30
_VERB_PATTERN = re.compile("|".join(sorted(map(re.escape, SPEECH_VERBS), key=len, reverse=True)))


@dataclass(frozen=True)
class Quotation:
    kind: str  # direct or reported
    start: int
    end: int
    byte_start: int
    byte_end: int
    text: str
    verb: str
    verb_start: int
    speaker: Speaker


def find_quotations(text: str, mentions: list[Mention], body_start: int = 0) -> list[Quotation]:
    """Every quotation of the article, in text order. `mentions`: the article's entity mentions (any order);
    `body_start`: where the body begins (len(title) + 1): a headline summarises, so it holds no quotation."""
    spans = sentences(text)
    context = SpeakerContext(text, spans, sorted(mentions, key=lambda m: (m.start, m.end)), [])
    found: list[
        tuple[str, int, int, str, int, tuple[int, int] | None]
    ] = []  # kind, start, end, verb, verb_start, speaker span
    quoted = _outer_quotes(text)
    for q_start, q_end in quoted:
        attribution = _attribution_before(text, q_start) or _attribution_after(text, q_end)
        if attribution and q_end - q_start - 2 >= MIN_QUOTE_CHARS:
            verb, verb_start, speaker_span = attribution
            found.append(("direct", q_start + 1, q_end - 1, verb, verb_start, speaker_span))
    used_verbs = {f[4] for f in found}
    for match in _VERB_PATTERN.finditer(text):
        verb_start, verb = match.start(), match.group()
        if verb_start in used_verbs or any(s <= verb_start < e for s, e in quoted):
            continue
        reported = _reported(text, verb, verb_start, match.end(), quoted)
        if reported:
            found.append(("reported", reported[0], reported[1], verb, verb_start, None))
    found.sort(key=lambda f: (f[1], f[2]))
    quotations: list[Quotation] = []
    for kind, start, end, verb, verb_start, speaker_span in found:
        speaker = _speaker(context, text, verb, verb_start, speaker_span)
        if speaker is None or start < body_start:
            continue
        context.earlier.append((speaker, start))
        quotations.append(
            Quotation(
                kind, start, end, _bytes(text, start), _bytes(text, end), text[start:end], verb, verb_start, speaker
            )
        )
    return _without_overlaps(quotations)


_QUOTE_MARKS = re.compile("[“”「」\n]")


def _outer_quotes(text: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost pair “…” / 「…」, marks included; a pair never crosses a line break."""
    pairs, depth, opened = [], 0, -1
    for match in _QUOTE_MARKS.finditer(text):
        i, ch = match.start(), match.group()
        if ch in "“「":
            if depth == 0:
                opened = i
            depth += 1
        elif ch in "”」" and depth:
            depth -= 1
            if depth == 0:
                pairs.append((opened, i + 1))
        elif ch == "\n":
            depth = 0  # an unclosed mark (a quote running over paragraphs) is left alone
    return pairs


def _attribution_before(text: str, q_start: int) -> tuple[str, int, tuple[int, int] | None] | None:
    """王毅说：“…” / 他表示，“…” / 汪文斌表示“…”: the verb right before the opening mark; or a television
    soundbite, a speaker line ending in a colon right before it (村支书曹建平:“…”), whose verb is the colon."""
    if q_start > 0 and text[q_start - 1] in "：:":
        colon = q_start - 1
        if not any(text.endswith(v, 0, colon) for v in SPEECH_VERBS):
            start = clause_start(text, colon, 0)
            if 0 < colon - start <= MAX_SOUNDBITE_SPEAKER:
                return SOUNDBITE_VERB, colon, (start, colon)
    i = q_start
    while i > 0 and text[i - 1] in "：:，, ":
        i -= 1
    for verb in sorted(SPEECH_VERBS, key=len, reverse=True):
        if text.endswith(verb, max(i - len(verb), 0), i) and i - len(verb) >= 0:
            verb_start = i - len(verb)
            if _verb_is_word(text, verb, verb_start):
                return verb, verb_start, None
    return None


def _attribution_after(text: str, q_end: int) -> tuple[str, int, tuple[int, int]] | None:
    """“…”，王毅说。 / “…”他说: a short speaker clause and a verb that ends the clause after the closing mark."""
    i = q_end
    if i < len(text) and text[i] in "，,":
        i += 1
    window = text[i : i + MAX_SPEAKER_WINDOW]
    match = _VERB_PATTERN.search(window)
    if not match or match.start() == 0:
        return None
    after = i + match.end()
    if after < len(text) and text[after] not in SENTENCE_ENDS + CLAUSE_ENDS + "“「\n":
        return None
    if any(ch in SENTENCE_ENDS + CLAUSE_ENDS + "“「\n" for ch in window[: match.start()]):
        return None
    return match.group(), i + match.start(), (i, i + match.start())


def _reported(
    text: str, verb: str, verb_start: int, verb_end: int, quoted: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """What was said after the verb, to the end of its sentence; None when the verb is no speech verb here."""
    if not _verb_is_word(text, verb, verb_start):
        return None
    i = verb_end
    following = _VERB_PATTERN.match(text, i)
    if following:  # 强调指出, 表示说: one verb
        i = following.end()
    if i < len(text) and text[i] in "：:，,":
        i += 1
    elif verb not in DIRECT_OBJECT_VERBS or text.startswith(SPEECH_ACT_OBJECTS, i):
        return None
    if i < len(text) and text[i] in "“「":
        return None  # a direct quote: found as such, or its attribution did not hold
    end = i
    while end < len(text) and text[end] not in SENTENCE_ENDS and text[end] != "\n":
        inside = next((q for q in quoted if q[0] == end), None)
        end = inside[1] if inside else end + 1  # a quote inside reported speech is part of it
    while i < end and text[i].isspace():
        i += 1
    if end - i < MIN_QUOTE_CHARS:
        return None
    while end > i and text[end - 1] in CLOSING_QUOTES + CLAUSE_ENDS and text[end - 1] not in "”」":
        end -= 1
    return i, end


def _verb_is_word(text: str, verb: str, verb_start: int) -> bool:
    if len(verb) == 1 and verb_start > 0 and text[verb_start - 1] in NOT_SPEECH_PREFIXES:
        return False
    if verb == "说" and text.startswith(("说明", "说服", "说法", "说起"), verb_start):
        return False
    if verb == "称" and text[verb_start + 1 : verb_start + 2] in tuple("赞为作之号颂道"):
        return False  # 称赞 (praised), 称为 (called)
    return True


def _speaker(
    context: SpeakerContext, text: str, verb: str, verb_start: int, span: tuple[int, int] | None
) -> Speaker | None:
    """The speaker of a quotation, or None when the words before the verb are no speaker (so no quotation)."""
    if span is None:
        start = clause_start(text, verb_start, 0)
        span = (start, verb_start)
    start, end = _trim_speaker(text, *span, context)
    if start == end:
        if verb not in IMPLIED_SPEAKER_VERBS:
            return None
        return implied_subject(context, verb_start)  # None: nobody named before the verb, so no speech
    speaker_text = text[start:end]
    if not looks_like_speaker(speaker_text, context.mentions_in(start, end)):
        return None
    return resolve(context, speaker_text, start, end)


def _trim_speaker(text: str, start: int, end: int, context: SpeakerContext) -> tuple[int, int]:
    """Leading 据/并 off, and everything from the first word that modifies the verb (not inside a name)."""
    for word in LEADING_WORDS:
        if text.startswith(word, start) and start + len(word) <= end:
            start += len(word)
            break
    gap = max(
        text.rfind(" ", start, end),
        text.rfind("\u3000", start, end),
        text.rfind("]", start, end),
        text.rfind("】", start, end),
    )
    if gap >= 0:  # a headline without a full stop, or a [视频] tag, runs into the speaker: it starts after them
        start = gap + 1
    names = context.mentions_in(start, end)
    i = start + 1
    while i < end:
        if not any(m.start <= i < m.end for m in names) and text.startswith(SPEAKER_CUT_WORDS, i):
            end = i
            break
        i += 1
    if end - start >= 1 and text.startswith(SPEAKER_CUT_WORDS, start) and not any(m.start == start for m in names):
        return start, start  # 并强调 / 还表示: no speaker of its own
    while end > start and text[end - 1] in " 　":
        end -= 1
    return start, end


def _without_overlaps(quotations: list[Quotation]) -> list[Quotation]:
    """A reported quotation that overlaps a direct one (or an earlier one) is dropped: one span, one quotation."""
    kept: list[Quotation] = []
    for q in sorted(quotations, key=lambda q: (q.kind != "direct", q.start)):
        if all(q.end <= k.start or q.start >= k.end for k in kept):
            kept.append(q)
    return sorted(kept, key=lambda q: (q.start, q.end))


def _bytes(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-8"))

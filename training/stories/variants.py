"""Syndicated copies and teasers made from a real article by edits, for measuring (`make eval-stories`).

Every string added here is invented for this project (names, leads, credits); the article text itself is
read from ../shared at evaluation time and never stored. Each recipe imitates one way the same story is
carried elsewhere: a wire dateline and end mark, reporter and editor credits, other punctuation and width
forms, a new headline and lead sentence, a shortened version, light copy-editing, or all at once.
"""

from __future__ import annotations

import random
import re
import unicodedata

INVENTED_NAMES = ("林晓舟", "周可欣", "韩立群", "苏明远", "陶静怡", "欧阳云帆", "马骁", "梁一苇")
INVENTED_AGENCIES = ("新华社", "人民日报", "中新社", "光明日报")
INVENTED_PLACES = ("北京", "上海", "广州", "成都", "西安")
INVENTED_LEADS = (
    "记者从有关部门获悉,",
    "据有关方面介绍,",
    "这是记者日前从相关部门了解到的情况。",
    "连日来,这一消息引发各界广泛关注。",
    "一条消息近日受到不少读者关注:",
)
INVENTED_HEADLINE_FRAMES = ("关注|{}", "{}——记者观察", "聚焦:{}", "{}(附详情)")
# Copy-editing swaps an editor might make; both sides invented, common words only.
EDITS = (("今天", "今日"), ("日前", "近日"), ("表示", "说"), ("目前", "眼下"), ("进一步", "更加"), ("已经", "已"))
_SENTENCE = re.compile(r"(?<=[。!?;])")
_LEAD = re.compile(r"^(?:中国网络电视台消息|央视网消息)\((?:新闻联播)\):(?:本台消息,)?")
_FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in ",:;()!?"})  # , -> \uff0c and so on
_DISPLAY_CUT = 230  # the bench's teasers are one line cut at about 230 display columns


def _paragraphs(body: str) -> list[str]:
    return [p for p in body.split("\n") if p.strip()]


def wire_dateline(title: str, body: str, rng: random.Random) -> tuple[str, str]:
    """Another outlet's dateline instead of the broadcaster's lead, and the wire end mark."""
    paragraphs = _paragraphs(body)
    opening = _LEAD.sub("", paragraphs[0])
    agency, place = rng.choice(INVENTED_AGENCIES), rng.choice(INVENTED_PLACES)
    reporters = " ".join(rng.sample(INVENTED_NAMES, 2))
    paragraphs[0] = f"{agency}{place}{rng.randint(1, 12)}月{rng.randint(1, 28)}日电(记者 {reporters}){opening}"
    paragraphs[-1] += "(完)"
    return title, "\n".join(paragraphs)


def reporter_credits(title: str, body: str, rng: random.Random) -> tuple[str, str]:
    """A reporter line on top and an editor line below; 劳尔·卡斯特罗 written 劳尔・卡斯特罗."""
    paragraphs = _paragraphs(body)
    credit = f"本报记者 {' '.join(rng.sample(INVENTED_NAMES, 2))}"
    editor = f"责任编辑:{rng.choice(INVENTED_NAMES)}"
    text = "\n".join([credit, *paragraphs, editor])
    return title.replace("·", "・"), text.replace("·", "・")


def typography(title: str, body: str, rng: random.Random) -> tuple[str, str]:
    """Full-width punctuation and digits, curly quotes, stray spaces: the same characters otherwise."""

    def widen(text: str) -> str:
        text = text.translate(_FULL_WIDTH)
        text = re.sub(r"\d", lambda m: chr(ord(m.group()) + 0xFEE0), text)
        return text.replace('"', "\u201c")

    spaced = re.sub(r"(,)", lambda m: m.group() + (" " if rng.random() < 0.3 else ""), body)
    return widen(title), widen(spaced)


def new_headline_and_lead(title: str, body: str, rng: random.Random) -> tuple[str, str]:
    """A re-edited headline and the first sentence replaced by an invented lead."""
    paragraphs = _paragraphs(body)
    first = _LEAD.sub("", paragraphs[0])
    sentences = [s for s in _SENTENCE.split(first) if s]
    rest = "".join(sentences[1:]) if len(sentences) > 1 and len(paragraphs) == 1 or len(sentences) > 2 else first
    paragraphs[0] = rng.choice(INVENTED_LEADS) + rest
    return rng.choice(INVENTED_HEADLINE_FRAMES).format(title), "\n".join(paragraphs)


def shortened(title: str, body: str, rng: random.Random) -> tuple[str, str]:
    """The last paragraph (or, for one paragraph, the last sentence) cut, as syndication trims copy."""
    paragraphs = _paragraphs(body)
    if len(paragraphs) > 2:
        return title, "\n".join(paragraphs[:-1])
    sentences = [s for s in _SENTENCE.split(paragraphs[-1]) if s]
    if len(sentences) > 3:
        paragraphs[-1] = "".join(sentences[:-1])
    return title, "\n".join(paragraphs)


def light_edit(title: str, body: str, rng: random.Random) -> tuple[str, str]:
    """Copy-editing: a few word swaps and one dropped clause."""
    for old, new in rng.sample(EDITS, 3):
        body = body.replace(old, new, 1)
    clauses = body.split(",")
    if len(clauses) > 6:
        del clauses[rng.randrange(1, len(clauses) - 1)]
    return title, ",".join(clauses)


def combined(title: str, body: str, rng: random.Random) -> tuple[str, str]:
    """Dateline, credits, typography and copy-editing together."""
    for recipe in (wire_dateline, light_edit, typography):
        title, body = recipe(title, body, rng)
    return title, body


RECIPES = {
    "wire_dateline": wire_dateline,
    "reporter_credits": reporter_credits,
    "typography": typography,
    "new_headline_and_lead": new_headline_and_lead,
    "shortened": shortened,
    "light_edit": light_edit,
    "combined": combined,
}


def teaser_of(title: str, body: str) -> tuple[str, str]:
    """The one-line teaser the dumps carry: the body on one line, cut at ~230 display columns, + `...`."""
    line, width = [], 0
    for char in "".join(body.split("\n")):
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if width > _DISPLAY_CUT:
            break
        line.append(char)
    return title, "".join(line) + "..."

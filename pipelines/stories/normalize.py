"""The text two copies of one story share: no outlet lead, no reporter line, no punctuation or width forms.

Copies of a story differ in what names the outlet (新华社北京3月5日电, 央视网消息(新闻联播):), who wrote it
((记者 张三), 责任编辑:李四), and typography: full- vs half-width forms, 劳尔·卡斯特罗 vs 劳尔・卡斯特罗,
“” vs "", spaces. None of that is the story, so the comparison text drops all of it and keeps letters and
digits only.
"""

from __future__ import annotations

import re
import unicodedata

from pipelines.ingest.dateline import strip_source_lead

# A parenthesised credit anywhere: (记者 张三 李四), （通讯员 王五）, (完), (编辑:赵六).
_CREDIT_GROUP = re.compile(
    r"[(（【\[]\s*(?:本报|本台)?(?:[^()（）【】\[\]\n]{0,8}?(?:记者|通讯员|实习生|编辑|责编|摄影|摄|报道|来源|校对)"
    r"[^()（）【】\[\]\n]{0,40}|完)\s*[)）】\]]"
)
# A paragraph that is only a credit: 责任编辑:李四 / 本报记者 张三 李四 / 记者 张三 报道 / 来源: 人民日报.
_CREDIT_LINE = re.compile(
    r"^\s*(?:[(（【\[])?\s*(?:本报|本台|新华社|人民日报)?\s*(?:特约|见习|实习)?"
    r"(?:记者|通讯员|编辑|责任编辑|责编|摄影|来源|校对|审核)\s*[:：]?\s*[\u4e00-\u9fff\s、,，/]{0,40}?"
    r"(?:报道|摄)?\s*(?:[)）】\]])?\s*$"
)
# A credit the teaser's cut went through: (视频编辑:王...  — its full article drops the whole group.
_CUT_CREDIT_END = re.compile(
    r"[(（【\[]\s*[^()（）【】\[\]\n]{0,8}?(?:记者|通讯员|实习生|编辑|责编|摄影|来源|校对)[^()（）【】\[\]\n]{0,40}$"
)
_ELLIPSIS_END = re.compile(r"(?:\.{3,}|…+|。。。)\s*$")
_NOT_WORD = re.compile(r"[\W_]+")


def plain(text: str) -> str:
    """Letters and digits only, NFKC-folded (full-width forms, compatibility characters), lower-cased."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text)).lower()


def strip_credits(body: str) -> str:
    """The body without its dateline/source lead, reporter and editor credits, and an end mark (完)."""
    paragraphs = [p for p in body.split("\n") if not _CREDIT_LINE.match(p)]
    text = strip_source_lead("\n".join(paragraphs))
    return _CREDIT_GROUP.sub("", text)


def story_text(title: str, body: str) -> str:
    """What near-duplicate comparison sees: the title and the body without lead and credits, `plain`.

    The title is kept because a brief is often little more than its title; a copy with a new title
    still shares the body, which is most of the text.
    """
    return plain(title) + plain(strip_credits(body))


def teaser_text(body: str) -> str:
    """A teaser's text as a prefix of its full article's `opening_text`: the cut mark removed."""
    return plain(strip_credits(_CUT_CREDIT_END.sub("", _ELLIPSIS_END.sub("", body.strip()))))


def opening_text(body: str) -> str:
    """A full article's body as `teaser_text` sees it, to test whether a teaser is its prefix."""
    return plain(strip_credits(body))


def title_text(title: str) -> str:
    """A title without series brackets' punctuation or width forms: 【时代楷模】崔根良 -> 时代楷模崔根良."""
    return plain(title)

"""Tell GB18030 from Big5, Shift_JIS, EUC-JP and EUC-KR for text that is not UTF-8. Pure, no Dagster.

Most byte strings of one of these encodings also decode without error in another (Big5, EUC-KR and
EUC-JP text is valid GB18030), so a strict decode proves nothing. Each candidate decoding is scored by
how much of its text is made of the language's most frequent characters: real text in its own
encoding scores 0.3-0.6, the same bytes misread in another encoding score near 0 (the characters
land on effectively random code points). The best decoding wins; Japanese and Korean are refused
(this warehouse holds Chinese news; storing them as Chinese would be garbage).

Only these codecs can ever be chosen, and each maps every character to a fixed byte length, so
record byte ranges computed by re-encoding are exact (dump.py also verifies every range).
The frequent-character lists below were written for this project from general knowledge of the
languages (no corpus was copied).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# The most frequent simplified characters of modern written Chinese.
_HANS = set(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作"
    "里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从"
    "想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头"
    "文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提"
    "立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务"
    "做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基"
)
# The same list in traditional characters (only the characters that differ are mapped).
_TO_HANT = dict(
    zip(
        "这个们来为国说时会对于着过发后里种经么学现当没动还进从实军无与长机关点业将两间问战头体见产"
        "新制话回内给门东声员解论处义几认条系题尔别变总电数报结务计场资众统区队专",
        "這個們來為國說時會對於著過發後裡種經麼學現當沒動還進從實軍無與長機關點業將兩間問戰頭體見產"
        "新製話回內給門東聲員解論處義幾認條系題爾別變總電數報結務計場資眾統區隊專",
    )
)
_HANT = {_TO_HANT.get(ch, ch) for ch in _HANS} | {"裏", "後", "臺", "台"}
# Japanese running text is mostly kana (half-width katakana excluded: misread bytes produce them).
_JA = {chr(c) for c in range(0x3041, 0x3097)} | {chr(c) for c in range(0x30A1, 0x30FB)}
# The most frequent Korean syllables.
_KO = set(
    "이다의는에을를가고하지서한로기사대들자도리시인어수정나일게적보해으전구주그부장과면제있만상성요국위원경"
    "것라우아스소조없말년되며여니했까내할와때문동안생중방화신회학계간"
)


@dataclass(frozen=True)
class Candidate:
    codec: str  # Python codec name, stored in dumps.encoding
    language: str  # what text in this codec is written in
    common: frozenset[str]
    supported: bool  # False: recognised only to refuse it with a clear reason


LEGACY_CANDIDATES = (
    Candidate("gb18030", "Chinese (simplified)", frozenset(_HANS), True),
    Candidate("cp950", "Chinese (traditional, Big5)", frozenset(_HANT), True),
    # UTF-16 without a BOM and with too few ASCII characters for the NUL-byte guess in decode.py.
    Candidate("utf-16-le", "Chinese (UTF-16 LE, no BOM)", frozenset(_HANS | _HANT), True),
    Candidate("utf-16-be", "Chinese (UTF-16 BE, no BOM)", frozenset(_HANS | _HANT), True),
    Candidate("cp932", "Japanese (Shift_JIS)", frozenset(_JA), False),
    Candidate("euc_jp", "Japanese (EUC-JP)", frozenset(_JA), False),
    Candidate("cp949", "Korean (EUC-KR)", frozenset(_KO), False),
)
_SAMPLE_CHARS = 200_000  # scoring a prefix is enough and keeps large files fast
_MIN_LETTERS = 30  # below this many letters, scores are noise: prefer the supported codecs in order
_MIN_SCORE = 0.08  # real text scores 0.3+; misread bytes 0.0-0.05


class LegacyDecodeError(ValueError):
    """No supported encoding fits; the message says what the text looks like instead."""


def score(text: str, common: frozenset[str]) -> tuple[float, int]:
    """(share of the letters that are among the language's frequent characters, number of letters)."""
    letters = hits = 0
    for ch in text[:_SAMPLE_CHARS]:
        if ch < "\x80" or not unicodedata.category(ch).startswith("L"):
            continue
        letters += 1
        hits += ch in common
    return (hits / letters if letters else 0.0), letters


def best_legacy_decoding(raw: bytes, max_damage: int) -> tuple[str, int, str]:
    """(codec, 0, text) for the best-scoring candidate; raises LegacyDecodeError for Japanese/Korean/garbage.

    Strict decodes are preferred; a supported codec with at most `max_damage` undecodable bytes
    (kept as surrogate escapes, quarantined later as `undecodable`) is the fallback.
    """
    decoded = []
    for candidate in LEGACY_CANDIDATES:
        try:
            decoded.append((candidate, raw.decode(candidate.codec)))
        except UnicodeDecodeError:
            continue
    if not decoded:
        for candidate in LEGACY_CANDIDATES:
            if not candidate.supported or candidate.codec.startswith("utf-16"):
                continue  # surrogate escapes do not survive re-encoding in UTF-16
            text = raw.decode(candidate.codec, "surrogateescape")
            if sum(1 for ch in text if "\udc80" <= ch <= "\udcff") <= max_damage:
                decoded.append((candidate, text))
    if not decoded:
        raise LegacyDecodeError("undecodable: not UTF-8, UTF-16, GB18030 or Big5 text")
    scored = [(score(text, c.common), c, text) for c, text in decoded]
    letters = max(n for (_, n), _, _ in scored)
    if letters < _MIN_LETTERS:
        supported = [(c, text) for _, c, text in scored if c.supported]
        if supported:
            return supported[0][0].codec, 0, supported[0][1]
    (best_score, _), best, text = max(scored, key=lambda item: item[0][0])
    if not best.supported:
        raise LegacyDecodeError(
            f"text looks like {best.language} ({best.codec}; {best_score:.0%} frequent characters), "
            "not Chinese: refused rather than stored garbled"
        )
    if best_score < _MIN_SCORE and letters >= _MIN_LETTERS:
        raise LegacyDecodeError(
            f"undecodable: no supported encoding gives plausible text (best: {best.codec}, "
            f"{best_score:.0%} frequent characters)"
        )
    return best.codec, 0, text

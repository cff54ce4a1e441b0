"""Geocode place names that the NER model labelled LOC.

Only spans are resolved, never free text: scanning text for place names
(cpca's transform does) turns 医保定点 into 保定市.

Chinese places come from the administrative-division table that cpca ships
(`cpca/resources/adcodes.csv`: adcode, name, lon, lat).  That table predates
the 2018 code revisions (e.g. 那曲地区 542400 / 尼玛县 542430 rather than
那曲市 540600 / 540630; 吐鲁番市 650400), so keys follow the old codes.  Places
outside China come from `resources/world_places.tsv` (hand-written).

Keys are stable across runs: `CN:<6-digit adcode>`, `XX:<ISO2>` for
countries (China itself is `XX:CN`), `CITY:<ISO2>:<name>` for world cities.

Ambiguity rule (deterministic): candidates are ranked by
  1. agreement with the article context (same city > same province/country),
  2. a full official name match (朝阳区) over a suffix-stripped alias (朝阳),
  3. higher level first (province > city > county), countries before cities,
  4. smallest adcode (older, usually larger and better-known units first:
     朝阳区 -> Beijing's, 鼓楼区 -> Nanjing's).
A full name beats an alias outright, so a world name that equals a Chinese
short name wins: 黑山 is Montenegro, not 黑山县 (say 黑山县 for that).
"""

from __future__ import annotations

import csv
import importlib.util
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipelines.extract.abbreviations import abbreviated_place, is_compound

# Locate cpca's data without importing it: `import cpca` pulls in jieba and
# pandas and costs over a second, while we only need two small csv files.
_spec = importlib.util.find_spec("cpca")
CPCA_RESOURCES = Path(_spec.origin).parent / "resources" if _spec and _spec.origin else Path()
WORLD_TSV = Path(__file__).parent / "resources" / "world_places.tsv"

_LEVEL_RANK = {"country": 0, "region": 0, "province": 1, "city": 2, "world_city": 2, "county": 3}
# Suffixes dropped to build short aliases; longest first (地区 before 区).
_SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "新区",
    "省",
    "市",
    "县",
    "区",
    "盟",
    "旗",
)
# One-character abbreviations (京 in 京津冀, 美 in 中美, 新 in 中新两国) and compounds of them (中美, 中非) are
# resolved only from the characters around the span (abbreviations.py): never on their own, never as a prefix of a
# longer name, never as a third place.
# What may follow a place inside a LOC span without changing where it is:
# 四川盆地中南部, 重庆西部和北部, 美国方面.
_LEFTOVER_RE = re.compile(
    r"(?:[东南西北中]{1,3}部|地区|境内|全境|全省|全市|全县|一带|沿海|沿岸|沿线|等地|"
    r"市区|城区|郊区|周边|盆地|当地|方面|各地|大部|局部|省内|市内|县城|北方|南方|"
    r"腹地|边境|[东南西北]侧|[和及与、]|以[东南西北])+"
)
# A tail that makes the span a different place or an organisation, not a part of the place it starts
# with: 朝鲜|半岛, 日本|海, 中国|国家博物馆, 北京|大学, 马里|兰州. (Checked after _LEFTOVER_RE's area words.)
_OTHER_PLACE_RE = re.compile(
    r"(?:半岛|海|洋|湾|峡|群岛|岛|礁|河|江|湖|山|山脉|峰|高原|平原|沙漠|州|省|市|县|区|镇|乡|村|"
    r"馆|院|校|大学|学院|公司|集团|银行|中心|局|部|委|会|站|机场|队|团|社|所|厂|台|网|报|党|军)$"
)
_CLEAN_RE = re.compile(r"[\s·•()（）\[\]【】<>《》\"'“”‘’]")


@dataclass(frozen=True, slots=True)
class Place:
    key: str
    name: str
    country_code: str | None
    adcode: str | None
    province: str | None
    city: str | None
    county: str | None
    longitude: float | None
    latitude: float | None
    level: str


def _normalise(s: str) -> str:
    return _CLEAN_RE.sub("", unicodedata.normalize("NFKC", s))


def _load_nations() -> list[str]:
    with open(CPCA_RESOURCES / "56_nations.csv", encoding="utf-8") as f:
        names = [line.strip() for line in f if line.strip()]
    # 蒙古自治县 omits 族, so try both forms; longest first.
    forms = set(names) | {n[:-1] for n in names if n.endswith("族") and len(n) > 2}
    return sorted(forms, key=len, reverse=True)


def _short_name(name: str, nations: list[str]) -> str | None:
    """广西壮族自治区 -> 广西, 尼玛县 -> 尼玛; None when nothing sensible is left."""
    base = name
    for suf in _SUFFIXES:
        if base.endswith(suf) and len(base) > len(suf):
            base = base[: -len(suf)]
            break
    # Strip trailing nationality names (黔东南苗族侗族) while two or more
    # characters remain, so 内蒙古 and 西藏 survive.
    changed = True
    while changed:
        changed = False
        for n in nations:
            if base.endswith(n) and len(base) - len(n) >= 2:
                base = base[: -len(n)]
                changed = True
                break
    return base if len(base) >= 2 and base != name else None


def _flt(s: str) -> float | None:
    return float(s) if s else None


class Geocoder:
    def __init__(
        self,
        places: list[Place],
        full: dict[str, list[Place]],
        alias: dict[str, list[Place]],
        by_name: dict[str, Place],
    ):
        self.places = places
        self._full = full
        self._alias = alias
        self._by_name = by_name
        self._max_len = max(len(k) for k in list(full) + list(alias))
        self._cache: dict[str, list[Place]] = {}

    def names(self, *, chinese: bool) -> frozenset[str]:
        """Every name and alias of two or more characters of Chinese divisions (chinese=True) or
        of world places: the NER tagger's place gazetteer is built from the same data."""
        out = set()
        for table in (self._full, self._alias):
            for name, places in table.items():
                # Regions (seas, peninsulas, US states) were added after the NER model was trained
                # on this gazetteer: leave them out so its features stay as trained.
                if len(name) >= 2 and any((p.adcode is not None) == chinese and p.level != "region" for p in places):
                    out.add(name)
        return frozenset(out)

    @classmethod
    def load(cls) -> Geocoder:
        nations = _load_nations()
        rows: dict[str, tuple[str, float | None, float | None]] = {}
        with open(CPCA_RESOURCES / "adcodes.csv", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                name = r["name"]
                # Placeholder rows (市辖区, 省直辖县级行政区划) are not places.
                if name in ("市辖区", "县") or "直辖" in name:
                    continue
                rows[r["adcode"][:6]] = (name, _flt(r["longitude"]), _flt(r["latitude"]))
        places: list[Place] = []
        full: dict[str, list[Place]] = {}
        alias: dict[str, list[Place]] = {}
        for code in sorted(rows):
            name, lon, lat = rows[code]
            prov = rows.get(code[:2] + "0000", (None,))[0]
            if code.endswith("0000"):
                level, city, county = "province", None, None
            elif code.endswith("00"):
                level, city, county = "city", name, None
            else:
                level, county = "county", name
                city = rows.get(code[:4] + "00", (None,))[0]
            p = Place(f"CN:{code}", name, "CN", code, prov, city, county, lon, lat, level)
            places.append(p)
            full.setdefault(name, []).append(p)
            short = _short_name(name, nations)
            if short:
                alias.setdefault(short, []).append(p)
        with open(WORLD_TSV, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                level, cc, name, aliases, lon, lat = line.rstrip("\n").split("\t")
                if level == "region":  # a sea, strait, peninsula or region: REGION:朝鲜半岛, REGION:US:马里兰州
                    key = f"REGION:{name}" if cc == "-" else f"REGION:{cc}:{name}"
                else:
                    key = f"XX:{cc}" if level == "country" else f"CITY:{cc}:{name}"
                p = Place(key, name, None if cc == "-" else cc, None, None, None, None, _flt(lon), _flt(lat), level)
                places.append(p)
                # Country names and their listed aliases are official forms:
                # a span that starts with one may carry extra words (美国方面).
                for n in [name] + [a for a in aliases.split("|") if a]:
                    (full if len(n) >= 2 else alias).setdefault(n, []).append(p)
        by_name = {p.name: p for p in places if p.level in ("province", "country", "region")}
        return cls(places, full, alias, by_name)

    # -- resolution -------------------------------------------------------

    def _segment(self, s: str) -> tuple[list[tuple[list[Place], bool, int]], str]:
        """Greedy longest-prefix split: 浙江省台州市 -> [浙江省], [台州市]; each with its end offset."""
        segs: list[tuple[list[Place], bool, int]] = []
        i, n = 0, len(s)
        while i < n:
            for j in range(min(n, i + self._max_len), i + 1, -1):
                piece = s[i:j]
                if piece in self._full:
                    segs.append((self._full[piece], True, j))
                    break
                if piece in self._alias:
                    segs.append((self._alias[piece], False, j))
                    break
            else:
                break
            i = j
        return segs, s[i:]

    def is_full_name(self, name: str) -> bool:
        """Whether `name` is a place's official name or listed alias (朝阳区, 美国, 马尼拉), not a short form."""
        return _normalise(name) in self._full

    def candidates(self, surface: str) -> list[Place]:
        """All places `surface` may denote, best first, ignoring context."""
        hit = self._cache.get(surface)
        if hit is not None:
            return hit
        result = self._candidates(_normalise(surface))
        if len(self._cache) < 200_000:
            self._cache[surface] = result
        return result

    def _candidates(self, s: str) -> list[Place]:
        if not s:
            return []
        segs, leftover = self._segment(s)
        if not segs:
            return []
        if len(segs) == 1 and not leftover and s in self._alias and any(p.level == "region" for p in segs[0][0]):
            # A sea that shares its name with a district's short form (南海, 东海): the sea first,
            # the district when the article's other places point to it.
            return sorted(segs[0][0], key=_rank_key) + sorted(self._alias[s], key=_rank_key)
        chain = list(segs[0][0])
        last_full = segs[0][1]
        consumed = segs[0][2]
        for cands, is_full, end in segs[1:]:
            narrowed = [c for c in cands if any(_within(c, a) for a in chain)]
            if not narrowed:
                # 台州学院-like tails that happen to start with a place name, or a longer
                # name that starts with a shorter one (马里|兰州 is 马里兰州, not Mali).
                leftover = s[consumed:]
                break
            chain, last_full, consumed = narrowed, is_full, end
        if leftover and not (_LEFTOVER_RE.fullmatch(leftover) or (last_full and not _OTHER_PLACE_RE.search(leftover))):
            return []
        return sorted(chain, key=_rank_key)

    def resolve(
        self, surface: str, context: list[str] | None = None, around: tuple[str, str] | None = None
    ) -> Place | None:
        """`context`: the article's other LOC surfaces; `around`: the text just before and after the
        span, which alone can tell what a one-character abbreviation (美, 新, 苏) stands for."""
        s = _normalise(surface)
        if len(s) == 1:
            return self.abbreviation(s, around, context)
        if self.compound_places(s, around, context) is not None:
            return None  # 中美, 中非合作: the partners (see compound_places), never one third place
        cands = self.candidates(surface)
        if not cands:
            return None
        # A district's short name is often a region, a sea or a plain word (江南, 南海, 朝阳):
        # only trust it when it is unambiguous and not such a word, or the article backs it up.
        needs_context = self._short_district(surface, cands)
        if (len(cands) == 1 or not context) and not needs_context:
            return cands[0]
        if needs_context and not context:
            return None
        cities: set[str] = set()
        provinces: set[str] = set()
        countries: set[str] = set()
        for c in context:
            if c == surface:
                continue
            top = self.candidates(c)
            if not top:
                continue
            p = top[0]
            if p.adcode:
                provinces.add(p.adcode[:2])
                if p.level in ("city", "county"):
                    cities.add(p.adcode[:4])
            elif p.country_code:
                countries.add(p.country_code)

        def score(p: Place) -> int:
            if p.adcode:
                return 3 * (p.adcode[:4] in cities and p.level != "province") + 2 * (p.adcode[:2] in provinces)
            return 2 * (p.country_code in countries)

        best = max(score(p) for p in cands)
        if needs_context and best == 0:
            return None
        # `cands` is already in rank order, so the first best-scoring wins ties.
        return next(p for p in cands if score(p) == best)

    def abbreviation(self, char: str, around: tuple[str, str] | None, context: list[str] | None = None) -> Place | None:
        """京 in 京津冀 -> Beijing, 新 in 中新两国 -> Singapore, 非 in 中非合作 -> Africa, 华 in 访华 -> China;
        nothing for a character outside a pair, a list or a verb (abbreviations.py)."""
        name = abbreviated_place(char, around, self._countries_of(context))
        return self._by_name.get(name) if name else None

    def compound_places(
        self, surface: str, around: tuple[str, str] | None, context: list[str] | None = None
    ) -> list[Place] | None:
        """The partners of a compound of abbreviations (中美 -> China, the United States; 中非合作 -> China,
        Africa): None when `surface` is no compound, [] when one partner cannot be told (both or none)."""
        s = _normalise(surface)
        left, right = around if around is not None else ("", "")
        if not is_compound(s, right, bool(self.candidates(s))):
            return None
        places = [self.abbreviation(c, (left + s[:i], s[i + 1 :] + right), context) for i, c in enumerate(s)]
        if any(p is None for p in places) or len({p.key for p in places}) != len(places):
            return []
        return places

    def _countries_of(self, context: list[str] | None) -> frozenset[str]:
        if not context:
            return frozenset()
        return frozenset(top[0].name for top in map(self.candidates, context) if top and top[0].level == "country")

    def _short_district(self, surface: str, cands: list[Place]) -> bool:
        s = _normalise(surface)
        if s in self._full or s not in self._alias or not all(p.level == "county" for p in cands):
            return False
        # The short form of a district, county or banner (吉利 for 吉利区, 兴国 for 兴国县) is as often a
        # plain word or a brand; a county-level city's (温岭, 义乌) rarely is.
        return len(cands) > 1 or s in _REGION_WORDS or not cands[0].name.endswith("市")


# Short forms of district names that mostly mean a region, sea or direction in news text.
_REGION_WORDS = frozenset(
    [
        "南海",
        "东海",
        "黄海",
        "渤海",
        "江南",
        "江北",
        "华南",
        "华北",
        "华东",
        "华中",
        "西南",
        "东北",
        "西北",
        "中原",
        "关中",
        "岭南",
        "河东",
        "河西",
        "城关",
        "城中",
        "城东",
        "城西",
        "城南",
        "城北",
        "新城",
        "市中",
        "郊区",
        "矿区",
        "朝阳",
        "长安",
        "白云",
        "青山",
        "西湖",
        "太湖",
        "东湖",
        "南山",
        "北山",
        "东城",
        "西城",
        "东区",
        "西区",
        "南区",
        "北区",
        "中区",
        "平安",
        "和平",
        "新华",
        "解放",
        "人民",
        "光明",
        "文化",
        "高新",
        "开发",
    ]
)


def _within(child: Place, parent: Place) -> bool:
    if parent.level == "country":
        return child.country_code == parent.country_code and child.level != "country"
    if parent.adcode and child.adcode:
        if parent.level == "province":
            return child.adcode[:2] == parent.adcode[:2] and child.adcode != parent.adcode
        if parent.level == "city":
            return child.adcode[:4] == parent.adcode[:4] and child.level == "county"
    return False


def _rank_key(p: Place) -> tuple:
    return (_LEVEL_RANK[p.level], p.adcode or "", p.key)


@lru_cache(maxsize=1)
def default_geocoder() -> Geocoder:
    return Geocoder.load()

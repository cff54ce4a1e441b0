"""One-character abbreviations of countries, provinces and continents (美 in 中美关系, 京 in 京津冀, 非 in
中非合作), and bilateral compounds of them (中美, 中日韩, 孟中印缅). Pure text rules, no Dagster.

An abbreviation is a place only where it stands for one in a pair or a list (中美关系, 中日韩, 苏浙沪), after a verb
that takes a country (访华, 赴美) or a city (在京, 来沪), or before a word naming its side (美方, 日军); a character
of a word (奥 in 冬奥会, 日 in 抗日战争) is no place. A compound resolves to all of its partners or to none: never
to a third place (中非 is China and Africa, not the Central African Republic, unless the words after it name a
country's attributes: 中非总统, 中非共和国).

Abbreviation mentions are stored with their place but flagged (`entity_mentions.method = 'abbreviation'`) and kept
out of the rankings.
"""

from __future__ import annotations

import re

PROVINCE_ABBREV = {
    "京": "北京市",
    "津": "天津市",
    "沪": "上海市",
    "渝": "重庆市",
    "冀": "河北省",
    "晋": "山西省",
    "辽": "辽宁省",
    "吉": "吉林省",
    "黑": "黑龙江省",
    "苏": "江苏省",
    "浙": "浙江省",
    "皖": "安徽省",
    "闽": "福建省",
    "赣": "江西省",
    "鲁": "山东省",
    "豫": "河南省",
    "鄂": "湖北省",
    "湘": "湖南省",
    "粤": "广东省",
    "桂": "广西壮族自治区",
    "琼": "海南省",
    "川": "四川省",
    "蜀": "四川省",
    "黔": "贵州省",
    "滇": "云南省",
    "藏": "西藏自治区",
    "陕": "陕西省",
    "甘": "甘肃省",
    "陇": "甘肃省",
    "青": "青海省",
    "宁": "宁夏回族自治区",
    "新": "新疆维吾尔自治区",
    "港": "香港特别行政区",
    "澳": "澳门特别行政区",
    "台": "台湾省",
}
# In a pair with another country (中新两国, 中吉关系): None where the character names several countries
# (巴: Pakistan/Brazil/Palestine; 苏: Sudan, or the Soviet Union in older text; 马: Malaysia/Mali/Malta): the
# article's own countries may then tell which (see `abbreviated_place`). Continents pair like countries
# (中非合作, 中欧班列, 亚非, 中拉).
COUNTRY_ABBREV = {
    "中": "中国",
    "华": "中国",
    "美": "美国",
    "俄": "俄罗斯",
    "日": "日本",
    "韩": "韩国",
    "英": "英国",
    "法": "法国",
    "德": "德国",
    "印": "印度",
    "朝": "朝鲜",
    "叙": "叙利亚",
    "越": "越南",
    "泰": "泰国",
    "柬": "柬埔寨",
    "蒙": "蒙古国",
    "以": "以色列",
    "墨": "墨西哥",
    "加": "加拿大",
    "埃": "埃及",
    "缅": "缅甸",
    "古": "古巴",
    "菲": "菲律宾",
    "土": "土耳其",
    "希": "希腊",
    "葡": "葡萄牙",
    "新": "新加坡",
    "吉": "吉尔吉斯斯坦",
    "哈": "哈萨克斯坦",
    "塔": "塔吉克斯坦",
    "老": "老挝",
    "澳": "澳大利亚",
    "意": "意大利",
    "荷": "荷兰",
    "挪": "挪威",
    "芬": "芬兰",
    "丹": "丹麦",
    "捷": "捷克",
    "匈": "匈牙利",
    "肯": "肯尼亚",
    "坦": "坦桑尼亚",
    "孟": "孟加拉国",
    "非": "非洲",
    "欧": "欧洲",
    "亚": "亚洲",
    "拉": "拉美",
    "巴": None,
    "苏": None,
    "马": None,
    "乌": None,
    "阿": None,
    "伊": None,
    "西": None,
    "瑞": None,
    "塞": None,
    "尼": None,
    "斯": None,
    "南": None,
    "厄": None,
    "秘": None,
    "智": None,
    "委": None,
}
CONTINENTS = frozenset("非欧亚拉")
CHINA = frozenset("中华")
ABBREVIATION_CHARS = frozenset(COUNTRY_ABBREV) | frozenset(PROVINCE_ABBREV)
# What follows a pair or list of country abbreviations: 中新两国, 中美关系, 中吉双边, 中澳自贸, 中欧班列.
COUNTRY_PAIR_TAIL = re.compile(
    r"^(?:两国|三国|四国|五国|双方|三方|关系|双边|多边|合作|友好|友谊|建交|贸易|经贸|外长|元首|首脑|峰会|联合|战略|"
    r"自贸|之间|间|领导人|人民|边境|航线|会谈|对话|交流|共同|外交|混委会|联委会|政府间|执政党|班列|论坛|投资|团结|"
    r"伙伴|全面|新型|人文|科技|文化|青年|企业|商界|智库|命运共同体)"
)
# Verbs that take a country: 访华, 来华, 赴美, 驻日.
COUNTRY_VERBS = frozenset("访赴驻抵来离返旅留侨援")
# Verbs that take one of the cities abbreviated in running text: 在京, 来沪, 赴港, 返渝.
CITY_VERBS = frozenset("在访赴驻抵来进离返留")
VERB_CITIES = frozenset("京沪港渝")
# What follows a country's abbreviation to name its side: 美方, 日军, 中方.
COUNTRY_SIDES = frozenset("方军籍")
# Two-character place names that are also a pair (中非: the Central African Republic or China-Africa; 中欧:
# Central Europe or China-EU): the place only when what follows names the place's own attributes.
PLACE_OR_PAIR = {
    "中非": re.compile(
        r"^(?:共和国|总统|总理|首都|班吉|境内|局势|政府军|过渡|冲突|武装|危机|难民|维和|国内|全国|大选|议会)"
    ),
    "中欧": re.compile(r"^(?:地区|时间|各国|、东欧|和东欧|及东欧)"),
}


def is_compound(surface: str, right: str, is_place_name: bool) -> bool:
    """A span made only of distinct abbreviation characters (中美, 中日韩, 孟中印缅, 京津冀) that stands for its
    partners rather than for one place. `right`: the text after the span; `is_place_name`: whether the
    geocoder knows the span as a place (中非, 英德市, 巴西: the place wins unless the words after it make a pair)."""
    if not 2 <= len(surface) <= 4 or len(set(surface)) != len(surface) or not set(surface) <= ABBREVIATION_CHARS:
        return False
    if surface in PLACE_OR_PAIR:
        return not PLACE_OR_PAIR[surface].match(right)
    if (
        is_place_name
    ):  # 英德两国 is a pair, 英德市 a place; 巴西 never a pair (巴 names several countries); 中华 is China
        partners = [COUNTRY_ABBREV.get(c) for c in surface]
        return bool(COUNTRY_PAIR_TAIL.match(right)) and all(partners) and len(set(partners)) == len(partners)
    return True


def abbreviated_place(
    char: str, around: tuple[str, str] | None, context_countries: frozenset[str] = frozenset()
) -> str | None:
    """The name of the country, continent or province that `char` abbreviates, given the text just before and
    after it: 京 in 京津冀 -> 北京市, 新 in 中新两国 -> 新加坡, 吉 in 中吉 -> 吉尔吉斯斯坦, 华 in 访华 -> 中国; None
    outside a pair, a list or a verb. `context_countries`: the article's other countries, which decide a character
    shared by several (巴 with 巴基斯坦 in the article -> 巴基斯坦; with both 巴西 and 巴基斯坦 -> None)."""
    if around is None:
        return None
    left, right = around
    before, after = left[-1:], right[:1]
    tail = right.lstrip("".join(ABBREVIATION_CHARS) + "、")
    country = province = False
    for partner in (before, after):
        if not partner or partner in CONTINENTS and char not in "中华":
            continue  # 西非|埃博拉, 利比里亚|埃: a continent's character ends many names; it pairs with China only
        in_country, in_province = partner in COUNTRY_ABBREV, partner in PROVINCE_ABBREV
        if in_country and (not in_province or partner in "中华"):
            country = True
        elif in_province and not in_country:
            province = True
        elif in_country and in_province and COUNTRY_PAIR_TAIL.match(tail):
            country = True  # 中新|两国 vs 疆: an ambiguous partner decided by what follows
    if char in COUNTRY_ABBREV and (before or after) and COUNTRY_PAIR_TAIL.match(tail):
        country = country or any(
            p in COUNTRY_ABBREV and (p not in CONTINENTS or char in "中华") for p in (before, after)
        )
    if char in CONTINENTS and before not in CHINA and after not in CHINA:
        return None  # 非 of 亚非, 欧 of 西欧: a continent is a partner of China only
    if (before in COUNTRY_VERBS or after in COUNTRY_SIDES) and char in COUNTRY_ABBREV and char not in PROVINCE_ABBREV:
        country = True
    if before in CITY_VERBS and char in VERB_CITIES and not country:
        province = True
    if country and not province and char in COUNTRY_ABBREV:
        return COUNTRY_ABBREV[char] or _only_country_starting_with(char, context_countries)
    if province and not country and char in PROVINCE_ABBREV:
        return PROVINCE_ABBREV[char]
    return None


def _only_country_starting_with(char: str, countries: frozenset[str]) -> str | None:
    matching = [name for name in countries if name.startswith(char) and name != "中国"]
    return matching[0] if len(matching) == 1 else None

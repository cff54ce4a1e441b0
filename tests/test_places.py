"""Geocoding of NER LOC spans."""

import pytest

from pipelines.extract.places import default_geocoder


@pytest.fixture(scope="module")
def geo():
    return default_geocoder()


@pytest.mark.parametrize(
    "surface,key,name",
    [
        ("温岭市", "CN:331081", "温岭市"),  # county-level city
        ("台州", "CN:331000", "台州市"),  # short form
        ("台州市", "CN:331000", "台州市"),  # full form
        ("浙江台州", "CN:331000", "台州市"),  # province + city, short
        ("浙江省台州市", "CN:331000", "台州市"),  # province + city, full
        ("尼玛县", "CN:542430", "尼玛县"),  # cpca's pre-2018 那曲地区 code
        ("西藏尼玛县", "CN:542430", "尼玛县"),  # province prefix
        ("西藏", "CN:540000", "西藏自治区"),  # autonomous region short form
        ("北京", "CN:110000", "北京市"),  # municipality
        ("内蒙古", "CN:150000", "内蒙古自治区"),  # nation-name stripping keeps 内蒙古
        ("新疆", "CN:650000", "新疆维吾尔自治区"),  # nation-name stripped
        ("广西", "CN:450000", "广西壮族自治区"),  # nation-name stripped
        ("香港", "CN:810000", "香港特别行政区"),  # SAR
        ("黔东南", "CN:522600", "黔东南苗族侗族自治州"),  # two nation names
        ("吉林", "CN:220000", "吉林省"),  # province beats same-named city
        ("中国台湾", "CN:710000", "台湾省"),  # country prefix
        ("菲律宾", "XX:PH", "菲律宾"),  # country
        ("美国", "XX:US", "美国"),  # country
        ("美利坚", "XX:US", "美国"),  # country alias
        ("巴基斯坦", "XX:PK", "巴基斯坦"),  # country
        ("马尼拉", "CITY:PH:马尼拉", "马尼拉"),  # world city
        ("菲律宾马尼拉", "CITY:PH:马尼拉", "马尼拉"),  # country + city
        ("四川盆地中南部", "CN:510000", "四川省"),  # area words after the place
        ("重庆西部和北部", "CN:500000", "重庆市"),  # area words after the place
        ("美国方面", "XX:US", "美国"),  # 方面 after a country
        ("温岭市城东街道", "CN:331081", "温岭市"),  # below-county tail after a full name
    ],
)
def test_resolve(geo, surface, key, name):
    p = geo.resolve(surface)
    assert p is not None and (p.key, p.name) == (key, name)


def test_hierarchy_and_coordinates(geo):
    p = geo.resolve("温岭市")
    assert (p.adcode, p.province, p.city, p.county, p.level) == ("331081", "浙江省", "台州市", "温岭市", "county")
    assert 121 < p.longitude < 122 and 28 < p.latitude < 29
    assert geo.resolve("马尼拉").country_code == "PH"


@pytest.mark.parametrize(
    "surface",
    [
        "医保定点",  # the cpca free-text trap: must not become 保定市
        "中山路",  # street named after a city
        "长安街",  # street starting with a district alias
        "台州学院",  # organisation starting with a city
        "",  # empty span
        "火星",  # unknown place
    ],
)
def test_unresolved(geo, surface):
    assert geo.resolve(surface) is None


@pytest.mark.parametrize(
    "surface,context,key",
    [
        ("朝阳区", None, "CN:110105"),  # no context: smallest adcode (Beijing)
        ("朝阳区", ["吉林省", "长春市"], "CN:220104"),  # context picks Changchun's
        ("鼓楼区", None, "CN:320106"),  # no context: Nanjing's
        ("鼓楼区", ["福建", "福州"], "CN:350102"),  # context picks Fuzhou's
        ("鼓楼区", ["开封"], "CN:410204"),  # city context alone suffices
    ],
)
def test_context_disambiguation(geo, surface, context, key):
    assert geo.resolve(surface, context).key == key


@pytest.mark.parametrize(
    ("surface", "context", "expected_key"),
    [
        ("南海", None, "REGION:南海"),  # the South China Sea, not Foshan's 南海区
        ("南海", ["佛山"], "CN:440605"),  # ... unless the article is about Foshan
        ("江南", None, None),  # the region south of the Yangtze, not Nanning's 江南区
        ("鼓楼", None, None),  # several 鼓楼区: ambiguous without context
        ("温岭", None, "CN:331081"),  # unique county-level short name still resolves
        ("朝阳", ["北京"], "CN:110105"),  # context picks Beijing's district
    ],
)
def test_short_district_names_need_support(surface, context, expected_key) -> None:
    from pipelines.extract.places import default_geocoder

    place = default_geocoder().resolve(surface, context)
    assert (place.key if place else None) == expected_key


def test_hua_in_fanghua_is_china() -> None:
    # 访华/来华: MSRA-style taggers label 华 as a place; it means China.
    from pipelines.extract.places import default_geocoder

    assert default_geocoder().resolve("华", around=("访", "期间")).key == "XX:CN"


@pytest.mark.parametrize(
    ("surface", "around", "key"),
    [
        ("叙", ("中", "关系"), "XX:SY"),  # 中叙 relations: Syria
        ("越", ("中", "两国"), "XX:VN"),  # 中越: Vietnam
        ("柬", ("访", "期间"), "XX:KH"),  # 访柬: Cambodia
        ("巴", ("中", "经济走廊"), None),  # Pakistan, Brazil, Palestine...: ambiguous, left unresolved
        ("新", ("中", "两国"), "XX:SG"),  # 中新两国: Singapore, not 新疆
        ("吉", ("中", "关系"), "XX:KG"),  # 中吉: Kyrgyzstan, not 吉林
        ("苏", ("中", "两国"), None),  # 中苏: Sudan today, the Soviet Union in older text: not 江苏
        ("苏", ("", "浙沪"), "CN:320000"),  # 苏浙沪: a list of provinces, Jiangsu
        ("京", ("", "津冀"), "CN:110000"),  # 京津冀: Beijing
        ("澳", ("港", "大湾区"), "CN:820000"),  # 粤港澳: Macau
        ("澳", ("中", "自贸"), "XX:AU"),  # 中澳自贸: Australia
        ("美", ("", "方表示"), "XX:US"),  # 美方: the US side
        ("美", ("很", "好"), None),  # no pair, list or country verb: not a place
        ("京", None, None),  # no surrounding text: never guessed
    ],
)
def test_single_character_abbreviations_need_a_pair_or_list(surface: str, around, key) -> None:
    from pipelines.extract.places import default_geocoder

    place = default_geocoder().resolve(surface, around=around)
    assert (place.key if place else None) == key


def test_names_feed_the_ner_gazetteer() -> None:
    # The tagger's place gazetteer and the geocoder read the same data: no second list to drift.
    from pipelines.extract.ner.features import gazetteers, normalise
    from pipelines.extract.places import default_geocoder

    geocoder = default_geocoder()
    chinese, world = geocoder.names(chinese=True), geocoder.names(chinese=False)
    assert {"温岭市", "温岭", "台州市", "广西"} <= chinese and "马尼拉" not in chinese
    assert {"马尼拉", "菲律宾", "美国"} <= world and "温岭市" not in world
    gaz = gazetteers()
    assert {normalise(n) for n in chinese} == gaz.admin
    assert {normalise(n) for n in world} | {"亚洲", "太平洋"} <= gaz.world


@pytest.mark.parametrize(
    ("surface", "context", "key"),
    [
        ("马里兰州", None, "REGION:US:马里兰州"),  # a US state, not 马里 (Mali) + 兰州
        ("朝鲜半岛", None, "REGION:朝鲜半岛"),  # the peninsula, not 朝鲜 (KP)
        ("日本海", None, "REGION:日本海"),  # a sea, not 日本
        ("印度洋", None, "REGION:印度洋"),  # an ocean, not 印度
        ("中国国家博物馆", None, None),  # a museum whose name starts with a country is not that country
        ("北京大学", None, None),  # a university is not the city it starts with
        ("吉利", None, None),  # the car maker, not Luoyang's 吉利区: a district's short name needs support
        ("吉利", ["洛阳"], "CN:410306"),  # ... which the article's other places can give
        ("兴国", None, None),  # 党执政兴国 is not 兴国县
        ("温岭", None, "CN:331081"),  # a county-level city's short name still resolves
    ],
)
def test_no_false_merges(geo, surface, context, key) -> None:
    place = geo.resolve(surface, context)
    assert (place.key if place else None) == key

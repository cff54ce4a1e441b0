"""Geocoding of NER LOC spans."""


import pytest

from pipelines.extract.places import Geocoder, default_geocoder


@pytest.fixture(scope="module")
def geo():
    return default_geocoder()


@pytest.mark.parametrize("surface,key,name", [
    ("温岭市", "CN:331081", "温岭市"),          # county-level city
    ("台州", "CN:331000", "台州市"),            # short form
    ("台州市", "CN:331000", "台州市"),          # full form
    ("浙江台州", "CN:331000", "台州市"),        # province + city, short
    ("浙江省台州市", "CN:331000", "台州市"),    # province + city, full
    ("尼玛县", "CN:542430", "尼玛县"),          # cpca's pre-2018 那曲地区 code
    ("西藏尼玛县", "CN:542430", "尼玛县"),      # province prefix
    ("西藏", "CN:540000", "西藏自治区"),        # autonomous region short form
    ("北京", "CN:110000", "北京市"),            # municipality
    ("内蒙古", "CN:150000", "内蒙古自治区"),    # nation-name stripping keeps 内蒙古
    ("新疆", "CN:650000", "新疆维吾尔自治区"),  # nation-name stripped
    ("广西", "CN:450000", "广西壮族自治区"),    # nation-name stripped
    ("香港", "CN:810000", "香港特别行政区"),    # SAR
    ("黔东南", "CN:522600", "黔东南苗族侗族自治州"),  # two nation names
    ("吉林", "CN:220000", "吉林省"),            # province beats same-named city
    ("中国台湾", "CN:710000", "台湾省"),        # country prefix
    ("京", "CN:110000", "北京市"),              # one-character abbreviation
    ("菲律宾", "XX:PH", "菲律宾"),              # country
    ("美国", "XX:US", "美国"),                  # country
    ("美利坚", "XX:US", "美国"),                # country alias
    ("巴基斯坦", "XX:PK", "巴基斯坦"),          # country
    ("马尼拉", "CITY:PH:马尼拉", "马尼拉"),      # world city
    ("菲律宾马尼拉", "CITY:PH:马尼拉", "马尼拉"),  # country + city
    ("四川盆地中南部", "CN:510000", "四川省"),  # area words after the place
    ("重庆西部和北部", "CN:500000", "重庆市"),  # area words after the place
    ("美国方面", "XX:US", "美国"),              # 方面 after a country
    ("温岭市城东街道", "CN:331081", "温岭市"),  # below-county tail after a full name
])
def test_resolve(geo, surface, key, name):
    p = geo.resolve(surface)
    assert p is not None and (p.key, p.name) == (key, name)


def test_hierarchy_and_coordinates(geo):
    p = geo.resolve("温岭市")
    assert (p.adcode, p.province, p.city, p.county, p.level) == (
        "331081", "浙江省", "台州市", "温岭市", "county")
    assert 121 < p.longitude < 122 and 28 < p.latitude < 29
    assert geo.resolve("马尼拉").country_code == "PH"


@pytest.mark.parametrize("surface", [
    "医保定点",   # the cpca free-text trap: must not become 保定市
    "中山路",     # street named after a city
    "长安街",     # street starting with a district alias
    "台州学院",   # organisation starting with a city
    "",           # empty span
    "火星",       # unknown place
])
def test_unresolved(geo, surface):
    assert geo.resolve(surface) is None


@pytest.mark.parametrize("surface,context,key", [
    ("朝阳区", None, "CN:110105"),                  # no context: smallest adcode (Beijing)
    ("朝阳区", ["吉林省", "长春市"], "CN:220104"),  # context picks Changchun's
    ("鼓楼区", None, "CN:320106"),                  # no context: Nanjing's
    ("鼓楼区", ["福建", "福州"], "CN:350102"),      # context picks Fuzhou's
    ("鼓楼区", ["开封"], "CN:410204"),              # city context alone suffices
])
def test_context_disambiguation(geo, surface, context, key):
    assert geo.resolve(surface, context).key == key


@pytest.mark.parametrize(
    ("surface", "context", "expected_key"),
    [
        ("南海", None, None),  # the South China Sea, not Foshan's 南海区
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

    assert default_geocoder().resolve("华").key == "XX:CN"


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        ("叙", "XX:SY"),  # 中叙 relations: Syria
        ("越", "XX:VN"),  # 中越: Vietnam
        ("柬", "XX:KH"),  # 访柬: Cambodia
        ("巴", None),  # Pakistan, Brazil, Palestine...: ambiguous, left unresolved
    ],
)
def test_single_character_country_abbreviations(surface: str, key) -> None:
    from pipelines.extract.places import default_geocoder

    place = default_geocoder().resolve(surface)
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

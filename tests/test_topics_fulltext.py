"""Issue 13 failure cases on invented full-text articles (title + body): cnews read fashion as arts, home and
furnishing as economy, and missed politics. Invented text, written for these tests."""
from __future__ import annotations

import pytest

from pipelines.topics import default_classifier, taxonomy


@pytest.fixture(scope="module")
def clf():
    return default_classifier()


ARTICLES = [
    # home and furnishing: decorating advice
    ("小户型客厅这样装修，空间立刻大一倍",
     "很多年轻人买的是小户型，客厅面积有限。设计师建议，装修时选择浅色墙面和简约风格的家具，沙发不宜过大，电视墙可以做成"
     "收纳柜，既美观又实用。地板选用浅木色，搭配白色吊顶，整个空间显得通透明亮。卧室可以用榻榻米代替床，下面做储物。软装"
     "方面，窗帘和布艺抱枕的颜色要与墙面呼应，再摆上几盆绿植，家的感觉就出来了。", "lifestyle"),
    # home and furnishing: the trade (brands, a fair, sales), which read as economy
    ("家博会开幕 定制家具和智能卫浴成为展会亮点",
     "第三十届家居博览会昨日开幕，三百多家企业参展。记者在现场看到，全屋定制和整体橱柜展区人气最旺，多家品牌推出了环保板材"
     "的衣柜和书柜。智能马桶、恒温花洒等卫浴产品吸引了不少正在装修新房的市民。一位参展商介绍，今年消费者更看重家具的设计"
     "感和收纳功能，北欧风和新中式风格最受欢迎，瓷砖和地板也开始追求与软装整体搭配。", "lifestyle"),
    # fashion: a fashion week
    ("米兰时装周落幕 今秋流行色抢先看",
     "为期一周的米兰时装周日前落幕，各大品牌发布了秋冬新款。今年的秀场上，驼色大衣和格纹西装成为主角，高腰阔腿裤继续流行。"
     "设计师们大量使用丝绒和皮革面料，配饰方面，小巧的链条包和乐福鞋备受追捧。时尚编辑认为，这一季的穿搭关键词是复古与"
     "舒适，普通消费者也可以用基础款单品搭配出同样的效果。", "lifestyle"),
    # fashion: a celebrity's outfits, which read as arts (entertainment)
    ("女星机场街拍示范秋季穿搭 一件风衣穿出高级感",
     "近日，某女星现身机场，一身卡其色风衣搭配白色连衣裙和短靴，简洁又有气质，被网友称为教科书级别的秋季穿搭。风衣是今秋"
     "的必备单品，选择过膝长度更显高挑。如果觉得单调，可以用丝巾或腰带做点缀。她的另一套街拍造型是宽松毛衣配半身裙，手袋"
     "和珠宝都很低调，整体风格温柔时尚。", "lifestyle"),
    # beauty
    ("夏季防晒护肤全攻略",
     "夏天紫外线强烈，防晒是护肤的第一步。美容专家建议，出门前二十分钟涂抹防晒霜，户外活动时每两小时补涂一次。油性皮肤适合"
     "清爽的乳液质地，干性皮肤可以选择含保湿成分的产品。晚上回家后要彻底卸妆清洁，再敷一片补水面膜。口红和眼影也要选择有"
     "防晒功能的彩妆产品。", "lifestyle"),
    # politics, full text
    ("国务院常务会议部署深化行政审批制度改革",
     "国务院总理主持召开国务院常务会议，部署深化行政审批制度改革，进一步取消和下放一批行政审批事项。会议指出，要加快转变"
     "政府职能，简政放权，激发市场活力。会议要求各地区各部门抓好落实，加强事中事后监管，并通过了有关法规草案。", "politics"),
    ("全国人大常委会审议多部法律草案",
     "全国人大常委会会议在北京举行，委员长会议建议审议环境保护法修订草案、预算法修正案草案等。常委会组成人员分组审议时指出，"
     "立法要坚持问题导向，广泛听取人民群众意见。会议还听取了国务院关于有关工作情况的报告。", "politics"),
]


@pytest.mark.parametrize("title,body,key", ARTICLES, ids=[a[0][:8] for a in ARTICLES])
def test_full_articles_top1(clf, title, body, key):
    ranked = [taxonomy.BY_CODE[c].key for c, _ in clf.scores_ranked(title, body)]
    assert ranked[0] == key, ranked[:3]


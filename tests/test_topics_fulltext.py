"""Issue 13 failure cases on invented full-text articles (title + body): cnews read fashion as arts, home and
furnishing as economy, and missed politics; issue 23 adds the everyday classes that had no full-text case (sport,
stocks, real estate, education, technology, film, games). Invented text, written for these tests."""

from __future__ import annotations

import pytest

from pipelines.topics import default_classifier, taxonomy


@pytest.fixture(scope="module")
def clf():
    return default_classifier()


ARTICLES = [
    # home and furnishing: decorating advice
    (
        "小户型客厅这样装修，空间立刻大一倍",
        "很多年轻人买的是小户型，客厅面积有限。设计师建议，装修时选择浅色墙面和简约风格的家具，沙发不宜过大，电视墙可以做成"
        "收纳柜，既美观又实用。地板选用浅木色，搭配白色吊顶，整个空间显得通透明亮。卧室可以用榻榻米代替床，下面做储物。软装"
        "方面，窗帘和布艺抱枕的颜色要与墙面呼应，再摆上几盆绿植，家的感觉就出来了。",
        "lifestyle",
    ),
    # home and furnishing: the trade (brands, a fair, sales), which read as economy
    (
        "家博会开幕 定制家具和智能卫浴成为展会亮点",
        "第三十届家居博览会昨日开幕，三百多家企业参展。记者在现场看到，全屋定制和整体橱柜展区人气最旺，多家品牌推出了环保板材"
        "的衣柜和书柜。智能马桶、恒温花洒等卫浴产品吸引了不少正在装修新房的市民。一位参展商介绍，今年消费者更看重家具的设计"
        "感和收纳功能，北欧风和新中式风格最受欢迎，瓷砖和地板也开始追求与软装整体搭配。",
        "lifestyle",
    ),
    # fashion: a fashion week
    (
        "米兰时装周落幕 今秋流行色抢先看",
        "为期一周的米兰时装周日前落幕，各大品牌发布了秋冬新款。今年的秀场上，驼色大衣和格纹西装成为主角，高腰阔腿裤继续流行。"
        "设计师们大量使用丝绒和皮革面料，配饰方面，小巧的链条包和乐福鞋备受追捧。时尚编辑认为，这一季的穿搭关键词是复古与"
        "舒适，普通消费者也可以用基础款单品搭配出同样的效果。",
        "lifestyle",
    ),
    # fashion: a celebrity's outfits, which read as arts (entertainment)
    (
        "女星机场街拍示范秋季穿搭 一件风衣穿出高级感",
        "近日，某女星现身机场，一身卡其色风衣搭配白色连衣裙和短靴，简洁又有气质，被网友称为教科书级别的秋季穿搭。风衣是今秋"
        "的必备单品，选择过膝长度更显高挑。如果觉得单调，可以用丝巾或腰带做点缀。她的另一套街拍造型是宽松毛衣配半身裙，手袋"
        "和珠宝都很低调，整体风格温柔时尚。",
        "lifestyle",
    ),
    # beauty
    (
        "夏季防晒护肤全攻略",
        "夏天紫外线强烈，防晒是护肤的第一步。美容专家建议，出门前二十分钟涂抹防晒霜，户外活动时每两小时补涂一次。油性皮肤适合"
        "清爽的乳液质地，干性皮肤可以选择含保湿成分的产品。晚上回家后要彻底卸妆清洁，再敷一片补水面膜。口红和眼影也要选择有"
        "防晒功能的彩妆产品。",
        "lifestyle",
    ),
    # politics, full text
    (
        "国务院常务会议部署深化行政审批制度改革",
        "国务院总理主持召开国务院常务会议，部署深化行政审批制度改革，进一步取消和下放一批行政审批事项。会议指出，要加快转变"
        "政府职能，简政放权，激发市场活力。会议要求各地区各部门抓好落实，加强事中事后监管，并通过了有关法规草案。",
        "politics",
    ),
    (
        "全国人大常委会审议多部法律草案",
        "全国人大常委会会议在北京举行，委员长会议建议审议环境保护法修订草案、预算法修正案草案等。常委会组成人员分组审议时指出，"
        "立法要坚持问题导向，广泛听取人民群众意见。会议还听取了国务院关于有关工作情况的报告。",
        "politics",
    ),
    # sport: a league match report (issue 23: the everyday classes that had no full-text case)
    (
        "主队主场三比一逆转 升至积分榜第二",
        "本轮联赛焦点战中，主队在落后一球的情况下连扳三球，以三比一逆转客队。上半场客队前锋利用角球机会头球破门，下半场主队换上两名新援后攻势大增，中场球员远射扳平比分，随后外援梅开二度。赛后主教练表示，球员们在体能和意志上都经受住了考验，球队将以更好的状态迎接下周的杯赛。",
        "sport",
    ),
    # economy: the stock market
    (
        "沪指放量上涨 券商板块领涨两市",
        "周二两市股指震荡走高，沪指收涨百分之一点五，深成指和创业板指涨幅均超过百分之二。两市成交额放大至九千亿元，北向资金净买入超过五十亿元。板块方面，券商、保险和银行股集体走强，半导体和新能源板块小幅回调。分析人士认为，政策预期升温带动市场风险偏好回升，短期指数有望继续震荡上行。",
        "economy",
    ),
    # economy: real estate, which THUCNews files as its own class
    (
        "多城楼市新政落地 首套房首付比例下调",
        "近期多个城市出台楼市新政，下调首套房首付比例，放宽限购条件，并提高公积金贷款额度。中介机构数据显示，新政实施后一周内，新房认购量和二手房带看量明显回升。业内人士指出，房企销售回款压力有望缓解，但房价走势仍取决于当地库存和购房需求，开发商推盘节奏也将随之调整。",
        "economy",
    ),
    # education: exams and admissions
    (
        "今年高考报名人数创新高 教育部部署考试安全工作",
        "教育部近日召开全国高考工作视频会议，今年高考报名人数再创新高。会议要求各地加强考点管理和试卷保密，严厉打击考试作弊，做好考生健康服务。多所高校同时发布招生章程，扩大专业选择范围，部分省份新高考改革进入首届录取，考生可按选考科目填报志愿，中学老师提醒考生合理规划志愿。",
        "education",
    ),
    # science: a consumer technology launch
    (
        "新款旗舰手机发布 搭载自研芯片和卫星通信",
        "某科技公司昨晚发布年度旗舰手机，新机搭载自主研发的处理器芯片，性能提升百分之三十，功耗降低两成，并首次支持卫星通信功能，在没有地面网络时也能发送短信。新机还升级了影像系统和快充技术，操作系统加入了人工智能助手。业内认为，国产手机厂商在芯片和通信技术上的突破将改变高端市场格局。",
        "science",
    ),
    # arts: a film premiere (entertainment)
    (
        "新片首映礼星光熠熠 导演透露拍摄幕后故事",
        "由知名导演执导的年度大片昨晚在北京举行首映礼，主演悉数到场与观众见面。影片讲述了一个普通家庭在时代变迁中的悲欢离合，导演透露，为了还原上世纪的街景，剧组搭建了上千平方米的实景。影片预售票房已突破两亿元，影评人认为演员表演细腻，配乐和摄影也可圈可点，有望成为暑期档的黑马。",
        "arts",
    ),
    # arts: an online game (THUCNews 游戏 maps to arts)
    (
        "国产网游新资料片上线 玩家在线人数突破百万",
        "一款国产大型多人在线角色扮演游戏昨日推出新资料片，开放全新地图和副本，新增两个职业和跨服竞技玩法。上线当晚同时在线玩家人数突破一百万，服务器一度排队。游戏运营方表示，将针对玩家反馈优化装备掉落和任务难度，并举办电竞联赛，冠军战队将获得百万奖金。",
        "arts",
    ),
]


@pytest.mark.parametrize("title,body,key", ARTICLES, ids=[a[0][:8] for a in ARTICLES])
def test_full_articles_top1(clf, title, body, key):
    ranked = [taxonomy.BY_CODE[c].key for c, _ in clf.scores_ranked(title, body)]
    assert ranked[0] == key, ranked[:3]

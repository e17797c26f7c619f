"""Classification: hard negatives, evidence order, and accuracy on the labelled titles."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrapers.classify import classify
from scrapers.evaluate import evaluate

DATA = Path(__file__).resolve().parents[1] / "data" / "classification"
DEFAULT, HOLDOUT = DATA / "titles.csv", DATA / "holdout.csv"


@pytest.mark.parametrize(
    "title",
    [
        "苹果15手机壳 硅胶全包", "华为Mate60Pro手机壳",
        "OtterBox Defender Series Case for iPhone 15",
        "FITUEYES TV Stand for 32-65 inch TVs", "冰箱贴 创意磁贴", "Fridge Magnets Funny, 12 Pack",
        "洗衣机槽清洗剂 滚筒波轮通用", "Affresh Washing Machine Cleaner, 6 Tablets",
        "空调被 夏凉被 全棉", "電視劇 琅琊榜 DVD", "苹果充电器 20W PD快充头 适用iPhone15",
        "Type-C数据线 6A超级快充", "Maxblue Refrigerator Water Filter, Replacement for Samsung",
    ],
)  # fmt: skip
def test_hard_negatives_are_not_eligible(title: str) -> None:
    assert classify(title).category == "not_eligible"


@pytest.mark.parametrize(
    ("title", "category", "subcategory"),
    [
        ("Haier/海尔冰箱 BCD-206STPA 206升三门小型家用节能冰箱", "large", "refrigerator"),
        ("海爾 變頻 冷氣機 分離式", "large", "air_conditioner"),
        ("Samsung 28 cu. ft. French Door Refrigerator with Ice Maker and Water Filter",
         "large", "refrigerator"),
        ("空调扇 冷风扇 家用", "small", "fan"),
        ("三诺 安稳+ 血糖仪 含50支试纸", "medical", "glucose_meter"),
        ("Apple iPhone X (A1865) 64GB 深空灰色 移动联通电信4G手机", "digital", "phone"),
    ],
)  # fmt: skip
def test_products(title: str, category: str, subcategory: str) -> None:
    verdict = classify(title)
    assert (verdict.category, verdict.subcategory) == (category, subcategory)
    assert verdict.evidence


def test_breadcrumbs_decide_before_the_title() -> None:
    verdict = classify("OtterBox Defender for Galaxy S23", ["手机通讯", "手机配件", "手机壳"])
    assert verdict.category == "not_eligible"
    assert verdict.evidence == ["手机壳"]
    assert verdict.confidence > classify("海尔冰箱").confidence


def test_description_is_the_last_resort() -> None:
    assert classify("Haier LS55Z51Z", description="55英寸4K超高清电视").subcategory == "tv"
    assert classify("", []).category == "not_eligible"


def test_accuracy_on_labelled_titles() -> None:
    report = evaluate(DEFAULT)
    assert report.total >= 300
    assert report.accuracy >= 0.95, report.misses


@pytest.mark.parametrize(
    ("title", "subcategory"),
    [
        ("荣耀8", "phone"), ("Dell XPS 13", "laptop"), ("iPhone 15 Pro", "phone"),
        ("MacBook Air M2", "laptop"), ("Galaxy S24", "phone"), ("Kindle Paperwhite", "tablet"),
        ("拯救者Y7000P", "laptop"), ("realme 真我Buds Q", "headphones"),
        ("Haier/海尔 BCD-470WDPG", "refrigerator"), ("美的 KFR-35GW/N8XHA1", "air_conditioner"),
        ("小天鹅 TG100V88", "washing_machine"), ("海信 65E3F", "tv"),
        ("大金變頻分離式冷氣", "air_conditioner"),
    ],
)  # fmt: skip
def test_titles_without_a_category_word(title: str, subcategory: str) -> None:
    """Family names, model-number patterns and regional words stand in for a category word."""
    assert classify(title).subcategory == subcategory


@pytest.mark.parametrize(
    "title",
    [
        "iPhone12保护壳", "Redmi K70 钢化膜 全屏", "MacBook Air 13 保护壳 磨砂",
        "戴森V12 集尘桶 配件", "FIFA 23 - PS5", "Mario Kart 8 Deluxe - Nintendo Switch",
        "拯救者 游戏本 笔记本电脑包",
    ],
)  # fmt: skip
def test_accessories_named_after_a_model(title: str) -> None:
    assert classify(title).category == "not_eligible"


def test_a_spec_glued_to_a_part_word_is_not_the_part() -> None:
    assert classify("美的 空气净化器 KJ400G HEPA滤网 除甲醛").subcategory == "air_purifier"


def test_model_numbers_are_evidence_only_without_a_keyword() -> None:
    assert classify("海尔冰箱 BCD-206STPA").evidence == ["冰箱"]
    assert classify("Haier/海尔 BCD-206STPA").evidence == ["bcd-206"]


def test_accuracy_on_held_out_titles() -> None:
    """Titles from sources never used to tune the tables (tests/data/MANIFEST.md).

    Measured 362/369 = 0.981 when the set was first scored after tuning; before the tuning
    the classifier scored 290/369 = 0.786. The floor leaves room for about eight titles.
    """
    report = evaluate(HOLDOUT, "holdout")
    assert report.total >= 200
    assert report.accuracy >= 0.96, report.misses


@pytest.mark.parametrize(
    "title",
    ["创维 电视机顶盒 4K高清", "电视机柜 客厅 简约", "Omron Replacement Cuff, Wide Range",
     "KSIPZE 100ft Led Strip Lights RGB", "Replacement Parts for Dyson V8"],
)  # fmt: skip
def test_things_named_after_a_device_are_not_the_device(title: str) -> None:
    assert classify(title).category == "not_eligible"


def test_graphics_cards_are_digital() -> None:
    assert classify("EVGA GeForce RTX 3080 10GB Graphics Card").subcategory == "pc_component"


def test_the_deepest_breadcrumb_decides_and_navigation_crumbs_do_not() -> None:
    crumbs = ["Tools & Home Improvement", "Lighting & Ceiling Fans", "LED Strip Lights"]
    assert classify("KSIPZE 100ft RGB Music Sync", crumbs).category == "not_eligible"
    back = ['Back to search results for "macbook pro"']
    assert classify("Apple MacBook Pro 13.3-Inch Laptop", back).subcategory == "laptop"


def test_the_shops_category_ids_outrank_the_title() -> None:
    verdict = classify("海信 电视机顶盒", site="jd", category_ids=[737, 794, 798])
    assert (verdict.subcategory, verdict.confidence) == ("tv", 0.97)
    assert classify("创维电视", site="jd", category_ids=[1320, 1583]).category == "not_eligible"
    coarse = classify("海尔 BCD-470WDPG 冰箱", site="jd", category_ids=["737", "794", "999"])
    assert coarse.subcategory == "refrigerator"
    assert classify("海尔冰箱", site="jd", category_ids=[42]).subcategory == "refrigerator"


def test_other_languages_name_the_family() -> None:
    assert classify("Hercules DJMonitor 32 - 2 altavoces activos").subcategory == "speaker"
    assert classify("Samsung Kühlschrank 385 L").subcategory == "refrigerator"


def test_a_plan_seller_is_never_not_eligible() -> None:
    from scrapers.classify import for_plan_seller

    game = classify("Cyberpunk 2077 - PS4", ["Video Games", "Cyberpunk 2077 Video Games"])
    assert game.category == "not_eligible"
    weighed = for_plan_seller(game, ["Cyberpunk 2077 - PS4"])
    # The console's family, not the console: plans made for consoles are not the game's.
    assert (weighed.category, weighed.subcategory) == ("digital", None)
    lamp = for_plan_seller(classify("kinis Wall Lamp"), ["kinis Wall Lamp"])
    assert (lamp.category, lamp.evidence) == ("small", ["sells a protection plan"])


def test_accuracy_on_the_unseen_split_does_not_slide() -> None:
    """tests/data/classification/unseen.csv scored 154/171 = 0.901 blind (MANIFEST.md); words
    its misses showed missing were added after, so it is in-sample now (169/171). A floor
    against regressions, not an estimate of accuracy on new titles."""
    report = evaluate(DATA / "unseen.csv")
    assert report.total >= 150
    assert report.accuracy >= 0.97, report.misses


@pytest.mark.parametrize(
    ("title", "subcategory"),
    [
        ("海尔 10公斤全自动变频", "washing_machine"), ("TCL 9KG 直驱", "washing_machine"),
        ("格力 空气能 300L 家用", "water_heater"), ("华帝 21立方大吸力 侧吸", "range_hood"),
        ("Canon/佳能 EOS 90D 18-135 套机", "camera"), ("AMD Ryzen 9 5900X", "pc_component"),
        ("NVIDIA GeForce RTX 4070", "pc_component"), ("Audio-Technica ATH-M50x", "headphones"),
        ("Bosch Serie 6 PXE651FC1E Induction Hob, Black", "cooktop"),
        ("Beko DTGV8001W 8kg Vented Tumble Dryer - White", "washing_machine"),
        ("Dyson Purifier Hot+Cool Formaldehyde HP09", "air_purifier"),
        ("Fellowes 79Ci 16-Sheet Cross-Cut Paper Shredder", "office_equipment"),
    ],
)  # fmt: skip
def test_families_named_by_capacity_brand_line_or_market_word(title: str, subcategory: str) -> None:
    """Round 2: capacity-only washers, 空气能, suction figures, kits, chips, UK names."""
    assert classify(title).subcategory == subcategory


@pytest.mark.parametrize(
    "title",
    ["【前100名送支架】唱吧麦克风 手机K歌 安卓苹果通用", "Fellowes Powershred Shredder Oil, 12 oz",
     "Replacement HEPA Filter for Dyson Pure Cool TP04", "儿童仿真小冰箱 过家家厨房玩具"],
)  # fmt: skip
def test_promo_gifts_parts_consumables_and_toys_are_not_the_device(title: str) -> None:
    assert classify(title).category == "not_eligible"


def test_accuracy_on_the_round2_tune_split() -> None:
    """round2_tune.csv was used to change the tables (README.md there): in-sample, a floor only."""
    report = evaluate(DATA / "round2_tune.csv")
    assert report.total >= 200
    assert report.accuracy >= 0.99, report.misses


@pytest.mark.parametrize(
    ("title", "subcategory"),
    [("【送钢化膜】Apple iPhone 15 128GB 5G手机", "phone"),
     ("【赠电饭煲】美的 BCD-520 对开门冰箱", "refrigerator")],
)  # fmt: skip
def test_what_a_promo_bracket_gives_away_is_not_what_is_sold(title: str, subcategory: str) -> None:
    assert classify(title).subcategory == subcategory


@pytest.mark.parametrize(
    ("title", "subcategory"),
    [("方太 EMD20A", "range_hood"), ("欧姆龙 HEM-7136", "blood_pressure_monitor")],
)  # fmt: skip
def test_a_one_family_maker_names_its_family(title: str, subcategory: str) -> None:
    assert classify(title).subcategory == subcategory
    assert classify(title.split()[0] + " 清洗剂 500ml").category == "not_eligible"


def test_accuracy_on_the_round2_blind_split() -> None:
    """round2_blind.csv was scored twice, before and after the round-2 changes: 166/192 then
    183/192 (tests/data/classification/README.md). The floor is the second figure; the split is
    now spent, so it guards against regressions and is no longer an estimate."""
    report = evaluate(DATA / "round2_blind.csv")
    assert report.total == 192
    assert report.correct >= 183, report.misses

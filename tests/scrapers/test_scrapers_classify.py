"""Classification: hard negatives, evidence order, and accuracy on the labelled titles."""

from __future__ import annotations

import pytest

from scrapers.classify import classify
from scrapers.evaluate import DEFAULT, evaluate


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
    print("\n" + report.table())
    assert report.total >= 300
    assert report.accuracy >= 0.95, report.misses

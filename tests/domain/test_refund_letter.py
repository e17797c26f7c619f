"""The complaint letter for one case, written out by hand in both languages."""

from datetime import date
from decimal import Decimal

from server.domain.refunds.letter import CaseFacts, Channel, Exhibit, Move, draft

CASE = CaseFacts(
    case_id="c-1", product="海尔 470升 冰箱", site="tmall", order_ref="2026030112345",
    purchase_date=date(2026, 3, 1), plan_name="延保3年", provider="天猫服务",
    plan_price=Decimal("299.00"), currency="CNY", route="plan_only",
    platform_en="Taobao / Tmall", platform_zh="淘宝 / 天猫",
    moves=(Move(date(2026, 5, 2), "draft"),
           Move(date(2026, 5, 2), "requested", "在我的服务里申请", asked=Decimal("299.00")),
           Move(date(2026, 5, 9), "negotiating", offered=Decimal("100.00")),
           Move(date(2026, 5, 20), "complaint", "对方拒绝", asked=Decimal("287.50")),
           Move(date(2026, 6, 1), "partly_refunded", received=Decimal("100.00"))),
    expected=Decimal("287.50"),
    expected_en="299.00 × 23 unused of 24 months = 286.54",
    expected_zh="299.00 × 剩余23个月 / 共24个月 = 286.54",
    evidence=(Exhibit("Call recordings", "电话录音", "call.m4a", date(2026, 5, 10),
                      "ab" * 32),
              Exhibit("Chat screenshots", "聊天记录截图", "chat.png", date(2026, 5, 11),
                      "cd" * 32)),
    channels=(Channel("Complaint line", "投诉电话", "0571-88158198"),),
)

ZH = """致：淘宝 / 天猫消费者投诉受理部门

本人于2026-03-01在天猫购买“海尔 470升 冰箱”（订单号：2026030112345），同时购买了天猫服务的“延保3年”，费用299.00 CNY。现申请退还该延保费用（仅退延保服务），至今未获妥善处理，特此投诉。

一、经过
1. 2026-05-02：申请退款，要求退还299.00 CNY。备注：在我的服务里申请
2. 2026-05-09：与服务商协商退款，对方提出退还100.00 CNY。
3. 2026-05-20：投诉，要求退还287.50 CNY。备注：对方拒绝
4. 2026-06-01：部分退款，收到100.00 CNY。

二、金额
- 要求退还：287.50 CNY
- 对方提出：100.00 CNY
- 已收到：100.00 CNY
- 按延保条款应退：287.50 CNY（299.00 × 剩余23个月 / 共24个月 = 286.54）

三、证据
1. 电话录音：call.m4a（2026-05-10，SHA-256 abababababab…）
2. 聊天记录截图：chat.png（2026-05-11，SHA-256 cdcdcdcdcdcd…）

四、诉求
请督促服务商按条款退还287.50 CNY。
本人保留依据《中华人民共和国消费者权益保护法》《中华人民共和国产品质量法》及国家“三包”规定维护自身合法权益的权利。

投诉渠道：
- 投诉电话：0571-88158198

投诉人：____________
日期：2026-06-02
（案例编号：c-1）
"""  # noqa: E501

EN = """To: Taobao / Tmall, consumer complaints

On 2026-03-01 I bought “海尔 470升 冰箱” on Tmall (order 2026030112345), and with it the plan “延保3年” from 天猫服务 for 299.00 CNY. I have asked for the plan's money back (the plan alone) and the request has not been settled, so I am filing this complaint.

A. What happened
1. 2026-05-02: asked for the refund, asking for 299.00 CNY. Note: 在我的服务里申请
2. 2026-05-09: negotiated with the provider, the provider offered 100.00 CNY.
3. 2026-05-20: filed a complaint, asking for 287.50 CNY. Note: 对方拒绝
4. 2026-06-01: partly refunded, received 100.00 CNY.

B. Amounts
- Asked for: 287.50 CNY
- Offered: 100.00 CNY
- Received: 100.00 CNY
- Due under the plan's terms: 287.50 CNY (299.00 × 23 unused of 24 months = 286.54)

C. Evidence
1. Call recordings: call.m4a (2026-05-10, SHA-256 abababababab…)
2. Chat screenshots: chat.png (2026-05-11, SHA-256 cdcdcdcdcdcd…)

D. What I ask
Please have the provider refund 287.50 CNY as its terms say.
I keep my rights under the Consumer Rights Protection Law, the Product Quality Law and the national rules on repair, replacement and return (三包).

Where to complain:
- Complaint line: 0571-88158198

Signed: ____________
Date: 2026-06-02
(Case c-1)
"""  # noqa: E501


def test_the_letter_in_chinese():
    letter = draft(CASE, "zh", date(2026, 6, 2))
    assert letter.subject == "投诉：海尔 470升 冰箱 延保退款"
    assert letter.text == ZH


def test_the_letter_in_english():
    letter = draft(CASE, "en", date(2026, 6, 2))
    assert letter.subject == "Complaint: refund of the extended warranty on 海尔 470升 冰箱"
    assert letter.text == EN


def test_a_bare_case_says_what_is_missing():
    bare = CaseFacts(
        case_id="c-2", product="TV", site=None, order_ref=None, purchase_date=date(2026, 1, 1),
        plan_name=None, provider=None, plan_price=None, currency="USD", route="with_goods",
        platform_en="Generic", platform_zh="通用", moves=(Move(date(2026, 1, 2), "draft"),),
        expected=None, expected_en="No price is recorded.", expected_zh="未记录价格。",
        evidence=(), channels=())
    en = draft(bare, "en", date(2026, 1, 3)).text
    assert "On 2026-01-01 I bought “TV”, and with it an extended-warranty plan." in en
    assert "(No step recorded yet.)" in en and "(No evidence uploaded yet.)" in en
    assert "- Due under the plan's terms: cannot be worked out (No price is recorded.)" in en
    assert "Please have the provider refund the plan as its terms say." in en
    assert "Where to complain" not in en
    zh = draft(bare, "zh", date(2026, 1, 3)).text
    assert "（暂无已上传的证据。）" in zh and "- 已收到：无" in zh and "随商品一并退款" in zh

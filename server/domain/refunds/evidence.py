"""The kinds of evidence a refund step may want, with their names in both languages.

The first four are the seed article's list for a complaint (电话录音、聊天记录截图、
合同信息、银行或者网上转账记录);
the others are what issue 14 adds and what a guide's sources ask for.
"""

from __future__ import annotations

EVIDENCE_KINDS: dict[str, dict[str, str]] = {
    "call_recordings": {"en": "Call recordings", "zh": "电话录音"},
    "chat_screenshots": {"en": "Chat screenshots", "zh": "聊天记录截图"},
    "contract": {"en": "The contract (the plan's agreement)", "zh": "合同信息"},
    "transfer_records": {"en": "Bank or online transfer records", "zh": "银行或网上转账记录"},
    "order_screenshot": {"en": "A screenshot of the order", "zh": "订单截图"},
    "plan_terms": {"en": "The plan's terms", "zh": "延保服务条款"},
    "plan_receipt": {"en": "The plan's receipt (with its plan number)",
                     "zh": "延保购买凭证（含服务单号）"},
}

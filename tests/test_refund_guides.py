"""The platform refund guides: every shipped file loads, every fact has a source, the seed's
Taobao path is there in its order, and the loader refuses a fact without a source."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from server.guides import FOLDER, GuideError, for_site, guides, load_folder

SOURCE = re.compile(r"^(https?://\S+|seed:\S*)$")


def facts(guide):
    for stages in guide.routes.values():
        for stage in stages.values():
            yield from stage.actions
            yield from stage.evidence
    yield from (contact.label for contact in guide.contacts)
    yield from guide.notes


def test_the_issues_platforms_have_guides_and_shops_find_theirs():
    assert {"taobao", "jd", "amazon", "bestbuy", "generic"} <= set(guides())
    assert for_site("tmall").platform == "taobao" and for_site("taobao").platform == "taobao"
    assert for_site("bestbuy").platform == "bestbuy"
    assert for_site("walmart").platform == "generic" and for_site(None).platform == "generic"


@pytest.mark.parametrize("platform", sorted(guides()))
def test_every_fact_carries_a_source_and_the_file_says_what_is_missing(platform):
    guide = guides()[platform]
    for fact in facts(guide):
        assert SOURCE.match(fact.source), fact
    assert guide.missing.en and guide.missing.zh


def test_taobao_follows_the_seed():
    taobao = guides()["taobao"]
    path = " ".join(a.zh for a in taobao.stage("with_goods", "requested").actions)
    marks = ["登录支付宝", "交易记录", "退款", "退款说明", "支付密码", "申请退款"]
    positions = [path.index(mark) for mark in marks]
    assert positions == sorted(positions), path
    market = " ".join(a.zh for a in taobao.stage("plan_only", "requested").actions)
    assert market.index("我的服务") < market.index("第三方服务") < market.index("关闭")
    assert {c.value for c in taobao.contacts} == {"0571-88158198", "0571-88157858"}
    complaint = taobao.stage("plan_only", "complaint")
    assert [e.kind for e in complaint.evidence] == [
        "call_recordings", "chat_screenshots", "contract", "transfer_records"]
    assert taobao.claim_callback_hours == 24 and taobao.claim_callback_source == "seed:"


@pytest.fixture
def folder(tmp_path) -> Path:
    for path in FOLDER.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def spoil(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_copied_folder_loads(folder):
    assert set(load_folder(folder)) == set(guides())


@pytest.mark.parametrize(("old", "new", "message"), [
    ('zh = "登录支付宝账户。", source = "seed:"', 'zh = "登录支付宝账户。"', "every fact needs"),
    ('zh = "登录支付宝账户。", source = "seed:"', 'zh = "登录支付宝账户。", source = "a friend"',
     "every fact needs"),
    ('value = "0571-88158198"\nen = "Complaint line given for users and sellers"\n'
     'zh = "投诉电话（用户和商家的联系方式）"\nsource = "seed:"',
     'value = "0571-88158198"\nen = "Complaint line given for users and sellers"\n'
     'zh = "投诉电话（用户和商家的联系方式）"', "contacts.0"),
    ('{ kind = "contract", source = "seed:" }', '{ kind = "contract" }', "evidence.2"),
    ('{ kind = "contract", source = "seed:" }', '{ kind = "selfie", source = "seed:" }',
     "unknown kind"),
    ("[routes.plan_only.negotiating]", "[routes.by_post.negotiating]", "routes.by_post"),
    ("[routes.plan_only.negotiating]", "[routes.plan_only.begging]", "not a step"),
    ("[claims.callback_hours]\nvalue = 24\nsource = \"seed:\"",
     "[claims.callback_hours]\nvalue = 24", "claims.callback_hours"),
    ('platform = "taobao"', 'platform = "tmall"', "the file's name"),
    ("[missing]", "[unsaid]", "missing"),
])
def test_the_loader_refuses_and_names_the_place(folder, old, new, message):
    spoil(folder, "taobao.toml", old, new)
    with pytest.raises(GuideError, match=re.escape(message)) as caught:
        load_folder(folder)
    assert "taobao.toml" in str(caught.value)


def test_the_generic_guide_must_exist(folder):
    (folder / "generic.toml").unlink()
    with pytest.raises(GuideError, match="generic"):
        load_folder(folder)

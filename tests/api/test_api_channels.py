"""/api/v1/channels on a real database (SQLite, and PostgreSQL when set), with test sends to a
real loopback webhook: masked answers, encrypted storage, bad input named, the limit, another
account's channel, and a URL that never shows up in any answer, log line or dispatcher output."""

from __future__ import annotations

import logging
import os
import stat

import pytest
from cryptography.fernet import Fernet
from sink import LOOPBACK, Sink
from sqlalchemy import create_engine, text

from server import create_app
from server.dispatch import from_app
from server.push import secrets

URL = "/api/v1/channels"
KEY = Fernet.generate_key().decode()


@pytest.fixture
def app(database):
    app = create_app({"TESTING": True, "DATABASE_URL": database, "CHANNEL_KEY": KEY,
                      "REGISTRATION_RATE_LIMIT": "1000 per minute",
                      "CHANNEL_PRIVATE_NETWORKS": LOOPBACK})
    yield app
    app.extensions["yanbao.page_reader"].close()
    app.extensions["yanbao.db"].kw["bind"].dispose()


@pytest.fixture
def sink():
    with Sink() as running:
        yield running


def add(client, auth, url, name="mine", status=201):
    response = client.post(URL, json={"url": url, "name": name}, headers=auth)
    assert response.status_code == status, response.get_json()
    return response.get_json()


def stored_urls(app) -> list[str]:
    engine = create_engine(app.config["DATABASE_URL"])
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT url_encrypted FROM channels")).scalars().all()
    engine.dispose()
    return list(rows)


def test_add_answers_masked_stores_encrypted_lists_and_deletes(app, client, auth, sink):
    url = sink.url("/hook/PathKey7731?-X-Token=HeaderKey9921")
    made = add(client, auth, url, "Work webhook")
    assert made["url"] == f"json://127.0.0.1:{sink.port}/…"
    assert (made["name"], made["service"]) == ("Work webhook", "JSON")
    assert made["deliveries"]["sent"] == 0 and made["last_attempt"] is None
    [token] = stored_urls(app)
    assert "PathKey7731" not in token and Fernet(KEY.encode()).decrypt(token.encode()).decode() \
        == url
    assert [c["id"] for c in client.get(URL, headers=auth).get_json()["items"]] == [made["id"]]
    one = client.get(f"{URL}/{made['id']}", headers=auth).get_json()
    assert one["recent"] == [] and one["url"] == made["url"]
    assert client.delete(f"{URL}/{made['id']}", headers=auth).status_code == 204
    assert client.get(f"{URL}/{made['id']}", headers=auth).status_code == 404
    assert client.get(URL, headers=auth).get_json()["items"] == []
    assert stored_urls(app) == []


def test_name_defaults_to_the_service(client, auth):
    made = add(client, auth, "dingtalk://0123456789abcdef0123/", name="")
    assert (made["name"], made["url"]) == ("DingTalk", "dingtalk://0...3/…")


def test_test_send_reaches_the_webhook_in_the_account_language(client, auth, sink):
    made = add(client, auth, sink.url("/ok"))
    answer = client.post(f"{URL}/{made['id']}/test", headers=auth)
    assert answer.status_code == 200
    assert answer.get_json() == {"sent": True, "error": None, "url": made["url"]}
    assert [(p, b["title"]) for p, b, _ in sink.received] == [("/ok", "延保测试消息")]
    client.patch("/api/v1/account", json={"language": "en"}, headers=auth)
    client.post(f"{URL}/{made['id']}/test", headers=auth)
    assert sink.received[-1][1]["title"] == "Yanbao test message"


def test_a_failed_test_send_says_why(client, auth, sink):
    made = add(client, auth, sink.url("/fail"))
    body = client.post(f"{URL}/{made['id']}/test", headers=auth).get_json()
    assert body["sent"] is False and "500" in body["error"]
    closed = add(client, auth, "json://127.0.0.1:18299/nobody")
    body = client.post(f"{URL}/{closed['id']}/test", headers=auth).get_json()
    assert body["sent"] is False and "Connection error" in body["error"]


def test_sending_switched_off_sends_nothing(app, client, auth, sink):
    app.config["PUSH_SENDING"] = False
    made = add(client, auth, sink.url("/ok"))
    body = client.post(f"{URL}/{made['id']}/test", headers=auth).get_json()
    assert body["sent"] is False and "YANBAO_PUSH_SENDING" in body["error"]
    assert len(sink) == 0


@pytest.mark.parametrize(("body", "field", "words"), [
    ({}, "url", "Missing data"),
    ({"url": ""}, "url", "Length"),
    ({"url": 12}, "url", "Not a valid string"),
    ({"url": "hello"}, "url", "starts with its scheme"),
    ({"url": "foo://bar"}, "url", "'foo://' is not a scheme Apprise supports; use one such as "
                                  "mailto://, dingtalk://"),
    ({"url": "syslog://"}, "url", "would notify this server"),
    ({"url": "json://"}, "url", "not a valid JSON URL"),
    ({"url": "dingtalk://"}, "url", "not a valid DingTalk URL"),
    ({"url": "json://h/" + "x" * 2000}, "url", "Length"),
    ({"url": "json://h/", "name": "n" * 101}, "name", "Length"),
    ({"url": "json://h/", "extra": 1}, "extra", "Unknown field"),
])
def test_bad_input_is_named_and_stores_nothing(app, client, auth, body, field, words):
    response = client.post(URL, json=body, headers=auth)
    assert response.status_code == 422, response.get_json()
    problem = response.get_json()
    assert problem["errors"][0]["field"] == field
    assert words.lower() in problem["errors"][0]["message"].lower() or \
        words.lower() in problem["detail"].lower()
    assert stored_urls(app) == []


def test_bad_bodies_and_unknown_ids(client, auth):
    assert client.post(URL, data="{", headers={**auth, "Content-Type": "application/json"}
                       ).status_code == 400
    for method, path in (("get", ""), ("delete", ""), ("post", "/test")):
        response = getattr(client, method)(f"{URL}/not-an-id{path}", headers=auth)
        assert response.status_code == 404
        assert "No channel" in response.get_json()["detail"]


def test_an_account_has_at_most_so_many_channels(app, client, auth, other_auth):
    app.config["MAX_CHANNELS"] = 2
    add(client, auth, "json://127.0.0.1:9/a")
    add(client, auth, "json://127.0.0.1:9/b")
    refused = add(client, auth, "json://127.0.0.1:9/c", status=409)
    assert "at most 2 channels" in refused["detail"]
    add(client, other_auth, "json://127.0.0.1:9/c")  # the limit is per account
    assert len(client.get(URL, headers=auth).get_json()["items"]) == 2


def test_another_accounts_channel_is_404_and_untouched(client, auth, other_auth, sink):
    made = add(client, auth, sink.url("/mine"))
    for method, path in (("get", ""), ("delete", ""), ("post", "/test")):
        response = getattr(client, method)(f"{URL}/{made['id']}{path}", headers=other_auth)
        assert response.status_code == 404
    assert client.get(URL, headers=other_auth).get_json()["items"] == []
    assert len(sink) == 0
    assert client.get(f"{URL}/{made['id']}", headers=auth).status_code == 200


def test_the_key_file_is_made_once_private_and_reused(tmp_path):
    path = tmp_path / "instance" / "channel.key"
    first = secrets.keyring(None, path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    token = secrets.encrypt(first, "json://h/secret")
    assert secrets.decrypt(secrets.keyring(None, path), token) == "json://h/secret"
    with pytest.raises(secrets.ChannelKeyError, match="another YANBAO_CHANNEL_KEY"):
        secrets.decrypt(secrets.keyring(Fernet.generate_key().decode(), path), token)
    rotated = secrets.keyring(f"{Fernet.generate_key().decode()},{path.read_text()}", path)
    assert secrets.decrypt(rotated, token) == "json://h/secret"
    with pytest.raises(secrets.ChannelKeyError, match="Fernet keys"):
        secrets.keyring("not a key", path)


def test_a_channel_url_never_appears_in_an_answer_or_a_log(app, client, auth, caplog, sink):
    """Create, list, read, test, dispatch (a success and a failure), with every logger at DEBUG:
    neither the URL nor any secret part of it appears anywhere."""
    caplog.set_level(logging.DEBUG)
    secret_parts = ["Pa55wordZx", "PathKey4412", "HeaderKey5523"]
    good = sink.url("/hook/PathKey4412?-X-Token=HeaderKey5523").replace(
        "json://", "json://user:Pa55wordZx@")
    bad = sink.url("/fail/PathKey4412?-X-Token=HeaderKey5523").replace(
        "json://", "json://user:Pa55wordZx@")
    answers = []
    for url in (good, bad):
        made = client.post(URL, json={"url": url}, headers=auth)
        answers.append(made.get_data(as_text=True))
        channel = made.get_json()["id"]
        answers.append(client.post(f"{URL}/{channel}/test", headers=auth).get_data(as_text=True))
    client.post("/api/v1/coverages", headers=auth, json=_fridge())
    with app.app_context():
        from_app().run_pass()
    answers.append(client.get(URL, headers=auth).get_data(as_text=True))
    for channel in client.get(URL, headers=auth).get_json()["items"]:
        answers.append(client.get(f"{URL}/{channel['id']}", headers=auth).get_data(as_text=True))
    assert len(sink) == 4  # two tests and one reminder to each channel: all really sent
    assert "500" in answers[-1] or "500" in answers[-2]  # the failure's reason is shown
    seen = "\n".join(answers) + "\n".join(r.getMessage() for r in caplog.records)
    assert "delivery" in seen  # the dispatcher's failure was logged (masked)
    for secret in [good, bad, *secret_parts]:
        assert secret not in seen


def _fridge() -> dict:
    from datetime import date, timedelta
    today = date.today()
    return {"product": {"title": "海尔冰箱"}, "purchase_date": (today - timedelta(300)).isoformat(),
            "layers": [{"kind": "manufacturer",
                        "end_date": (today + timedelta(days=20)).isoformat()}]}


def test_errors_in_chinese_when_asked(client, auth):
    headers = {**auth, "Accept-Language": "zh-CN"}
    response = client.post(URL, json={"url": "foo://bar"}, headers=headers)
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["message"].startswith("Apprise 不支持“foo://”")
    missing = client.get(f"{URL}/nope", headers=headers)
    assert missing.get_json()["detail"] == "您的账户中没有此编号的推送渠道。"


def test_test_sends_are_rate_limited(app, client, auth, sink):
    app.config["CHANNEL_TEST_RATE_LIMIT"] = "2 per minute"
    made = add(client, auth, sink.url("/ok"))
    answers = [client.post(f"{URL}/{made['id']}/test", headers=auth) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2].headers["Retry-After"] and len(sink) == 2

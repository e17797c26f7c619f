"""Channels may not send into the service's own network (server.push.destinations): an address
on loopback, a private or link-local network, or a name resolving to one, is refused when the
channel is added, and again before every send (the name may have moved since), unless the
operator lists the network in YANBAO_CHANNEL_PRIVATE_NETWORKS. Fixed-address services (DingTalk,
WeCom …) carry tokens, not hosts, and are let through."""

from __future__ import annotations

import socket

import apprise
import pytest
from cryptography.fernet import Fernet
from sink import Sink
from sqlalchemy import create_engine, text

from server import create_app
from server.dispatch import from_app
from server.push import apprise_urls, destinations
from server.settings import from_env

KEY = Fernet.generate_key().decode()
URL = "/api/v1/channels"


@pytest.fixture
def app(database):
    app = create_app({"TESTING": True, "DATABASE_URL": database, "CHANNEL_KEY": KEY,
                      "REGISTRATION_RATE_LIMIT": "1000 per minute"})
    yield app
    app.extensions["yanbao.page_reader"].close()
    app.extensions["yanbao.db"].kw["bind"].dispose()


def _count(app) -> int:
    engine = create_engine(app.config["DATABASE_URL"])
    with engine.connect() as connection:
        found = connection.execute(text("SELECT count(*) FROM channels")).scalar()
    engine.dispose()
    return found


@pytest.mark.parametrize("url", [
    "json://127.0.0.1:6379/", "json://localhost/hook", "json://10.0.0.5/hook",
    "json://192.168.1.20:8080/hook", "json://172.16.0.1/", "json://169.254.169.254/latest/",
    "json://100.64.0.1/", "json://[::1]:8080/", "json://[fe80::1]/", "json://0.0.0.0/",
    "ntfy://192.168.1.2/topic", "mailtos://me:pw@example.com?smtp=10.1.2.3&to=me@example.com",
    "bark://127.0.0.1:8080/devicekey", "xml://[::ffff:127.0.0.1]/"])
def test_an_address_inside_the_network_is_refused_and_nothing_stored(app, client, auth, url):
    response = client.post(URL, json={"url": url, "name": "inside"}, headers=auth)
    assert response.status_code == 422, response.get_json()
    detail = response.get_json()["detail"]
    assert "YANBAO_CHANNEL_PRIVATE_NETWORKS" in str(detail)
    host = url.split("://", 1)[1].split("/", 1)[0].split("@")[-1]
    assert host.strip("[]").split(":")[0] not in str(detail) or host.startswith("[")
    assert _count(app) == 0


def _resolving(monkeypatch, name: str, where: dict) -> None:
    """DNS for one name answers where["address"] (changeable during the test)."""
    real = socket.getaddrinfo

    def resolve(host, *args, **kwargs):
        if host == name:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (where["address"], 0))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)


def test_a_name_resolving_inside_is_refused_without_saying_where(monkeypatch, app, client,
                                                                 auth):
    """The refusal never names what the name resolved to: the check is no window on the
    service's internal DNS."""
    _resolving(monkeypatch, "build.internal.example", {"address": "10.20.30.40"})
    response = client.post(URL, json={"url": "json://build.internal.example/hook"},
                           headers=auth)
    assert response.status_code == 422
    assert "10.20.30.40" not in response.get_data(as_text=True)
    assert _count(app) == 0


@pytest.mark.parametrize("url", [
    "dingtalk://abcdef0123456789abcdef/", "wecombot://botkey", "tgram://123456:ABC/12345",
    "feishu://abcd1234-abcd-1234", "ntfys://mytopic"])
def test_fixed_address_services_are_not_looked_up(client, auth, url):
    assert client.post(URL, json={"url": url}, headers=auth).status_code == 201


def test_a_public_address_is_accepted(monkeypatch, client, auth):
    _resolving(monkeypatch, "hooks.example.com", {"address": "93.184.215.14"})
    assert client.post(URL, json={"url": "json://hooks.example.com/hook"},
                       headers=auth).status_code == 201
    assert client.post(URL, json={"url": "json://93.184.215.14/hook"},
                       headers=auth).status_code == 201


def test_the_operator_allows_a_network_and_only_that_one(app, client, auth):
    app.config["CHANNEL_PRIVATE_NETWORKS"] = "192.168.1.0/24, 127.0.0.1/32"
    for allowed in ("json://192.168.1.20/hook", "json://127.0.0.1:9/hook"):
        assert client.post(URL, json={"url": allowed}, headers=auth).status_code == 201
    for refused in ("json://192.168.2.20/hook", "json://127.0.0.2/hook", "json://10.0.0.1/"):
        assert client.post(URL, json={"url": refused}, headers=auth).status_code == 422
    assert _count(app) == 2


def test_a_channel_whose_name_moved_inside_is_not_sent_to(monkeypatch, app, client, auth):
    """Checked again before each send: a name that resolved outside when the channel was added
    and inside now (DNS rebinding) gets no request, from the test button or the dispatcher,
    and the failure says why."""
    with Sink() as sink:
        where = {"address": "93.184.215.14"}
        _resolving(monkeypatch, "hooks.example.com", where)
        made = client.post(URL, json={"url": f"json://hooks.example.com:{sink.port}/hook"},
                           headers=auth)
        assert made.status_code == 201
        where["address"] = "127.0.0.1"  # where the sink listens
        tested = client.post(f"{URL}/{made.get_json()['id']}/test", headers=auth).get_json()
        assert tested["sent"] is False and "YANBAO_CHANNEL_PRIVATE_NETWORKS" in tested["error"]
        with app.app_context():
            outcome = apprise_urls.send(f"json://hooks.example.com:{sink.port}/hook",
                                        "json://hooks.example.com/…", "t", "m",
                                        allowed=from_app().settings.private_networks)
        assert outcome.ok is False and "private" in outcome.error
        assert sink.count() == {}


def test_allowed_networks_reach_the_dispatcher():
    config = from_env({"YANBAO_CHANNEL_PRIVATE_NETWORKS": "10.0.0.0/8"})
    assert destinations.networks(config["CHANNEL_PRIVATE_NETWORKS"]) == (
        __import__("ipaddress").ip_network("10.0.0.0/8"),)
    plugin = apprise.Apprise.instantiate("json://10.1.2.3/hook")
    assert destinations.refusal(plugin, destinations.networks("10.0.0.0/8")) is None
    assert destinations.refusal(plugin) == destinations.REFUSED


def test_a_wrong_network_setting_stops_the_start_with_what_to_fix():
    with pytest.raises(RuntimeError, match="YANBAO_CHANNEL_PRIVATE_NETWORKS: 'home' is not a "
                                           "network"):
        from_env({"YANBAO_CHANNEL_PRIVATE_NETWORKS": "192.168.0.0/16,home"})

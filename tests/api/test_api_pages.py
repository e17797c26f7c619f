"""POST /api/v1/pages/detect: product pages, non-product pages, limits, privacy."""

import json
import logging
import socket
from pathlib import Path

import pytest

URL = "/api/v1/pages/detect"
DATA = Path(__file__).parent.parent / "data"
SEED = DATA / "articles" / "taobao_yanbao_seed.txt"


def fixture(site: str, case: str) -> dict:
    expected = json.loads((DATA / site / f"{case}.json").read_text(encoding="utf-8"))
    raw = (DATA / site / f"{case}.html").read_bytes()
    charset = "gbk" if b"charset=gbk" in raw[:2000].lower() else "utf-8"
    return {"url": expected["url"], "html": raw.decode(charset)}


def test_product_page_with_offers_gets_a_comparison_and_is_observed(client, auth):
    body = fixture("jd", "rendered_hisense_tv")
    response = client.post(URL, json=body, headers=auth)
    assert response.status_code == 200, response.get_json()
    result = response.get_json()
    assert result["is_product"] and result["site"] == "jd"
    assert result["product"]["category"] == "large"
    priced = [o for o in result["offers"] if o["price"]]
    assert priced, "the rendered JD page shows priced 京东服务+ offers"
    comparison = result["comparison"]
    assert comparison["unavailable"] is None
    from_page = [p for p in comparison["plans"] if p["origin"] == "offer"]
    assert {p["name"] for p in from_page} <= {o["name"] for o in priced} and from_page
    item = result["product"]["item_id"]
    history = client.get(f"/api/v1/products/jd/{item}/offers/history", headers=auth).get_json()
    assert {s["offer"] for s in history["series"]} == {o["name"] for o in priced}


def test_seed_article_is_not_a_product(client, auth):
    html = f"<html><body><article>{SEED.read_text(encoding='utf-8')}</article></body></html>"
    body = {"url": "https://www.example.com/news/taobao-yanbao.html", "html": html}
    result = client.post(URL, json=body, headers=auth).get_json()
    assert result["is_product"] is False and result["reason"]
    assert result["comparison"] is None and result["offers"] == []


def test_search_page_is_not_a_product(client, auth):
    result = client.post(URL, json=fixture("jd", "search_fridge"), headers=auth).get_json()
    assert result["is_product"] is False and result["reason"]


def test_html_over_3_mib_is_413(client, auth):
    html = "<html><body>" + "家" * (1024 * 1024 + 10) + "</body></html>"  # 3 bytes each
    response = client.post(URL, json={"url": "https://item.jd.com/1.html", "html": html},
                           headers=auth)
    assert response.status_code == 413
    assert "3,145,728" in response.get_json()["detail"]


@pytest.mark.parametrize(("body", "field"), [
    ({"html": "<p>x</p>"}, "url"),
    ({"url": "https://item.jd.com/1.html"}, "html"),
    ({"url": "ftp://item.jd.com/1.html", "html": "x"}, "url"),
    ({"url": "javascript:alert(1)", "html": "x"}, "url"),
    ({"url": "file:///etc/passwd", "html": "x"}, "url"),
    ({"url": "https://item.jd.com/1.html", "html": ["x"]}, "html"),
    ({"url": "https://item.jd.com/1.html", "html": "x", "lang": "<script>"}, "lang"),
])
def test_bad_input_is_422(client, auth, body, field):
    response = client.post(URL, json=body, headers=auth)
    assert response.status_code == 422
    assert field in {e["field"] for e in response.get_json()["errors"]}


def test_the_url_is_never_fetched(client, auth):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(0.3)
        port = listener.getsockname()[1]
        body = fixture("jd", "rendered_hisense_tv")
        body["url"] = f"http://127.0.0.1:{port}/item/100007300763.html"
        assert client.post(URL, json=body, headers=auth).status_code == 200
        with pytest.raises(TimeoutError):
            listener.accept()


def test_page_bodies_never_reach_the_logs(client, auth, caplog):
    marker = "SECRET-PAGE-BODY-7f3a"
    body = fixture("jd", "rendered_hisense_tv")
    body["html"] = body["html"].replace("</body>", f"<p>{marker}</p></body>")
    with caplog.at_level(logging.DEBUG):
        client.post(URL, json=body, headers=auth)
        client.post(URL, json={"url": "https://item.jd.com/1.html", "html": marker * 10,
                               "lang": 5}, headers=auth)
    assert marker not in caplog.text


HOSTILE_PAGES = {
    "600,000 nested divs": "<div>" * 600_000,
    "one tag with 300,000 attributes": "<div " + " ".join(f"a{i}=1" for i in range(300_000))
                                       + ">x</div>",
}


@pytest.mark.parametrize("html", HOSTILE_PAGES.values(), ids=list(HOSTILE_PAGES))
def test_hostile_pages_get_a_422_that_says_what_to_send(client, auth, html):
    response = client.post(URL, json={"url": "https://shop.example/p/1", "html": html},
                           headers=auth)
    assert response.status_code == 422
    problem = response.get_json()
    assert problem["errors"][0]["field"] == "html"
    assert "product's own region" in problem["detail"]


@pytest.fixture
def quick_reader(app):
    """The app with a page-reading deadline short enough to reach with 40,000 nested divs."""
    app.config.update(DETECT_SECONDS=0.05, DETECT_SECONDS_PER_MIB=0.0)
    from server import page_reader

    app.extensions["yanbao.page_reader"].close()
    page_reader.init_app(app)
    return app


def test_a_page_over_its_deadline_is_refused_and_the_next_page_is_read(quick_reader, client,
                                                                       auth):
    """Nested divs under every cheap limit still cost the parser seconds (its work grows with
    the square of the depth): the child reading it is killed at the deadline, the client gets a
    422, and a new child reads the next page."""
    slow = {"url": "https://shop.example/p/1", "html": "<div>" * 40_000}
    response = client.post(URL, json=slow, headers=auth)
    assert response.status_code == 422
    assert "could not be read within 0.1 s" in response.get_json()["detail"]
    quick_reader.extensions["yanbao.page_reader"].seconds = 5.0
    again = client.post(URL, json=fixture("jd", "rendered_hisense_tv"), headers=auth)
    assert again.status_code == 200 and again.get_json()["is_product"]

"""Page detection: the extension's snapshot in, the product, its offers and a comparison out.

The URL is only read, never fetched, and the page body is neither logged nor stored: only the
anonymous offer prices are kept, for the price history.
"""

from __future__ import annotations

from datetime import UTC, datetime

from apiflask import APIBlueprint

from scrapers.budget import PageTooComplex
from server import db, i18n, page_reader, quoting
from server.api.reply import reply
from server.auth import auth, current_account_id
from server.content import JSON, accepts
from server.domain.fairvalue import text
from server.domain.fairvalue.inputs import (
    CURRENCY_MARKETS,
    InputError,
    Settings,
    detect_request,
)
from server.domain.vocabulary import CATEGORIES
from server.errors import problem
from server.schemas.pages import MAX_HTML_BYTES, DetectIn, DetectOut
from server.store import accounts, observations

bp = APIBlueprint("pages", __name__, tag="Pages")


@bp.post("/pages/detect")
@accepts(JSON, max_bytes="MAX_DETECT_BYTES")
@bp.auth_required(auth)
@bp.input(DetectIn, arg_name="body")
@bp.output(DetectOut)
@bp.doc(summary="Is this a product page? If so: the product, its warranty offers, a comparison",
        responses={413: "The html is over 3 MiB; trim the snapshot.",
                   422: "The body is invalid, or the page is too complex to read (nesting, "
                        "attributes or tags far beyond any real page)."})
def detect(body):
    encoded = body["html"].encode("utf-8", "surrogatepass")
    size = len(encoded)
    if size > MAX_HTML_BYTES:
        return problem(413, f"The html is {size:,} bytes; send at most {MAX_HTML_BYTES:,} "
                            "(the product region and its structured data are enough).")
    try:
        result = page_reader.reader().read(body["html"], body["url"], body["lang"], encoded)
    except PageTooComplex as refused:
        return problem(422, str(refused), errors=[{"field": "html", "message": str(refused)}])
    result["comparison"] = None
    if result["is_product"]:
        today = datetime.now(UTC).date()
        settings = Settings(body["settings"]["card_extension_months"],
                            body["settings"]["statutory"])
        result["comparison"] = _comparison(result, settings, today, _lang(body["lang"]))
        _observe(result, today)
    return reply(result)


def _priced(offers: list[dict]) -> list[dict]:
    return [o for o in offers if o.get("price") and o.get("currency") and o.get("term_months")]


def _lang(tag: str | None) -> str:
    """The body's `lang` ("zh-CN", "en"), else the request's Accept-Language."""
    if tag:
        return "zh" if tag.lower().startswith("zh") else "en"
    return i18n.language()


def _unavailable(reason: str, lang: str) -> dict:
    """No comparison, and why, in the shopper's language: never a validation message."""
    message, code = text.unavailable(reason, lang)
    return {"plans": [], "excluded": [], "headline": None, "better_options": False,
            "card_benefit": None, "statutory": None, "alternatives_note": None,
            "unavailable": message, "unavailable_code": code}


def _comparison(result: dict, settings: Settings, today, lang: str) -> dict:
    product = result["product"] or {}
    if product.get("category") not in CATEGORIES:
        return _unavailable("not_eligible", lang)
    if not product.get("price") or not product.get("currency"):
        return _unavailable("no_price", lang)
    if product["currency"] not in CURRENCY_MARKETS:
        return _unavailable("no_market", lang)
    try:
        inputs = detect_request({**result, "offers": _priced(result["offers"])}, today, settings)
    except InputError:
        return _unavailable("bad_input", lang)
    return quoting.compare(*inputs, today, lang)


def _observe(result: dict, today) -> None:
    item_id = (result["product"] or {}).get("item_id")
    if result["site"] and item_id:
        who = observations.reporter(accounts.account_public_id(db.session(),
                                                                current_account_id()))
        observations.record(db.session(), result["site"], item_id[:100],
                            _priced(result["offers"]), today, who)

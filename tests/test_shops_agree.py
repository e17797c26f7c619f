"""A shop is one Python site module (scrapers/sites/<id>.py) and one extension file
(extension/sites/<id>.js). This fails when the two disagree: one without the other, or hosts
that differ. Python names the shop's domains (jd.com) and routes every host under them; the
extension names the exact hosts its product pages live on (item.jd.com). They agree when the
service routes every extension host to the same site, and every Python domain has an extension
host at or under it, or is one of the short-link domains the extension file names."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from scrapers.page import Page
from scrapers.sites import load_all
from scrapers.sites.base import SiteParser
from testkit.shops import NODE, extension_sites

pytestmark = pytest.mark.skipif(
    NODE is None, reason="reading extension/sites/*.js needs Node.js (Debian package 'nodejs')")


def under(host: str, domain: str) -> bool:
    return host == domain or host.endswith(f".{domain}")


def test_every_shop_has_a_python_module_and_an_extension_file():
    python, extension = set(load_all()), set(extension_sites())
    assert python - extension == set(), "site parsers without a file in extension/sites/"
    assert extension - python == set(), "extension/sites/ files without a parser in scrapers/sites/"


@pytest.mark.parametrize("site", sorted(load_all()))
def test_python_module_and_extension_file_are_named_for_the_site(site):
    assert load_all()[site].__module__ == f"scrapers.sites.{site}"
    assert extension_sites()[site]["id"] == site


@pytest.mark.parametrize("site", sorted(load_all()))
def test_hosts_agree(site):
    parser, shop = load_all()[site], extension_sites()[site]
    short_links = shop["shortLinkDomains"] or []
    assert bool(shop["fallback"]) == (not parser.hosts), "the fallback has no hosts on either side"
    for host in shop["hosts"]:
        routed = SiteParser.for_host(host)
        assert routed is parser, f"the service reads {host} with {routed and routed.site}"
    for domain in parser.hosts:
        assert domain in short_links or any(under(h, domain) for h in shop["hosts"]), (
            f"{site}: the service reads {domain}, the extension runs on no host there "
            f"(add one to extension/sites/{site}.js, or list it in shortLinkDomains)")
    assert set(short_links) <= set(parser.hosts), "a short-link domain the service does not know"


def _url_reason(url: str) -> str | None:
    parser = SiteParser.for_host(urlsplit(url).hostname or "")
    assert parser is not None, f"the service routes {url} to no site"
    return parser(Page("", url)).url_reason()


@pytest.mark.parametrize("site", sorted(s for s in load_all() if load_all()[s].hosts))
def test_the_service_reads_every_url_the_extension_takes_for_a_product(site):
    shop = extension_sites()[site]
    refused = {url: _url_reason(url) for url in shop["accepts"] if _url_reason(url)}
    assert refused == {}, f"extension/sites/{site}.js sends these, the service refuses them"

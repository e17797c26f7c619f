"""Where a channel may send: not into the network the service runs in, unless its operator says.

Anyone can register a device and add a channel, and a channel's test sends at once. Without a
check, `json://169.254.169.254/latest/meta-data/` or `json://10.0.0.5:6379/` would have the
service make requests inside its own network for a stranger (server-side request forgery),
and the answers' timing and errors would map that network. So a channel whose destination host
is, or resolves to, a loopback, private, link-local, shared or reserved address is refused, when
it is added and again before every send (a name can be pointed elsewhere after the check). A
self-hoster whose ntfy, Gotify or mail server lives on their own network lists those networks in
YANBAO_CHANNEL_PRIVATE_NETWORKS (`192.168.1.0/24`, `127.0.0.1/32` …).

The destination is the plugin's `host` where the plugin takes one (a webhook, ntfy, Bark, an
email account's SMTP server); services whose address is fixed (DingTalk, WeCom, Feishu,
Telegram …) carry a token in that place, not a host, and are not looked up. A name that does
not resolve is let through: the send fails on its own. The refusal never names the address a
name resolved to, so the check cannot be used to read the service's internal DNS.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from functools import cache

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
SETTING = "YANBAO_CHANNEL_PRIVATE_NETWORKS"
REFUSED = ("This channel's server is on a loopback, private or link-local network, which this "
           f"service does not send to; if it is yours, its operator can allow that network with "
           f"{SETTING}.")


@cache
def networks(text: str) -> tuple[Network, ...]:
    """The allowed networks in a setting's text (comma-separated CIDRs); ValueError says which
    one is wrong."""
    found = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        try:
            found.append(ipaddress.ip_network(part, strict=False))
        except ValueError as exc:
            raise ValueError(f"{SETTING}: {part!r} is not a network such as 192.168.1.0/24 "
                             f"or 127.0.0.1/32") from exc
    return tuple(found)


def hosts(plugin) -> list[str]:
    """The hosts a plugin connects to that the URL chose."""
    found = []
    if "host" in getattr(plugin, "template_tokens", {}) and getattr(plugin, "host", None):
        found.append(str(plugin.host))
    smtp = getattr(plugin, "smtp_host", None)  # an email plugin's server, when not the domain
    if smtp and str(smtp) not in found:
        found.append(str(smtp))
    return found


def _addresses(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    name = host.strip("[]")
    try:
        return [ipaddress.ip_address(name.split("%")[0])]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(name, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


def _inside(address) -> bool:
    if getattr(address, "ipv4_mapped", None) is not None:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


def refusal(plugin, allowed: Iterable[Network] = ()) -> str | None:
    """Why this plugin may not send (REFUSED), or None."""
    allowed = tuple(allowed)
    for host in hosts(plugin):
        for address in _addresses(host):
            if _inside(address) and not any(address in network for network in allowed):
                return REFUSED
    return None

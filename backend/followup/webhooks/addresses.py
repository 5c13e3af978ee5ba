"""Which addresses a webhook may be posted to, checked when it is saved and again when it is sent.

Link-local addresses (169.254.0.0/16 holds the cloud metadata service, fe80::/10) are always
refused; private, loopback and other non-public ones only unless the operator allows them.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class RefusedAddress(ValueError):
    """The URL is malformed, cannot be resolved, or names an address webhooks may not reach."""


def _refusal(address: IPAddress, allow_private: bool) -> str | None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_link_local or address.is_multicast or address.is_unspecified:
        return f"{address} is a link-local, multicast or unspecified address"
    if not address.is_global and not allow_private:
        return f"{address} is a private or loopback address"
    return None


def resolve(url: str, *, allow_private: bool) -> list[str]:
    """The URL's host's addresses, every one of them allowed, or RefusedAddress."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RefusedAddress("must be an http:// or https:// URL with a host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (OSError, ValueError) as exc:
        raise RefusedAddress(f"the host {parts.hostname} cannot be resolved") from exc
    addresses = sorted({str(info[4][0]) for info in found})
    for text in addresses:
        refusal = _refusal(ipaddress.ip_address(text.split("%", 1)[0]), allow_private)
        if refusal:
            raise RefusedAddress(f"{parts.hostname}: {refusal}")
    return addresses

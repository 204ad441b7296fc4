"""Client addresses as limits and bans see them: one key per IPv4 address or IPv6 network.

A raw address string has many spellings (``1.2.3.4``, ``::ffff:1.2.3.4``,
``0:0:0:0:0:ffff:102:304``, ``[::FFFF:1.2.3.4]``), and an IPv6 subscriber is handed a
whole /64: compared as text, each spelling and each of the 2^64 addresses got its own
rate-limit allowance and escaped an IP ban. ``address_key`` parses with the standard
``ipaddress`` module, maps IPv4-mapped IPv6 to IPv4, and keys IPv6 on its network of
``ipv6_prefix`` bits (``IPV6_PREFIX``, 64 by default), so every spelling and every
address of that network give the same key. Anything that does not parse is None.
"""
import ipaddress


def address_key(text, ipv6_prefix=64):
    """``"1.2.3.4"`` or ``"2001:db8:1:2::/64"`` for any spelling of an address, else None."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        # The zone of a link-local address (fe80::1%eth0) names our interface, not the client.
        network = ipaddress.IPv6Network((address.packed, ipv6_prefix), strict=False)
        return str(network)
    return str(address)

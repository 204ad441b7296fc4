"""Limits and IP bans see one key per IPv4 address or IPv6 /64, however the address is spelled.

Each spelling in the table once counted apart (a fresh allowance, no ban match). The clock
fixture of the rate-limit tests keeps every window open for the whole test.
"""
import pytest

from moderation.config import ConfigError
from moderation.core.addresses import address_key
from moderation.http.clientip import hash_ip
from moderation.models import BanKind
from moderation.services.bans import ban_value, create_ban
from tests.http.test_rate_limits import limited, submit  # noqa: F401 (fixtures)

IPV4_SPELLINGS = ["203.0.113.9", "::ffff:203.0.113.9", "::FFFF:203.0.113.9", "0:0:0:0:0:ffff:cb00:7109",
                  "::ffff:cb00:7109", "[::ffff:203.0.113.9]", " 203.0.113.9 ", "0000:0000:0000:0000:0000:ffff:cb00:7109"]
ONE_SLASH_64 = ["2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:0DB8:0001:0002::9",
                "[2001:db8:1:2::abcd]", "2001:db8:1:2:0:0:0:1", "2001:db8:1:2::5%eth0",
                "2001:db8:1:2:1234:5678:9abc:def0", "2001:db8:1:2::a", "2001:db8:1:2::b", "2001:db8:1:2::c",
                "2001:db8:1:2::d"]


@pytest.mark.parametrize("spelling", IPV4_SPELLINGS)
def test_every_spelling_of_an_ipv4_address_has_one_key(spelling):
    assert address_key(spelling) == "203.0.113.9"


@pytest.mark.parametrize("spelling", ONE_SLASH_64)
def test_every_address_of_an_ipv6_64_has_one_key(spelling):
    assert address_key(spelling) == "2001:db8:1:2::/64"


@pytest.mark.parametrize("text, prefix, key", [
    ("2001:db8:1:2::1", 56, "2001:db8:1::/56"),
    ("2001:db8:1:2::1", 128, "2001:db8:1:2::1/128"),
    ("2001:db8:1:3::1", 64, "2001:db8:1:3::/64"),
])
def test_the_ipv6_network_follows_the_prefix(text, prefix, key):
    assert address_key(text, prefix) == key


@pytest.mark.parametrize("text", ["", "abc", "300.1.1.1", "1.2.3", "unknown", "01.2.3.4", "1.2.3.4:80", None])
def test_what_is_not_an_address_has_no_key(text):
    assert address_key(text) is None


def test_spellings_of_one_ipv4_address_share_one_allowance(limited, clock):
    client = limited(COMMENT_RATE_LIMIT=f"{len(IPV4_SPELLINGS)} per minute", COMMENT_RATE_LIMIT_PER_ARTICLE="100 per minute")
    codes = [submit(client, n=i, REMOTE_ADDR=spelling).status_code for i, spelling in enumerate(IPV4_SPELLINGS)]
    assert codes == [202] * len(IPV4_SPELLINGS)
    assert submit(client, n=99, REMOTE_ADDR="203.0.113.9").status_code == 429


def test_addresses_of_one_ipv6_64_share_one_allowance(limited, clock):
    client = limited(COMMENT_RATE_LIMIT="2 per minute")
    codes = [submit(client, n=i, REMOTE_ADDR=address).status_code for i, address in enumerate(ONE_SLASH_64)]
    assert codes == [202, 202] + [429] * (len(ONE_SLASH_64) - 2)


def test_another_ipv6_64_has_its_own_allowance(limited, clock):
    client = limited(COMMENT_RATE_LIMIT="1 per minute")
    assert submit(client, n=1, REMOTE_ADDR="2001:db8:1:2::1").status_code == 202
    assert submit(client, n=2, REMOTE_ADDR="2001:db8:1:3::1").status_code == 202


@pytest.mark.parametrize("typed", ["203.0.113.9", "::ffff:203.0.113.9", "0:0:0:0:0:ffff:cb00:7109"])
@pytest.mark.parametrize("seen", ["203.0.113.9", "::ffff:203.0.113.9", "::ffff:cb00:7109"])
def test_an_ip_ban_in_any_spelling_matches_the_client_in_any_spelling(limited, typed, seen):
    client = limited(COMMENT_RATE_LIMIT="100 per minute", COMMENT_RATE_LIMIT_PER_ARTICLE="100 per minute")
    secret = client.application.config["SECRET_KEY"]
    create_ban(BanKind.IP, ban_value("ip", typed, hash_ip=lambda ip: hash_ip(ip, secret)), actor=None)
    assert submit(client, REMOTE_ADDR=seen).status_code == 403
    assert submit(client, n=2, REMOTE_ADDR="203.0.113.10").status_code == 202


def test_an_ipv6_ban_covers_its_64(limited):
    client = limited(COMMENT_RATE_LIMIT="100 per minute", COMMENT_RATE_LIMIT_PER_ARTICLE="100 per minute")
    secret = client.application.config["SECRET_KEY"]
    create_ban(BanKind.IP, ban_value("ip", "2001:db8:1:2::1", hash_ip=lambda ip: hash_ip(ip, secret)), actor=None)
    assert submit(client, REMOTE_ADDR="2001:db8:1:2:aaaa::7").status_code == 403
    assert submit(client, n=2, REMOTE_ADDR="2001:db8:1:3::1").status_code == 202


@pytest.mark.parametrize("forwarded", ["unknown", "not-an-address", "203.0.113.9, garbage", "_hidden", ""])
def test_behind_a_proxy_a_forwarded_value_that_is_no_address_is_not_trusted(limited, clock, forwarded):
    client = limited(PROXY_COUNT=1, COMMENT_RATE_LIMIT="1 per minute")
    via_proxy = {"REMOTE_ADDR": "192.0.2.1", "HTTP_X_FORWARDED_FOR": forwarded}
    assert submit(client, n=1, **via_proxy).status_code == 202
    # Keyed on the proxy, not on the text: another junk value gets no fresh allowance.
    assert submit(client, n=2, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded + "x").status_code == 429


@pytest.mark.parametrize("prefix", [0, 129])
def test_an_ipv6_prefix_out_of_range_stops_start_up(make_app, prefix):
    with pytest.raises(ConfigError):
        make_app(IPV6_PREFIX=prefix)

"""The sites CLI: an operator adds a second site with one command, lists and changes sites,
and grants moderators their sites."""
import pytest
from sqlalchemy import select

from moderation.extensions import db
from moderation.models import Moderation, ModeratorSite, Site
from moderation.services.accounts import find_moderator
from moderation.services.articles import effective_moderation
from moderation.services.sites import find_site, origins_of


def _granted(username):
    moderator = find_moderator(username)
    return sorted(db.session.execute(select(Site.slug).join(ModeratorSite, ModeratorSite.site_id == Site.id)
                                     .where(ModeratorSite.moderator_id == moderator.id)).scalars())


def _add(runner, slug="truong-a", *origins):
    args = ["sites", "add", slug, "--name", "Trường A"]
    for origin in origins or ("https://truong-a.edu.vn",):
        args += ["--origin", origin]
    return runner.invoke(args=args)


def test_one_command_adds_a_site_with_its_origins(runner):
    result = _add(runner, "truong-a", "https://truong-a.edu.vn", "https://www.truong-a.edu.vn")
    assert result.exit_code == 0, result.output
    assert origins_of(find_site("truong-a").id, []) == ["https://truong-a.edu.vn", "https://www.truong-a.edu.vn"]


@pytest.mark.parametrize("slug", ["Truong-A", "trường", "a_b"])
def test_a_slug_outside_the_rule_is_refused(runner, slug):
    result = _add(runner, slug)
    assert result.exit_code == 1 and "Mã trang" in result.output


def test_list_shows_every_site_with_its_origins(runner):
    _add(runner)
    lines = runner.invoke(args=["sites", "list"]).output.splitlines()
    assert lines == ["default\tdefault\thttps://news.example.vn", "truong-a\tTrường A\thttps://truong-a.edu.vn"]


def test_set_changes_the_moderation_mode_of_the_site(runner):
    _add(runner)
    assert runner.invoke(args=["sites", "set", "truong-a", "--moderation", "post"]).exit_code == 0
    assert effective_moderation(None, find_site("truong-a").id) == Moderation.POST


def test_set_replaces_the_origins(runner):
    _add(runner)
    runner.invoke(args=["sites", "set", "truong-a", "--origin", "https://moi.edu.vn"])
    assert origins_of(find_site("truong-a").id, []) == ["https://moi.edu.vn"]


def test_a_new_moderator_is_granted_default_unless_told(runner):
    runner.invoke(args=["create-moderator", "bientap", "--password-stdin"], input="mat-khau-dai\n")
    assert _granted("bientap") == ["default"]


def test_create_moderator_takes_sites(runner):
    _add(runner)
    result = runner.invoke(args=["moderators", "new", "bientap", "--site", "truong-a", "--password-stdin"],
                           input="mat-khau-dai\n")
    assert result.exit_code == 0, result.output
    assert _granted("bientap") == ["truong-a"]


def test_grant_and_revoke_sites(runner):
    _add(runner)
    runner.invoke(args=["create-moderator", "bientap", "--password-stdin"], input="mat-khau-dai\n")
    assert runner.invoke(args=["moderators", "grant", "bientap", "truong-a"]).exit_code == 0
    assert _granted("bientap") == ["default", "truong-a"]
    assert runner.invoke(args=["moderators", "revoke", "bientap", "default"]).exit_code == 0
    assert _granted("bientap") == ["truong-a"]


def test_granting_an_unknown_site_is_refused(runner):
    runner.invoke(args=["create-moderator", "bientap", "--password-stdin"], input="mat-khau-dai\n")
    result = runner.invoke(args=["moderators", "grant", "bientap", "khong-co"])
    assert result.exit_code == 1 and _granted("bientap") == ["default"]


def test_set_changes_the_auto_close_age_and_the_lock(runner):
    from moderation.services.sites import own_settings
    _add(runner)
    result = runner.invoke(args=["sites", "set", "truong-a", "--close-after-days", "14", "--lock"])
    assert result.exit_code == 0, result.output
    assert own_settings(find_site("truong-a")) == {"close_after_days": "14", "lockdown": "1"}
    result = runner.invoke(args=["sites", "set", "truong-a", "--close-after-days", "default", "--unlock"])
    assert result.exit_code == 0, result.output
    assert own_settings(find_site("truong-a")) == {}


@pytest.mark.parametrize("days", ["-3", "abc", "3651"])
def test_a_bad_auto_close_age_is_refused(runner, days):
    from moderation.services.sites import own_settings
    _add(runner)
    result = runner.invoke(args=["sites", "set", "truong-a", "--close-after-days", days])
    assert result.exit_code != 0
    assert ("Nhập số ngày" in result.output or "Số ngày phải là số nguyên" in result.output), result.output
    assert own_settings(find_site("truong-a")) == {}
def test_a_sites_default_sort_is_set_from_the_cli_and_orders_its_thread(runner):
    from moderation.services.threads import default_sort
    assert _add(runner).exit_code == 0
    result = runner.invoke(args=["sites", "set", "truong-a", "--default-sort", "top"])
    assert result.exit_code == 0, result.output
    assert default_sort(find_site("truong-a").id) == "top" and default_sort() == "oldest"

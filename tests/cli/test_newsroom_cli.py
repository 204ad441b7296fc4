"""The CLI's part of newsroom replies: a moderator's display name, a site's badge."""
from moderation.services.accounts import find_moderator
from moderation.services.newsroom import staff_badge
from moderation.services.sites import find_site


def test_moderators_new_takes_a_display_name_and_display_name_changes_it(runner):
    result = runner.invoke(args=["moderators", "new", "bientap", "--display-name", "Minh Anh", "--password-stdin"],
                           input="mat-khau-dai\n")
    assert result.exit_code == 0, result.output
    assert find_moderator("bientap").display_name == "Minh Anh"
    assert runner.invoke(args=["moderators", "display-name", "bientap", "Ban Thời sự"]).exit_code == 0
    assert find_moderator("bientap").display_name == "Ban Thời sự"
    refused = runner.invoke(args=["moderators", "display-name", "bientap", "x" * 81])
    assert refused.exit_code == 1 and "Tên hiển thị" in refused.output


def test_sites_set_takes_the_newsroom_badge(runner):
    assert runner.invoke(args=["sites", "add", "truong-a", "--name", "Trường A",
                               "--origin", "https://truong-a.edu.vn"]).exit_code == 0
    assert staff_badge(find_site("truong-a").id) == "Tòa soạn"
    result = runner.invoke(args=["sites", "set", "truong-a", "--staff-badge", "Nhà trường"])
    assert result.exit_code == 0, result.output
    assert staff_badge(find_site("truong-a").id) == "Nhà trường"
    assert staff_badge(1) == "Tòa soạn"

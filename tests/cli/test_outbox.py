"""``flask outbox run --once`` and ``flask moderators mail``."""
from moderation.models import MailKind, MailPreference
from moderation.services import mail_content, outbox
from moderation.services.accounts import create_moderator, find_moderator
from moderation.extensions import db


def test_outbox_run_once_sends_what_is_due_through_smtp_and_exits(smtp_app, smtp_server):
    outbox.add(MailKind.ALERT, "bientap@example.vn", mail_content.Mail("Hàng chờ", "Nội dung", "<p>Nội dung</p>"))
    db.session.commit()
    result = smtp_app.test_cli_runner().invoke(args=["outbox", "run", "--once"])
    assert result.exit_code == 0, result.output
    assert "sent 1 mail" in result.output
    [message] = smtp_server.inbox.messages
    assert message["Subject"] == "Hàng chờ" and message["To"] == "bientap@example.vn"


def test_outbox_run_with_notifications_off_says_so(runner):
    result = runner.invoke(args=["outbox", "run", "--once"])
    assert result.exit_code == 0 and "notifications are off" in result.output


def test_moderators_mail_sets_the_address_and_the_preference(runner):
    create_moderator("bientap", "mat-khau-dai", "moderator", actor=None)
    result = runner.invoke(args=["moderators", "mail", "bientap", "--email", "BienTap@example.vn", "--receive", "alerts"])
    assert result.exit_code == 0, result.output
    account = find_moderator("bientap")
    assert (account.email, account.mail_preference) == ("bientap@example.vn", MailPreference.ALERTS)
    assert runner.invoke(args=["moderators", "mail", "bientap", "--email", "", "--receive", "digest"]).exit_code == 1


def test_sites_set_changes_the_alert_thresholds_the_check_uses(runner):
    from moderation.services.sites import site_setting
    result = runner.invoke(args=["sites", "set", "default", "--alert-minutes", "15", "--alert-count", "5"])
    assert result.exit_code == 0, result.output
    assert (site_setting(1, "alert_pending_minutes"), site_setting(1, "alert_pending_count")) == ("15", "5")

"""The accounts CLI: create-moderator, set-password, deactivate, create-token, and the first-run admin."""
import pytest

from moderation.services.accounts import check_login, find_moderator, moderator_for_token
from moderation.cli.bootstrap import bootstrap
from moderation.models import Role


def test_create_moderator_prompts_twice_for_the_password(runner):
    result = runner.invoke(args=["create-moderator", "bientap", "--role", "moderator"],
                           input="mat-khau-dai\nmat-khau-dai\n")
    assert result.exit_code == 0, result.output
    assert check_login("bientap", "mat-khau-dai").role == Role.MODERATOR


def test_create_moderator_refuses_a_mistyped_confirmation(runner):
    result = runner.invoke(args=["create-moderator", "bientap"], input="mat-khau-dai\nkhac-han\nmat-khau-dai\nmat-khau-dai\n")
    assert "match" in result.output
    assert check_login("bientap", "mat-khau-dai") is not None


def test_create_admin_from_stdin(runner):
    result = runner.invoke(args=["create-moderator", "quantri", "--role", "admin", "--password-stdin"],
                           input="mat-khau-cua-admin\n")
    assert result.exit_code == 0, result.output
    assert check_login("quantri", "mat-khau-cua-admin").role == Role.ADMIN


def test_create_moderator_refuses_a_short_password_and_a_taken_name(runner):
    assert runner.invoke(args=["create-moderator", "a", "--password-stdin"], input="ngan\n").exit_code == 1
    runner.invoke(args=["create-moderator", "a", "--password-stdin"], input="mat-khau-dai\n")
    taken = runner.invoke(args=["create-moderator", "a", "--password-stdin"], input="mat-khau-dai\n")
    assert taken.exit_code == 1 and "Tên đăng nhập này đã tồn tại." in taken.output


def test_set_password_replaces_the_old_one(runner):
    runner.invoke(args=["create-moderator", "bientap", "--password-stdin"], input="mat-khau-cu-dai\n")
    result = runner.invoke(args=["set-password", "bientap"], input="mat-khau-moi-dai\nmat-khau-moi-dai\n")
    assert result.exit_code == 0, result.output
    assert check_login("bientap", "mat-khau-cu-dai") is None
    assert check_login("bientap", "mat-khau-moi-dai") is not None


def test_commands_name_an_unknown_moderator(runner):
    for command in ("set-password", "deactivate", "create-token"):
        result = runner.invoke(args=[command, "khongco"], input="mat-khau-dai\nmat-khau-dai\n")
        assert result.exit_code == 1 and "Không có tài khoản nào tên" in result.output


def test_create_token_prints_a_working_token_once(runner):
    runner.invoke(args=["create-moderator", "bientap", "--password-stdin"], input="mat-khau-dai\n")
    result = runner.invoke(args=["create-token", "bientap"])
    token = result.output.strip()
    assert result.exit_code == 0 and token.startswith("ykbd_")
    assert moderator_for_token(token).username == "bientap"


def test_deactivate_locks_out_and_revokes_tokens(runner):
    runner.invoke(args=["create-moderator", "bientap", "--password-stdin"], input="mat-khau-dai\n")
    token = runner.invoke(args=["create-token", "bientap"]).output.strip()
    assert runner.invoke(args=["deactivate", "bientap"]).exit_code == 0
    assert check_login("bientap", "mat-khau-dai") is None
    assert moderator_for_token(token) is None
    assert runner.invoke(args=["create-token", "bientap"]).exit_code == 1


def test_bootstrap_creates_the_first_admin_and_prints_its_password_once(runner):
    first = runner.invoke(bootstrap, ["--port", "5000"])
    assert first.exit_code == 0, first.output
    password = next(line.split(":", 1)[1].strip() for line in first.output.splitlines() if "Password:" in line)
    assert "http://127.0.0.1:5000/moderation/login" in first.output
    assert check_login("admin", password).role == Role.ADMIN
    second = runner.invoke(bootstrap, [])
    assert "Password:" not in second.output


def test_bootstrap_leaves_an_existing_install_alone(runner):
    runner.invoke(args=["create-moderator", "bientap", "--password-stdin"], input="mat-khau-dai\n")
    assert "Password:" not in runner.invoke(bootstrap, []).output
    assert find_moderator("admin") is None


@pytest.mark.parametrize("noun, alias", [
    (["moderators", "new"], ["create-moderator"]),
    (["moderators", "password"], ["set-password"]),
    (["moderators", "deactivate"], ["deactivate"]),
    (["moderators", "token"], ["create-token"]),
])
def test_account_commands_are_grouped_by_noun_and_keep_their_first_names(runner, noun, alias):
    group = runner.app.cli.get_command(None, noun[0])
    assert group.get_command(None, noun[1]) is runner.app.cli.get_command(None, alias[0])


def test_the_noun_form_creates_a_moderator_and_a_token(runner):
    created = runner.invoke(args=["moderators", "new", "bientap", "--password-stdin"], input="mat-khau-dai\n")
    assert created.exit_code == 0, created.output
    token = runner.invoke(args=["moderators", "token", "bientap"]).output.strip()
    assert moderator_for_token(token).username == "bientap"


def test_the_commands_answer_the_operator_in_vietnamese(runner):
    created = runner.invoke(args=["moderators", "new", "bientap", "--role", "moderator", "--password-stdin"],
                            input="mat-khau-dai\n")
    assert "Đã tạo tài khoản kiểm duyệt viên “bientap”." in created.output
    assert "Đã tạo trang “truong-b”" in runner.invoke(args=["sites", "add", "truong-b", "--name", "Trường B",
                                                           "--origin", "https://truong-b.edu.vn"]).output
    assert "“bientap” giờ được kiểm duyệt: truong-b." in runner.invoke(
        args=["moderators", "grant", "bientap", "truong-b"]).output
    assert "“bientap” nhận qua email: cảnh báo." in runner.invoke(
        args=["moderators", "mail", "bientap", "--email", "bt@example.vn", "--receive", "alerts"]).output
    missing = runner.invoke(args=["moderators", "deactivate", "khong-ai"])
    assert missing.exit_code == 1 and "Không có tài khoản nào tên “khong-ai”." in missing.output

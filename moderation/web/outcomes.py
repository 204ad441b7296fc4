"""The sentences a moderator reads after acting, including who got there first."""
from flask_babel import gettext as _, ngettext
from flask_login import current_user

from moderation.messages import ERRORS
from moderation.services.decisions import last_decider
from moderation.web.present import status_label

_DONE = {
    "approve": lambda n: _("Đã duyệt bình luận #%(id)s.", id=n),
    "reject": lambda n: _("Đã từ chối bình luận #%(id)s.", id=n),
    "unapprove": lambda n: _("Đã gỡ duyệt bình luận #%(id)s; bình luận trở lại hàng chờ.", id=n),
    "edit": lambda n: _("Đã sửa và duyệt bình luận #%(id)s.", id=n),
    "ban": lambda n: _("Đã cấm người gửi và từ chối bình luận #%(id)s.", id=n),
}


def _already(outcome):
    comment = outcome.comment
    if outcome.decided_by and outcome.decided_by != current_user.username:
        return _("%(who)s đã xử lý bình luận #%(id)s trước bạn (hiện: %(status)s).",
                 who=outcome.decided_by, id=comment.id, status=status_label(comment.status))
    return _("Bình luận #%(id)s đã ở trạng thái %(status)s.", id=comment.id, status=status_label(comment.status))


def outcome_message(outcome, action):
    if outcome.changed:
        return _DONE[action](outcome.comment.id)
    if action == "ban":
        return _("Đã cấm người gửi. ") + _already(outcome)
    return _already(outcome)


def conflict_message(comment_id):
    """For a 409: the action no longer fits the comment's state, most likely because someone acted."""
    who = last_decider(comment_id)
    if who:
        return _("Không thực hiện được: %(who)s đã xử lý bình luận #%(id)s trước bạn.", who=who, id=comment_id)
    return str(ERRORS["conflict"])


def bulk_message(results, action):
    changed = sum(1 for r in results if r.outcome and r.outcome.changed)
    unchanged = len(results) - changed
    done = (ngettext("Đã duyệt %(num)s bình luận.", "Đã duyệt %(num)s bình luận.", changed) if action == "approve"
            else ngettext("Đã từ chối %(num)s bình luận.", "Đã từ chối %(num)s bình luận.", changed))
    if unchanged:
        done += " " + ngettext("%(num)s bình luận không thay đổi (đã được xử lý hoặc không còn).",
                               "%(num)s bình luận không thay đổi (đã được xử lý hoặc không còn).", unchanged)
    return done


def undo_message(outcome):
    if outcome.changed:
        return _("Đã hoàn tác: bình luận #%(id)s trở lại trạng thái %(status)s.",
                 id=outcome.comment.id, status=status_label(outcome.comment.status))
    return _("Không hoàn tác được: %(who)s đã xử lý bình luận #%(id)s sau bạn.",
             who=outcome.decided_by or "?", id=outcome.comment.id)

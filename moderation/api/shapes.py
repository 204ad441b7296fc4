"""Shapes of comments, decisions and audit entries as JSON; times in Asia/Ho_Chi_Minh (``core.times``)."""
from moderation import messages
from moderation.core.times import local_iso
from moderation.services.threads import public_comment


def pick(result):
    """The answer of feature/unfeature: the comment's state and pick after the call, and the sentence."""
    comment = result.comment
    return {"id": comment.id, "status": comment.status.value, "changed": result.changed,
            "status_label": str(messages.STATUS_LABELS[comment.status.value]),
            "featured": comment.featured_at is not None,
            "featured_at": local_iso(comment.featured_at) if comment.featured_at else None,
            "message": result.message}


def newsroom_reply(result):
    """The answer of a newsroom reply: the reply as the thread shows it (``public_comment``, so the
    two cannot drift apart), its article, and the comments approved on the way."""
    reply = result.reply
    return {**public_comment(reply), "article_id": reply.article_id, "status": reply.status.value,
            "created": result.created, "answered_id": result.answered, "approved_ids": list(result.approved),
            "message": result.message}


def reply_decision(result):
    """The queue's answer to its reply box: the answered row's state after it (a held comment
    answered is approved), in a decision's shape, with the reply itself."""
    status = result.answered_status.value
    return {"id": result.answered, "status": status, "changed": result.created,
            "status_label": str(messages.STATUS_LABELS[status]), "message": result.message,
            "reply": newsroom_reply(result)}


def moderation_comment(comment):
    """What moderators and CMS integrations see: everything but the address hash.

    Reader reports appear among the flags as {"code": "reported", "count": N}.
    """
    flags = list(comment.flags or [])
    if comment.report_count:
        flags.append({"code": "reported", "count": comment.report_count})
    return {
        "id": comment.id,
        "site": comment.site.slug,
        "article_id": comment.article_id,
        "parent_id": comment.parent_id,
        "author": comment.author,
        "email": comment.email,
        "body_text": comment.body_text,
        "body_html": comment.body_html,
        "status": comment.status.value,
        "flags": flags,
        "reports": comment.report_count,
        "created_at": local_iso(comment.created_at),
        "likes": comment.likes,
        "featured": comment.featured_at is not None,
        "staff": {"badge": comment.staff_badge} if comment.staff_id is not None else None,
    }


def audit_entry(entry):
    """One audit entry for ``GET /api/v1/moderation/audit``: statuses and reason only where they apply."""
    body = {
        "id": entry.id,
        "at": local_iso(entry.created_at),
        "actor": {"kind": "moderator", "username": entry.moderator.username} if entry.moderator
        else {"kind": "system"},
        "action": entry.action.value,
        "target": {"kind": entry.target_kind.value, "id": entry.target_id},
        "details": entry.details or {},
    }
    for name in ("from_status", "to_status"):
        if getattr(entry, name) is not None:
            body[name] = getattr(entry, name).value
    if entry.reason:
        body["reason"] = entry.reason
    return body


def decision(outcome, action=None, message=None):
    """The one JSON shape of a decision, for the token API and the queue's script alike:
    the comment's state after the call, and the sentence the moderator reads about it."""
    comment = outcome.comment
    if message is None:
        message = messages.decided(action, comment.id) if outcome.changed else outcome.note
        if action == "ban" and not outcome.changed:
            message = f"{messages.BANNED_ONLY} {outcome.note}"
    body = {"id": comment.id, "status": comment.status.value, "changed": outcome.changed,
            "status_label": str(messages.STATUS_LABELS[comment.status.value]), "message": str(message)}
    if outcome.last and not outcome.changed:
        if outcome.last.who:
            body["decided_by"] = outcome.last.who
        body["decided_at"] = local_iso(outcome.last.at)
    return body


def bulk_decisions(results, message):
    """Many decisions (a bulk action, the undo of one): one sentence, then each comment's answer;
    a comment that could not be decided has ``error`` and no status."""
    answers = []
    for result in results:
        if result.outcome is None:
            answers.append({"id": result.comment_id, "changed": False, "error": result.error, "status": None})
        else:
            answers.append({**decision(result.outcome, message=message), "error": None})
    return {"message": str(message), "results": answers}

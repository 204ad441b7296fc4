"""Shapes of comments as JSON, and times as the newsroom reads them (Asia/Ho_Chi_Minh)."""
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def local_iso(moment):
    return moment.astimezone(VIETNAM).isoformat(timespec="seconds")


def public_comment(comment, replies=()):
    """What any reader may see: never email, address hash or flags."""
    return {
        "id": comment.id,
        "parent_id": comment.parent_id,
        "author": comment.author,
        "body_html": comment.body_html,
        "created_at": local_iso(comment.created_at),
        "replies": [public_comment(reply) for reply in replies],
    }

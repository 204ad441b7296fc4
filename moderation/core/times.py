"""Time as the newsroom reads it: stored in UTC, shown in Asia/Ho_Chi_Minh."""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def utcnow():
    """Timezone-aware now; a callable for column defaults, never a value computed at import."""
    return datetime.now(timezone.utc)


def local_iso(moment):
    return moment.astimezone(VIETNAM).isoformat(timespec="seconds")

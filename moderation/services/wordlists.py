"""The banned and suspect word lists as stored, and the compiled rules every submission is screened by.

Two owners of terms: the installation (``site_id`` None), whose lists apply on every site, and
each site, which may add its own terms to both lists. A comment on a site is screened by the
installation's terms and that site's, compiled together into one RuleSet.

The service runs as many processes. Each keeps, per site, the rules it compiled together with
the ``rules_version`` setting they were compiled from; every change of any list bumps that one
version in the same transaction, and a process recompiles a site's rules only when the version
it reads (one primary-key lookup per submission) differs from the one they were built at. One
version for all owners keeps the per-submission check one lookup; a change on one site costs the
other sites one recompile each, on their next submission (a few ms for thousands of terms).
"""
from dataclasses import dataclass, field

from sqlalchemy import Integer, String, cast, delete, or_, select

from moderation import messages
from moderation.core import wordrules as rules
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.core.states import Action, Target
from moderation.models import DEFAULT_SITE_ID, Setting, Site, Status, Tier, WordRule
from moderation.services import audit

VERSION_KEY = "rules_version"
MAX_TERMS = 5000


def rules_version():
    """The current version as stored ("0" before the first change); always read from the database."""
    value = db.session.execute(select(Setting.value).where(Setting.key == VERSION_KEY)).scalar_one_or_none()
    return value or "0"


def _owner(site_id):
    return WordRule.site_id.is_(None) if site_id is None else WordRule.site_id == site_id


def _lists(owners):
    lists = {tier.value: [] for tier in Tier}
    for tier, term in db.session.execute(select(WordRule.tier, WordRule.term).where(owners).order_by(WordRule.term)):
        lists[tier.value].append(term)
    return lists


def word_lists(site_id=None):
    """{"banned": [...], "suspect": [...]}, each sorted, as stored: the installation's lists, or
    with ``site_id`` that site's own additions only."""
    return _lists(_owner(site_id))


def screened_lists(site_id):
    """The terms a comment on ``site_id`` is screened by: the installation's and the site's own."""
    return _lists(or_(WordRule.site_id.is_(None), WordRule.site_id == site_id))


def clean_terms(values, name):
    """Canonical, de-duplicated terms; ServiceError(400) naming the list when one is not acceptable."""
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ServiceError("validation", 400, {name: messages.FIELDS["terms"]})
    terms = {}  # an ordered set: first spelling kept, duplicates dropped in O(1)
    for raw in values:
        if not raw.strip():
            continue
        term = rules.canonical_term(raw)
        if not term:
            raise ServiceError("validation", 400, {name: messages.FIELDS["term_no_word"] % {"term": raw[:50]}})
        if len(term) > rules.MAX_TERM_LENGTH:
            raise ServiceError("validation", 400, {name: messages.FIELDS["too_long"] % {"max": rules.MAX_TERM_LENGTH}})
        terms[term] = None
    if len(terms) > MAX_TERMS:
        raise ServiceError("validation", 400, {name: messages.FIELDS["too_many_terms"] % {"max": MAX_TERMS}})
    return list(terms)


def _bump_version():
    """Increment ``rules_version`` atomically; the UPDATE also serializes concurrent editors."""
    updated = db.session.execute(
        db.update(Setting).where(Setting.key == VERSION_KEY)
        .values(value=cast(cast(Setting.value, Integer) + 1, String))).rowcount
    if not updated:
        db.session.add(Setting(key=VERSION_KEY, value="1"))
        db.session.flush()


def replace_word_lists(banned=None, suspect=None, *, actor, action=Action.WORDS_SAVE, site_id=None):
    """Replace each list given (None leaves that list alone) of the installation, or with
    ``site_id`` of that site's additions; bump the version, commit.

    Returns the stored lists of that owner. Terms are canonical: casefolded NFC words joined by
    one space. Each list that changed gets an audit entry with the terms added and removed (and,
    for a site's list, the site's slug in ``details["site"]``).
    """
    site = db.session.get(Site, site_id) if site_id is not None else None
    if site_id is not None and site is None:
        raise ServiceError("unknown_site", 404)
    given = {Tier.BANNED: banned, Tier.SUSPECT: suspect}
    cleaned = {tier: clean_terms(values, tier.value) for tier, values in given.items() if values is not None}
    before = word_lists(site_id)
    _bump_version()
    for tier, terms in cleaned.items():
        db.session.execute(delete(WordRule).where(WordRule.tier == tier, _owner(site_id)))
        db.session.add_all(WordRule(tier=tier, term=term, site_id=site_id) for term in terms)
        old, new = set(before[tier.value]), set(terms)
        if old != new:
            details = {"added": sorted(new - old), "removed": sorted(old - new), "total": len(new)}
            if site is not None:
                details["site"] = site.slug
            audit.record(actor, action, Target.WORD_LIST, tier.value, details=details, site_id=site_id)
    db.session.commit()
    return word_lists(site_id)


def import_terms(tier, text, *, actor, site_id=None):
    """Replace one list (the installation's, or a site's additions) with the terms of a plain-text file, one a line."""
    tier = Tier(tier)
    return replace_word_lists(**{tier.value: rules.parse_terms(text)}, actor=actor, action=Action.WORDS_IMPORT,
                              site_id=site_id)


def export_terms(tier, site_id=None):
    return rules.export_terms(word_lists(site_id)[Tier(tier).value])


@dataclass
class Screener:
    """The ``comment_screen`` callable of one process, keeping each site's rules compiled at one version."""
    # {site id: (version, RuleSet)}; each value replaced as one object, so a thread never pairs
    # one version with other rules.
    compiled: dict = field(default_factory=dict)
    compiles: int = 0

    def current(self, site_id=DEFAULT_SITE_ID, version=None):
        """The rules of ``site_id`` (the installation's and the site's terms), recompiled only
        when the stored version moved.

        ``version``: the ``rules_version`` the caller has just read in its transaction (a
        submission reads it with its other settings, once for the body and the name).
        """
        version = rules_version() if version is None else version
        compiled = self.compiled.get(site_id)
        if compiled is None or compiled[0] != version:
            lists = screened_lists(site_id)
            compiled = (version, rules.compile_rules(lists["banned"], lists["suspect"]))
            self.compiled[site_id] = compiled
            self.compiles += 1
        return compiled[1]

    def __call__(self, text, site_id=DEFAULT_SITE_ID, version=None):
        flags, verdict = rules.screen(text, self.current(site_id, version))
        return flags, (Status(verdict) if verdict else None)


def init_app(app):
    app.extensions["comment_screen"] = Screener()

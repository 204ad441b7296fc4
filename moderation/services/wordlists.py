"""The banned and suspect word lists as stored, and the compiled rules every submission is screened by.

The service runs as many processes. Each keeps the rules it compiled together with the
``rules_version`` setting they were compiled from; every change of the lists bumps that
version in the same transaction, and a process recompiles only when the version it reads
(one read per submission, with the submission's other settings) differs from its own.
"""
from dataclasses import dataclass

from sqlalchemy import Integer, String, cast, delete, select

from moderation import messages
from moderation.core import wordrules as rules
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.core.states import Action, Target
from moderation.models import Setting, Status, Tier, WordRule
from moderation.services import audit

VERSION_KEY = "rules_version"
MAX_TERMS = 5000


def rules_version():
    """The current version as stored ("0" before the first change); always read from the database."""
    value = db.session.execute(select(Setting.value).where(Setting.key == VERSION_KEY)).scalar_one_or_none()
    return value or "0"


def word_lists():
    """{"banned": [...], "suspect": [...]}, each sorted, as stored."""
    lists = {tier.value: [] for tier in Tier}
    for tier, term in db.session.execute(select(WordRule.tier, WordRule.term).order_by(WordRule.term)):
        lists[tier.value].append(term)
    return lists


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


def replace_word_lists(banned=None, suspect=None, *, actor, action=Action.WORDS_SAVE):
    """Replace each list given (None leaves that list alone), bump the version, commit.

    Returns the stored lists. Terms are canonical: casefolded NFC words joined by one space.
    Each list that changed gets an audit entry with the terms added and removed.
    """
    given = {Tier.BANNED: banned, Tier.SUSPECT: suspect}
    cleaned = {tier: clean_terms(values, tier.value) for tier, values in given.items() if values is not None}
    before = word_lists()
    _bump_version()
    for tier, terms in cleaned.items():
        db.session.execute(delete(WordRule).where(WordRule.tier == tier))
        db.session.add_all(WordRule(tier=tier, term=term) for term in terms)
        old, new = set(before[tier.value]), set(terms)
        if old != new:
            audit.record(actor, action, Target.WORD_LIST, tier.value,
                         details={"added": sorted(new - old), "removed": sorted(old - new), "total": len(new)})
    db.session.commit()
    return word_lists()


def import_terms(tier, text, *, actor):
    """Replace one list with the terms of a plain-text file, one a line."""
    tier = Tier(tier)
    return replace_word_lists(**{tier.value: rules.parse_terms(text)}, actor=actor, action=Action.WORDS_IMPORT)


def export_terms(tier):
    return rules.export_terms(word_lists()[Tier(tier).value])


@dataclass
class Screener:
    """The ``comment_screen`` callable of one process, keeping the rules compiled at one version."""
    # (version, RuleSet) replaced as one object, so a thread never pairs one version with other rules.
    compiled: tuple | None = None
    compiles: int = 0

    def current(self, version=None):
        """The compiled rules, recompiled only when the stored version moved.

        ``version``: the ``rules_version`` the caller has just read in its transaction (a
        submission reads it with its other settings, once for the body and the name).
        """
        version = rules_version() if version is None else version
        compiled = self.compiled
        if compiled is None or compiled[0] != version:
            lists = word_lists()
            compiled = (version, rules.compile_rules(lists["banned"], lists["suspect"]))
            self.compiled = compiled
            self.compiles += 1
        return compiled[1]

    def __call__(self, text, version=None):
        flags, verdict = rules.screen(text, self.current(version))
        return flags, (Status(verdict) if verdict else None)


def init_app(app):
    app.extensions["comment_screen"] = Screener()

"""Vietnamese word rules: which banned or suspect terms a comment contains, and where.

Pure text work, no Flask and no database: ``wordlists`` loads the terms, compiles them
once per rules version and hands the result to the submission pipeline.

Contract
    ``compile_rules(banned, suspect) -> RuleSet``   build once per change of the lists.
    ``screen(text, ruleset) -> (flags, verdict)``    flags are JSON-ready dicts; verdict is
        ``"rejected"`` (a banned term matched strictly), ``"pending"`` (any other hit) or None.
    ``highlight(text, ruleset) -> list[Span]``       ``Span(start, end, code, term, tier)``,
        sorted, ``text[start:end]`` being the words as the reader typed them (original
        offsets, even for NFD, full-width or zero-width-laced input), for ``<mark>`` in the queue.
    ``canonical_term(raw)``, ``parse_terms(text)``, ``export_terms(terms)``: one term a line.

Flags
    ``{"code": "banned_word" | "suspect_word", "term": <canonical term>, "tier": "strict" | "loose"}``.
    ``code`` names the list whose rule fired, ``tier`` how it matched. Only a strict banned
    hit rejects; a loose hit on a banned term is ``banned_word``/``loose`` and holds.

Matching
    Text is NFKC-normalized, casefolded, recomposed (NFC) and stripped of zero-width
    characters, then cut into words (runs of letters and digits). Words are matched as
    whole words; a term of several words matches that sequence. Letters split to dodge
    the filter are joined in two extra readings of the text whose hits are added:
    single letters separated by spaces or punctuation ("c h ử i", "c.h.ử.i") and chunks
    glued by punctuation without spaces ("ch.ửi", "đ*m").

    Diacritics decide the tier. A comment word carrying any diacritic (tone, hat, horn,
    breve or "đ") must equal the term's word exactly: "các" never matches "cặc", "ngủ"
    never matches "ngu". A word with no diacritics at all that equals the term word is
    strict too ("ngu" = "ngu"); otherwise it is compared with the term word stripped of
    diacritics ("đ" → "d"), after undoing common teencode (f → ph, j/z → gi|d|i, dz → d|gi,
    k → c, w → qu, ck → ch): such a hit is loose, because "chui" is a word and "cac" may
    be "các". A term of several words is strict only if every word matched strictly.

Why a word trie rather than one character regex: whole-word matching and the per-word
choice between exact and stripped comparison are decisions about words, which a regex
over characters could only make by re-checking every hit. The trie is built once per
rules version and a comment costs one dictionary walk per word.
"""
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from moderation.core.states import Flag
from moderation.core.text import INVISIBLE

BANNED, SUSPECT = "banned", "suspect"
STRICT, LOOSE = "strict", "loose"
CODES = {BANNED: Flag.BANNED_WORD.value, SUSPECT: Flag.SUSPECT_WORD.value}
MAX_TERM_LENGTH = 200

_WORD = re.compile(r"[^\W_]+")
# Between letters split to dodge: a few separators, never a line break.
_SPACED_GAP = re.compile(r"[^\w\n]{1,3}|_{1,3}")
_GLUED_GAP = re.compile(r"[^\w\s]{1,2}|_{1,2}")
# "kh" and "ph" are listed so that their "k" and "h" are never read on their own.
_TEENCODE = [("kh", ()), ("ph", ()), ("dz", ("d", "gi")), ("ck", ("ch",)), ("f", ("ph",)), ("j", ("gi", "d", "i")),
             ("z", ("gi", "d")), ("w", ("qu",)), ("k", ("c",))]
_TEENCODE_RE = re.compile("|".join(sorted((k for k, _ in _TEENCODE), key=len, reverse=True) + [r"."]))
_TEENCODE_MAP = dict(_TEENCODE)
_MAX_VARIANTS = 64


class Span(NamedTuple):
    start: int
    end: int
    code: str
    term: str
    tier: str


class _Word(NamedTuple):
    text: str
    start: int  # offsets into the original text
    end: int
    gap: str  # what separates it from the previous word, folded


def strip_diacritics(word):
    """The word with tones and marks removed and "đ" read as "d"."""
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def has_diacritics(word):
    return strip_diacritics(word) != word


def _fold(text):
    """Normalized text and, for each of its characters, the original (start, end) it came from.

    Each base character is folded together with the combining marks that follow it, so
    NFD input recomposes and every folded character still points at what the reader typed.
    """
    folded, origin = [], []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        piece = "".join(ch for ch in text[i:j] if ch not in INVISIBLE)
        piece = unicodedata.normalize("NFC", unicodedata.normalize("NFKC", piece).casefold())
        folded.append(piece)
        origin.extend([(i, j)] * len(piece))
        i = j
    return "".join(folded), origin


def _words(text):
    """Three readings of the text, each a list of words: as written, spaced letters joined, glued chunks joined."""
    folded, origin = _fold(text)
    plain, previous_end = [], 0
    for m in _WORD.finditer(folded):
        plain.append(_Word(m.group(), origin[m.start()][0], origin[m.end() - 1][1], folded[previous_end:m.start()]))
        previous_end = m.end()
    spaced = _join(plain, lambda w: len(w.text) == 1, _SPACED_GAP)
    glued = _join(plain, lambda w: True, _GLUED_GAP)
    return [plain] + [reading for reading in (spaced, glued) if reading != plain]


def _join(words, joinable, gap_re):
    """Merge runs of ``joinable`` words separated only by gaps that ``gap_re`` accepts fully."""
    result, run = [], []
    for word in words:
        if run and joinable(word) and joinable(run[-1]) and gap_re.fullmatch(word.gap):
            run.append(word)
            continue
        if run:
            result.append(_merge(run))
        run = [word]
    if run:
        result.append(_merge(run))
    return result


def _merge(run):
    return _Word("".join(w.text for w in run), run[0].start, run[-1].end, run[0].gap)


def teencode_readings(word):
    """Spellings a diacritic-free word may stand for, itself included (bounded)."""
    options = [(m.group(), *_TEENCODE_MAP.get(m.group(), ())) for m in _TEENCODE_RE.finditer(word)]
    return {"".join(parts) for parts in itertools.islice(itertools.product(*options), _MAX_VARIANTS)}


def canonical_term(raw):
    """A term as stored and matched: folded words joined by one space; "" if it has no word."""
    folded, _ = _fold(raw or "")
    return " ".join(_WORD.findall(folded))


def parse_terms(text):
    """Terms from plain text, one a line; blank lines and lines starting with "#" are skipped."""
    lines = (line.strip() for line in (text or "").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def export_terms(terms):
    return "".join(f"{term}\n" for term in sorted(terms))


@dataclass
class _Node:
    children: dict = field(default_factory=dict)      # exact word -> _Node
    by_skeleton: dict = field(default_factory=dict)   # stripped word -> [exact word, ...]
    terms: list = field(default_factory=list)         # [(list name, canonical term)]


@dataclass
class RuleSet:
    """The compiled lists: a trie of term words. Build with ``compile_rules``."""
    root: _Node
    banned: tuple
    suspect: tuple

    def __bool__(self):
        return bool(self.banned or self.suspect)


def compile_rules(banned=(), suspect=()):
    root = _Node()
    lists = {BANNED: sorted({canonical_term(t) for t in banned} - {""}),
             SUSPECT: sorted({canonical_term(t) for t in suspect} - {""})}
    for name, terms in lists.items():
        for term in terms:
            node = root
            for word in term.split(" "):
                if word not in node.children:
                    node.children[word] = _Node()
                    node.by_skeleton.setdefault(strip_diacritics(word), []).append(word)
                node = node.children[word]
            node.terms.append((name, term))
    return RuleSet(root, tuple(lists[BANNED]), tuple(lists[SUSPECT]))


def _steps(node, word):
    """The children of ``node`` this comment word leads to, each with whether the step was loose."""
    if word in node.children:
        yield node.children[word], False
    if has_diacritics(word):
        return
    for reading in teencode_readings(word):
        for exact in node.by_skeleton.get(reading, ()):
            if exact != word:
                yield node.children[exact], True


def _hits(words, root):
    """(start, end, list name, term, tier) for every term starting at every word."""
    for i in range(len(words)):
        frontier = [(root, False)]
        for j in range(i, len(words)):
            frontier = [(child, loose or step_loose) for node, loose in frontier
                        for child, step_loose in _steps(node, words[j].text)]
            if not frontier:
                break
            for node, loose in frontier:
                for name, term in node.terms:
                    yield words[i].start, words[j].end, name, term, LOOSE if loose else STRICT


def highlight(text, ruleset):
    """Spans over the original text, strict before loose where one span fired both; sorted."""
    if not ruleset or not text:
        return []
    best = {}
    for words in _words(text):
        for start, end, name, term, tier in _hits(words, ruleset.root):
            key = (start, end, name, term)
            if best.get(key) != STRICT:
                best[key] = tier
    return sorted(Span(start, end, CODES[name], term, tier) for (start, end, name, term), tier in best.items())


def screen(text, ruleset):
    """(flags, verdict) for a comment: one flag per fired term, with its best tier."""
    tiers = {}
    for span in highlight(text, ruleset):
        key = (span.code, span.term)
        if tiers.get(key) != STRICT:
            tiers[key] = span.tier
    flags = [{"code": code, "term": term, "tier": tier} for (code, term), tier in tiers.items()]
    flags.sort(key=lambda f: (f["code"] != CODES[BANNED], f["term"]))
    if (CODES[BANNED], STRICT) in {(f["code"], f["tier"]) for f in flags}:
        return flags, "rejected"
    return flags, ("pending" if flags else None)

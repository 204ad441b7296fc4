"""The import's checking pass (``check``) refuses exactly the XML files a full read refuses, at the
same line: it is the only thing that stands between a malformed file and a half-written import."""
import io
from pathlib import Path

from hypothesis import given, settings, strategies as st

from moderation.core.sources import ArticleMap, SourceError, disqus, wordpress

FIXTURES = Path(__file__).parent.parent / "fixtures" / "imports"
FORMATS = [(disqus, (FIXTURES / "disqus.xml").read_bytes()), (wordpress, (FIXTURES / "wordpress.xml").read_bytes())]


def _outcome(run, data):
    try:
        run(io.BytesIO(data))
    except SourceError as error:
        return error.line, error.reason
    return "read"


def _full_read(module):
    return lambda stream: list(module.read(stream, ArticleMap()))


def _same_outcome(module, data):
    assert _outcome(module.check, data) == _outcome(_full_read(module), data)


def test_both_fixtures_pass_the_check():
    for module, data in FORMATS:
        assert _outcome(module.check, data) == "read"


def test_another_root_is_refused_on_line_one():
    for module, _ in FORMATS:
        assert _outcome(module.check, b"<?xml version='1.0'?>\n<channel/>") == (1, "root")


@settings(max_examples=150, deadline=None)
@given(which=st.sampled_from([0, 1]), cut=st.floats(0, 1), junk=st.sampled_from(
    [b"", b"<", b"&nope;", b"</x>", b"<a:b/>", b"\xff", b"]]>", b"<!--", b"<p attr=1>"]))
def test_a_cut_or_spoiled_file_fails_the_check_where_the_read_fails(which, cut, junk):
    module, data = FORMATS[which]
    at = int(len(data) * cut)
    _same_outcome(module, data[:at] + junk + data[at:])
    _same_outcome(module, data[:at])

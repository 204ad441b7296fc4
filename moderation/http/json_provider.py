"""JSON in and out: Vietnamese stays readable, and a body too deep to parse is malformed, not a crash.

Python's decoder recurses once per nesting level, so ``[[[[...]]]]`` 20,000 deep raised
``RecursionError``, which ``request.get_json(silent=True)`` does not catch (it catches
``ValueError`` only) and which became a 500. Turning it into ``ValueError`` here makes every
view's existing "not a JSON object" answer (400 ``invalid_json``) cover it.
"""
from flask.json.provider import DefaultJSONProvider


class JSONProvider(DefaultJSONProvider):
    # Flask 3 ignores the old JSON_AS_ASCII setting.
    ensure_ascii = False

    def loads(self, s, **kwargs):
        try:
            return super().loads(s, **kwargs)
        except RecursionError:
            raise ValueError("JSON nested too deeply") from None

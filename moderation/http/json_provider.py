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

    def answer_bytes(self, obj):
        """The body ``jsonify(obj)`` sends, for the layers that answer before Flask dispatches:
        compact unless the app is in debug mode, then indented, with Flask's final newline."""
        pretty = (self.compact is None and self._app.debug) or self.compact is False
        dumped = self.dumps(obj, indent=2) if pretty else self.dumps(obj, separators=(",", ":"))
        return f"{dumped}\n".encode()

    def loads(self, s, **kwargs):
        try:
            return super().loads(s, **kwargs)
        except RecursionError:
            raise ValueError("JSON nested too deeply") from None

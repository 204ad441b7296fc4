"""Compile each route's URL builders once per test run, not once per app.

werkzeug turns every rule into two URL-builder functions with ``ast`` and ``compile()`` when the
rule is added to an app's map: for our ~90 routes that is ~30 of the ~36 ms ``create_app`` costs,
and a pass builds an app for each of its ~2,100 tests. The generated code depends only on the
rule (its text, parsed parts and defaults, all in the key) and reads the rule's own converters
through ``self`` when called, so every later app gets the same function bound to its own rule:
routing and ``url_for`` run exactly the code they ran before. Nothing here touches our code.
"""
from werkzeug.routing import Rule

_compiled = {}


def _key(rule, append_unknown):
    defaults = tuple(sorted((name, repr(value)) for name, value in (rule.defaults or {}).items()))
    converters = tuple(sorted((name, type(converter)) for name, converter in rule._converters.items()))
    return rule.rule, rule.host, rule.subdomain, tuple(rule._trace), defaults, converters, append_unknown


def install():
    original = Rule._compile_builder
    if getattr(original, "cached", False):
        return

    def compile_builder(self, append_unknown=True):
        key = _key(self, append_unknown)
        if key not in _compiled:
            _compiled[key] = original(self, append_unknown)
        return _compiled[key]

    compile_builder.cached = True
    Rule._compile_builder = compile_builder

"""The package's layers, as each package's docstring states them, checked by walking the imports.

core/ is pure (no Flask, no SQLAlchemy, nothing else of the package); services/ import no
blueprint, no HTTP plumbing and never request, session, g or flash; http/ imports no blueprint;
nothing inside the package imports its ``__init__`` (create_app); bench/ never imports tests/.
"""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "moderation"
SUBMODULES = {p.stem for p in PACKAGE.iterdir() if p.suffix == ".py"} | {p.name for p in PACKAGE.iterdir() if p.is_dir()}


def imports(path):
    """(module, names) for every import in the file, at any depth (function-level imports count)."""
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, ()
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import; the layers are checked on absolute names"
            yield node.module or "", tuple(alias.name for alias in node.names)


def modules(folder):
    return sorted((PACKAGE / folder).rglob("*.py"))


def _name(path):
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", modules("core"), ids=_name)
def test_the_pure_layer_imports_nothing_of_flask_the_database_or_the_rest_of_the_package(path):
    for module, _names in imports(path):
        top = module.split(".")[0]
        assert top not in {"flask", "flask_babel", "flask_login", "flask_sqlalchemy", "flask_wtf", "sqlalchemy",
                           "werkzeug"}, f"{_name(path)} imports {module}"
        if top == "moderation":
            assert module.startswith("moderation.core"), f"{_name(path)} imports {module}"


@pytest.mark.parametrize("path", modules("services"), ids=_name)
def test_services_import_no_blueprint_no_plumbing_and_no_request_state(path):
    for module, names in imports(path):
        assert not module.startswith(("moderation.api", "moderation.web", "moderation.cli", "moderation.http")), \
            f"{_name(path)} imports {module}"
        if module == "flask":
            assert not {"request", "session", "g", "flash"} & set(names), f"{_name(path)} imports flask.{names}"
        assert module not in {"flask.request", "flask.session", "flask.g"}


@pytest.mark.parametrize("path", modules("http"), ids=_name)
def test_the_http_plumbing_imports_no_blueprint(path):
    for module, _names in imports(path):
        assert not module.startswith(("moderation.api", "moderation.web", "moderation.cli")), \
            f"{_name(path)} imports {module}"


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=_name)
def test_nothing_in_the_package_imports_its_init(path):
    for module, names in imports(path):
        if module == "moderation":
            assert set(names) <= SUBMODULES, f"{_name(path)} imports {names} from moderation/__init__.py"


@pytest.mark.parametrize("path", sorted((ROOT / "bench").rglob("*.py")), ids=_name)
def test_benchmarks_do_not_import_the_tests(path):
    for module, _names in imports(path):
        assert module.split(".")[0] != "tests", f"{_name(path)} imports {module}"


def test_every_package_says_what_it_may_import():
    for folder in ("core", "services", "http"):
        doc = ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text()))
        assert doc and "import" in doc, folder


@pytest.mark.parametrize("path", modules("api") + modules("web") + modules("cli"), ids=_name)
def test_blueprints_and_commands_never_touch_the_database_session(path):
    for module, names in imports(path):
        assert not (module == "moderation.extensions" and "db" in names), f"{_name(path)} imports db"

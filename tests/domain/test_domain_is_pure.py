"""server.domain holds the rules that most need tests: it must import nothing of the web layer
or the database, so it can be tested and reused without either."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import server.domain

FORBIDDEN = ("flask", "apiflask", "werkzeug", "sqlalchemy", "alembic", "psycopg", "server.db",
             "server.api", "server.store", "server.serialize", "server.schemas", "server.auth")


def test_domain_imports_nothing_of_flask_or_the_database() -> None:
    modules = [m.name for m in pkgutil.walk_packages(server.domain.__path__, "server.domain.")]
    assert "server.domain.timeline" in modules and "server.domain.fairvalue.engine" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"bad = sorted(m for m in sys.modules if m.startswith({FORBIDDEN!r}))\n"
        "print(' '.join(bad)); sys.exit(1 if bad else 0)\n"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], cwd=root, check=False,
                            capture_output=True, text=True)
    assert result.returncode == 0, f"server.domain pulled in: {result.stdout or result.stderr}"

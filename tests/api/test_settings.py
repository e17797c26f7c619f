"""Settings from the environment."""

import pytest

from server.settings import database_url, from_env


@pytest.mark.parametrize(("given", "expected"), [
    (None, "sqlite:////srv/instance/yanbao.db"),
    ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
    ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
    ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
])
def test_database_url(given, expected):
    env = {"DATABASE_URL": given} if given else {}
    assert database_url(env, "/srv/instance") == expected


def test_bad_number_names_the_variable():
    with pytest.raises(RuntimeError, match="YANBAO_ENDING_SOON_DAYS"):
        from_env({"YANBAO_ENDING_SOON_DAYS": "soon"})

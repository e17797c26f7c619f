"""Many rows in few statements, inside the caller's transaction: what a 100,000-coverage import
needs. PostgreSQL gets COPY (into the table, or into a temporary table that one UPDATE ... FROM
or DELETE ... USING then applies); SQLite, which runs in-process, gets executemany in batches.

Rows are lists of Python values in the order of the columns given. Both databases see the
values their columns' types would write (the types' own bind conversions: UTC timestamps, JSON
tags, SQLite's date text), so bulk-written rows read back exactly like rows the ORM wrote.
Between batches the writer calls `pause()` (server.store.cooperate), so that under gevent
other requests on the same worker are answered while a large import runs. On SQLite it stops
pausing once it has written: the transaction then holds the database's write lock, and another
request on the worker that wanted to write would wait for it in SQLite's busy handler, which
blocks the whole process (the import included) until its timeout.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import Table
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

BATCH = 5_000  # rows per executemany on SQLite, between pauses
IN_CHUNK = 5_000  # values per IN (...) list on SQLite: far below its 32,766 parameters


class BulkWriter:
    def __init__(self, session: Session, pause: Callable[[], None] = lambda: None):
        self.connection = session.connection()
        self.dialect = self.connection.dialect
        self.postgres = self.dialect.name == "postgresql"
        self._pause = pause
        self.written = False

    def select_in(self, table: Table, columns: Sequence[str], key: str, values: Sequence,
                  where: str = "", params: Sequence = ()) -> list[tuple]:
        """Rows of `columns` whose `key` column is one of `values`, and that meet `where` (SQL
        with placeholders for `params`): one query with an array on PostgreSQL, indexed IN
        lists on SQLite. Plain driver rows: these are ids, with nothing to convert."""
        if not values:
            return []
        head = f"SELECT {', '.join(columns)} FROM {table.name} WHERE "
        tail = f" AND {where}" if where else ""
        cursor = self.connection.connection.driver_connection.cursor()
        try:
            if self.postgres:
                cursor.execute(f"{head}{key} = ANY(%s){tail}".replace("?", "%s"),
                               [list(values), *params])
                return cursor.fetchall()
            found = []
            for start in range(0, len(values), IN_CHUNK):
                chunk = list(values[start : start + IN_CHUNK])
                marks = ", ".join("?" * len(chunk))
                cursor.execute(f"{head}{key} IN ({marks}){tail}", [*chunk, *params])
                found += cursor.fetchall()
                self.pause()
            return found
        finally:
            cursor.close()

    def new_ids(self, table: Table, count: int) -> list[int] | None:
        """Primary keys drawn in advance from PostgreSQL's sequence, so that rows and the rows
        that point at them can be copied at once; None on SQLite (see ids_of)."""
        if not self.postgres or count == 0:
            return None
        sequence = f"pg_get_serial_sequence('{table.name}', 'id')"
        return list(self.connection.exec_driver_sql(
            f"SELECT nextval({sequence}) FROM generate_series(1, {int(count)})").scalars())

    def insert(self, table: Table, columns: Sequence[str], rows: list[list]) -> None:
        if not rows:
            return
        rows = self._converted(table, columns, rows)
        if self.postgres:
            self._copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN", rows)
            return
        marks = ", ".join("?" * len(columns))
        self._many(f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})", rows)

    def update(self, table: Table, columns: Sequence[str], rows: list[list],
               keep_when_null: Sequence[str] = ()) -> None:
        """Rows are [id, *values of columns]; a column in `keep_when_null` keeps the stored
        value where the row's is None."""
        if not rows:
            return
        rows = self._converted(table, ["id", *columns], rows)

        def value(column: str, new: str, old: str) -> str:
            return f"COALESCE({new}, {old})" if column in keep_when_null else new

        if self.postgres:
            staged = self._stage(table, ["id", *columns], rows)
            sets = ", ".join(f"{c} = {value(c, f's.{c}', f'{table.name}.{c}')}"
                             for c in columns)
            self._run(f"UPDATE {table.name} SET {sets} FROM {staged} s "
                      f"WHERE {table.name}.id = s.id")
            return
        sets = ", ".join(f"{c} = {value(c, '?', c)}" for c in columns)
        self._many(f"UPDATE {table.name} SET {sets} WHERE id = ?",
                   [[*row[1:], row[0]] for row in rows])

    def delete_where(self, table: Table, column: str, values: list[int]) -> None:
        """Rows whose `column` is one of `values` (e.g. the layers of replaced coverages)."""
        if not values:
            return
        if self.postgres:
            staged = self._stage_ids(values)
            self._run(f"DELETE FROM {table.name} USING {staged} s "
                      f"WHERE {table.name}.{column} = s.id")
            return
        self._many(f"DELETE FROM {table.name} WHERE {column} = ?", [[v] for v in values])

    def pause(self) -> None:
        if self.postgres or not self.written:
            self._pause()

    # -- PostgreSQL ------------------------------------------------------------------------

    def _stage(self, table: Table, columns: Sequence[str], rows: list[list]) -> str:
        """A temporary table shaped like `columns` of `table`, dropped at commit or rollback,
        holding `rows`."""
        name = f"_import_{table.name}"
        self._run(f"DROP TABLE IF EXISTS {name}")
        self._run(f"CREATE TEMPORARY TABLE {name} ON COMMIT DROP AS "
                  f"SELECT {', '.join(columns)} FROM {table.name} WITH NO DATA")
        self._copy(f"COPY {name} ({', '.join(columns)}) FROM STDIN", rows)
        self._run(f"ANALYZE {name}")
        return name

    def _stage_ids(self, values: list[int]) -> str:
        name = "_import_ids"
        self._run(f"DROP TABLE IF EXISTS {name}")
        self._run(f"CREATE TEMPORARY TABLE {name} (id bigint PRIMARY KEY) ON COMMIT DROP")
        self._copy(f"COPY {name} (id) FROM STDIN", [[v] for v in values])
        self._run(f"ANALYZE {name}")
        return name

    def _copy(self, statement: str, rows: list[list]) -> None:
        from psycopg import errors

        raw = self.connection.connection.driver_connection
        try:
            with raw.cursor() as cursor, cursor.copy(statement) as copy:
                for start in range(0, len(rows), BATCH):
                    for row in rows[start : start + BATCH]:
                        copy.write_row(row)
                    self.pause()
        except errors.IntegrityError as error:  # the same 409 as any other conflict
            raise IntegrityError(statement, None, error) from error

    def _run(self, statement: str) -> None:
        self.connection.exec_driver_sql(statement)

    # -- SQLite ----------------------------------------------------------------------------

    def _many(self, statement: str, rows: list[list]) -> None:
        self.written = True
        for start in range(0, len(rows), BATCH):
            self.connection.exec_driver_sql(statement, [tuple(r) for r in
                                                        rows[start : start + BATCH]])
            self.pause()

    # -- both ------------------------------------------------------------------------------

    def _converted(self, table: Table, columns: Sequence[str], rows: list[list]) -> list[list]:
        """Each column's bind conversion applied in place, remembering converted values (a
        file repeats the same dates, timestamps and tag lists many times)."""
        for index, column in enumerate(columns):
            convert = table.c[column].type.dialect_impl(self.dialect).bind_processor(
                self.dialect)
            if convert is None:
                continue
            memo: dict = {}
            for row in rows:
                value = row[index]
                if value is None:
                    continue
                key = tuple(value) if type(value) is list else value  # JSON lists
                found = memo.get(key, _NONE)
                if found is _NONE:
                    found = memo[key] = convert(value)
                row[index] = found
        return rows


_NONE = object()

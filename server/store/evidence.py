"""Evidence files for refund cases: bytes on disk under a folder the settings name, a row per
file in the database, and never one without the other.

The order that keeps them together (issue 14: a full disk or a failed write leaves neither):

1. the upload is copied to a temporary file in the evidence folder itself (`.upload-*.part`),
   hashed and measured as it goes, its type read from its first bytes, and fsynced;
2. the row is inserted and flushed (inside the request's transaction, not yet committed);
3. the temporary file is renamed to the name the service chose (an atomic rename within one
   folder) and the folder is fsynced;
4. the view commits; if the commit fails, the renamed file is removed.

A failure in 1–3 removes the temporary file and the transaction is rolled back, so nothing is
left. Only a crash of the process between 3 and 4 can leave a file without a row; such a file
is never served (downloads go through the row), `orphans()` finds it and `sweep()` removes it
(`flask --app server evidence sweep`, and once a day the reminder dispatcher's loop). No
client-given text ever reaches a path: stored names are a random UUID and the extension of the
detected type.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import BinaryIO

import filetype
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.db.models import EvidenceFile, RefundCase
from server.domain.refunds.evidence import ACCEPTED_NAMES, ACCEPTED_TYPES, clean_name

_CHUNK = 64 * 1024
_HEAD = 8192  # what filetype reads to decide
TEMP_PREFIX = ".upload-"


class EvidenceError(Exception):
    def __init__(self, status: int, field: str, message: str):
        super().__init__(message)
        self.status, self.field, self.message = status, field, message


def too_large_message(max_bytes: int) -> str:
    return (f"The file is larger than {max_bytes:,} bytes, the most a piece of evidence may "
            "be; send a smaller file (a shorter recording, a compressed image).")


def _copy(source: BinaryIO, target: BinaryIO, max_bytes: int) -> tuple[bytes, int, str]:
    """Copy in chunks; (first bytes, size, SHA-256 hex). Raises EvidenceError(413) past the
    limit, before writing more than one chunk beyond it."""
    digest, size, head = hashlib.sha256(), 0, b""
    while chunk := source.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise EvidenceError(413, "file", too_large_message(max_bytes))
        if len(head) < _HEAD:
            head += chunk[:_HEAD - len(head)]
        digest.update(chunk)
        target.write(chunk)
    return head, size, digest.hexdigest()


def media_type(head: bytes) -> str | None:
    """The accepted media type the first bytes show, or None."""
    kind = filetype.guess(head) if head else None
    return kind.mime if kind is not None and kind.mime in ACCEPTED_TYPES else None


def _publish(temporary: str, final: Path) -> None:
    os.replace(temporary, final)
    _sync_folder(final.parent)


def _sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX: fsync the directory)."""
    with contextlib.suppress(OSError):  # not every platform opens directories
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def count(session: Session, case: RefundCase) -> int:
    return session.scalar(select(func.count()).select_from(EvidenceFile)
                          .where(EvidenceFile.case_id == case.id)) or 0


def save(session: Session, case: RefundCase, kind: str, source: BinaryIO,
         client_name: str | None, *, folder: Path, max_bytes: int, max_files: int,
         now: datetime) -> tuple[EvidenceFile, Path]:
    """Store one upload for `case` (steps 1–3 above); returns the row and the file's path. The
    caller commits with `commit_or_remove`. Raises EvidenceError for what the client must fix,
    OSError when the disk fails (nothing is left behind either way)."""
    if count(session, case) >= max_files:
        raise EvidenceError(409, "file", f"This case already has {max_files} files, the most "
                            "a case takes; delete one you no longer need first.")
    folder.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as target:
            head, size, sha256 = _copy(source, target, max_bytes)
            target.flush()
            os.fsync(target.fileno())
        if size == 0:
            raise EvidenceError(422, "file", "The file is empty; choose the file again.")
        found = media_type(head)
        if found is None:
            raise EvidenceError(415, "file", "The file's content is not an image, a PDF or an "
                                f"audio recording (accepted: {ACCEPTED_NAMES}); its name and "
                                "the type your browser gave do not count.")
        stored = f"{uuid.uuid4().hex}.{ACCEPTED_TYPES[found]}"
        row = EvidenceFile(account_id=case.account_id, case_id=case.id, kind=kind,
                           media_type=found, size=size, sha256=sha256, stored_name=stored,
                           original_name=clean_name(client_name), created_at=now)
        _insert(session, row)
        final = folder / stored
        _publish(temporary, final)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return row, final


def _insert(session: Session, row: EvidenceFile) -> None:
    session.add(row)
    session.flush()


def commit_or_remove(session: Session, path: Path) -> None:
    """Step 4: commit; a commit that fails takes the file with it."""
    try:
        session.commit()
    except BaseException:
        session.rollback()
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        raise


def owned(session: Session, account_id: int, public_id: str) -> EvidenceFile | None:
    return session.scalar(select(EvidenceFile).where(
        EvidenceFile.public_id == public_id, EvidenceFile.account_id == account_id))


def of_case(session: Session, case: RefundCase) -> list[EvidenceFile]:
    return list(session.scalars(select(EvidenceFile).where(EvidenceFile.case_id == case.id)
                                .order_by(EvidenceFile.id)))


def kinds_present(session: Session, case_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per case, how many files of each kind it holds."""
    found: dict[int, dict[str, int]] = {}
    if not case_ids:
        return found
    rows = session.execute(select(EvidenceFile.case_id, EvidenceFile.kind, func.count())
                           .where(EvidenceFile.case_id.in_(case_ids))
                           .group_by(EvidenceFile.case_id, EvidenceFile.kind))
    for case_id, kind, n in rows:
        found.setdefault(case_id, {})[kind] = n
    return found


def remove(session: Session, row: EvidenceFile, folder: Path) -> None:
    """Delete the row, commit, then the file: a failed commit keeps both; a file that cannot be
    removed afterwards is an orphan nobody can reach (found by `orphans`)."""
    path = folder / row.stored_name
    session.delete(row)
    session.commit()
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def stored_names_of_coverage(session: Session, coverage_id: int) -> list[str]:
    """The files of every case on a coverage: removed after the coverage is deleted."""
    return list(session.scalars(select(EvidenceFile.stored_name).join(
        RefundCase, RefundCase.id == EvidenceFile.case_id).where(
        RefundCase.coverage_id == coverage_id)))


def unlink_all(folder: Path, names: list[str]) -> None:
    for name in names:
        with contextlib.suppress(FileNotFoundError):
            (folder / name).unlink()


def orphans(session: Session, folder: Path) -> Iterator[Path]:
    """Files in the folder that no row names: left by a crash between rename and commit, or
    temporary files of an interrupted upload."""
    if not folder.is_dir():
        return
    known = set(session.scalars(select(EvidenceFile.stored_name)))
    for path in folder.iterdir():
        if path.is_file() and path.name not in known:
            yield path


SWEEP_GRACE = timedelta(hours=1)


def sweep(session: Session, folder: Path, now: datetime,
          grace: timedelta = SWEEP_GRACE) -> int:
    """Remove orphans last written more than `grace` ago; returns how many. The grace keeps
    an upload in flight (its temporary file, or its renamed file before the commit) safe from
    a sweep that runs meanwhile."""
    removed = 0
    for path in list(orphans(session, folder)):
        with contextlib.suppress(FileNotFoundError):
            written = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
            if now - written > grace:
                path.unlink()
                removed += 1
    return removed



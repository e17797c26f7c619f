"""Evidence uploads on refund cases (SQLite and PostgreSQL, real files in a temporary folder):
types read from content, size and count limits, names that try to reach other paths, other
accounts kept out, and failures injected at each write leaving neither a file nor a row."""

from __future__ import annotations

import errno
import hashlib
import io
import struct
import zlib

import pytest
from payloads import ISSUE_EXAMPLE
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from werkzeug.test import EnvironBuilder

from server import create_app
from server.db.models import EvidenceFile
from server.store import evidence as store

COVERAGES = "/api/v1/coverages"
CASES = "/api/v1/refund-cases"


def png(width: int = 2, height: int = 1) -> bytes:
    """A real PNG, built by hand."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 64
WAV = (b"RIFF" + struct.pack("<I", 36) + b"WAVEfmt " + struct.pack("<IHHIIHH", 16, 1, 1, 8000,
       8000, 1, 8) + b"data" + struct.pack("<I", 0))
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 32
TEXT = "这不是图片 — just text pretending to be a PNG.\n".encode()
HTML = b"<!doctype html><html><script>alert(1)</script></html>"


def files_in(app) -> list[str]:
    from pathlib import Path
    folder = Path(app.config["EVIDENCE_DIR"])
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def rows_in(app) -> int:
    with app.extensions["yanbao.db"]() as session:
        return session.scalar(select(func.count()).select_from(EvidenceFile))


def new_case(client, auth) -> str:
    record = client.post(COVERAGES, json=ISSUE_EXAMPLE, headers=auth).get_json()
    response = client.post(f"{COVERAGES}/{record['id']}/refund-cases",
                           json={"route": "plan_only"}, headers=auth)
    assert response.status_code == 201
    return response.get_json()["id"]


def upload(client, auth, case_id, content: bytes, name="screenshot.png", kind="chat_screenshots",
           content_type="image/png"):
    data = {"kind": kind, "file": (io.BytesIO(content), name, content_type)}
    return client.post(f"{CASES}/{case_id}/evidence", data=data, headers=auth,
                       content_type="multipart/form-data")


def problem(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    return response.get_json()


def test_upload_list_download_delete(app, client, auth):
    case_id = new_case(client, auth)
    content = png()
    response = upload(client, auth, case_id, content, name="聊天记录 1.png",
                      kind="transfer_records")
    assert response.status_code == 201, response.get_json()
    record = response.get_json()
    assert record["case_id"] == case_id and record["kind"] == "transfer_records"
    assert record["media_type"] == "image/png" and record["size"] == len(content)
    assert record["sha256"] == hashlib.sha256(content).hexdigest()
    assert record["name"] == "聊天记录 1.png" and record["label"]["zh"] == "银行或网上转账记录"
    assert record["download"] == f"/api/v1/evidence/{record['id']}"
    # Stored under a name the service chose: a random hex name and the detected extension.
    [stored] = files_in(app)
    assert stored.endswith(".png") and len(stored) == 36 and "聊天" not in stored
    listed = client.get(f"{CASES}/{case_id}/evidence", headers=auth).get_json()
    assert listed["items"] == [record] and listed["limit"] == app.config["MAX_EVIDENCE_FILES"]

    with client.get(record["download"], headers=auth) as got:
        assert got.status_code == 200 and got.data == content
    assert got.headers["Content-Type"] == "image/png"
    assert got.headers["Content-Length"] == str(len(content))
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    disposition = got.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''%E8%81%8A%E5%A4%A9%E8%AE%B0%E5%BD%95%201.png" in disposition

    case = client.get(f"{CASES}/{case_id}", headers=auth).get_json()
    assert case["evidence_files"] == 1
    marks = {e["kind"]: (e["present"], e["files"]) for step in case["checklist"]
             for e in step["evidence"]}
    assert marks == {"transfer_records": (True, 1)}  # what the next step (requested) wants

    assert client.delete(record["download"], headers=auth).status_code == 204
    assert files_in(app) == [] and rows_in(app) == 0
    assert client.get(record["download"], headers=auth).status_code == 404
    assert client.delete(record["download"], headers=auth).status_code == 404
    case = client.get(f"{CASES}/{case_id}", headers=auth).get_json()
    assert case["evidence_files"] == 0


# content, the name the client gives, the type the client claims -> the status, the type found
TYPES = [
    (png(), "photo.png", "image/png", 201, "image/png"),
    (png(), "contract.pdf", "application/pdf", 201, "image/png"),  # the content decides
    (PDF, "contract", "application/octet-stream", 201, "application/pdf"),
    (MP3, "call.mp3", "audio/mpeg", 201, "audio/mpeg"),
    (WAV, "call.txt", "text/plain", 201, "audio/x-wav"),
    (JPEG, "photo.jpeg", "image/jpeg", 201, "image/jpeg"),
    (TEXT, "screenshot.png", "image/png", 415, None),  # a text file named .png
    (HTML, "page.png", "image/png", 415, None),
    (b"PK\x03\x04" + b"\x00" * 40, "archive.pdf", "application/pdf", 415, None),  # a zip
    (b"", "empty.png", "image/png", 422, None),
]


@pytest.mark.parametrize(("content", "name", "claimed", "status", "found"), TYPES)
def test_the_type_comes_from_the_content(app, client, auth, content, name, claimed, status,
                                         found):
    case_id = new_case(client, auth)
    response = upload(client, auth, case_id, content, name=name, content_type=claimed)
    if status != 201:
        body = problem(response, status)
        assert body["errors"][0]["field"] == "file"
        assert files_in(app) == [] and rows_in(app) == 0
        return
    assert response.status_code == 201, response.get_json()
    record = response.get_json()
    assert record["media_type"] == found
    with client.get(record["download"], headers=auth) as got:
        assert got.headers["Content-Type"] == found and got.data == content
    # Offered under the cleaned name with the extension of what the file really is.
    assert record["download_name"].rsplit(".", 1)[-1] == files_in(app)[0].rsplit(".", 1)[-1]


def test_a_text_file_named_png_says_what_is_accepted(client, auth):
    body = problem(upload(client, auth, new_case(client, auth), TEXT), 415)
    assert "not an image, a PDF or an audio recording" in body["detail"]
    assert "PNG" in body["detail"] and "MP3" in body["detail"]


# the name the client sends -> the name kept (only ever metadata)
NAMES = [
    ("../../etc/passwd.png", "passwd.png"),
    ("/absolute/path/shot.png", "shot.png"),
    ("....png", "png"),
    ("a\x7fb\x1bc.png", "abc.png"),
    ("con<>:|?*.png", "con______.png"),
    ("  \u202egnp.exe  ", "gnp.exe"),  # a right-to-left override, used to disguise names
    ("录音" * 100 + ".png", "录音" * 58 + ".png"),  # 120 characters, the extension kept
]


@pytest.mark.parametrize(("sent", "kept"), NAMES)
def test_path_tricks_in_file_names_stay_metadata(app, client, auth, tmp_path, sent, kept):
    case_id = new_case(client, auth)
    response = upload(client, auth, case_id, png(), name=sent)
    assert response.status_code == 201, response.get_json()
    record = response.get_json()
    assert record["name"] == kept and len(record["name"]) <= 120
    # One file, in the evidence folder, named by the service; nothing anywhere else.
    [stored] = files_in(app)
    assert stored.rsplit(".", 1)[0].isalnum() and stored.endswith(".png")
    written = [p for p in tmp_path.rglob("*") if p.is_file() and "yanbao.db" not in p.name]
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [f"evidence/{stored}"]
    with client.get(record["download"], headers=auth) as got:
        disposition = got.headers["Content-Disposition"]
    assert "/" not in disposition and "\\" not in disposition and "\n" not in disposition


def test_another_account_gets_404_and_changes_nothing(app, client, auth, other_auth):
    case_id = new_case(client, auth)
    record = upload(client, auth, case_id, png()).get_json()
    assert upload(client, other_auth, case_id, png()).status_code == 404
    assert client.get(f"{CASES}/{case_id}/evidence", headers=other_auth).status_code == 404
    assert client.get(record["download"], headers=other_auth).status_code == 404
    assert client.delete(record["download"], headers=other_auth).status_code == 404
    assert len(files_in(app)) == 1 and rows_in(app) == 1
    with client.get(record["download"], headers=auth) as got:
        assert got.data == png()


@pytest.mark.parametrize(("data", "field"), [
    (lambda: {"kind": "chat_screenshots"}, "file"),
    (lambda: {"file": (io.BytesIO(png()), "a.png")}, "kind"),
    (lambda: {"kind": "selfie", "file": (io.BytesIO(png()), "a.png")}, "kind"),
    (lambda: {"kind": "chat_screenshots", "file": "not a file"}, "file"),
])
def test_bad_form_names_the_field(app, client, auth, data, field):
    case_id = new_case(client, auth)
    response = client.post(f"{CASES}/{case_id}/evidence", data=data(), headers=auth,
                           content_type="multipart/form-data")
    body = problem(response, 422)
    assert field in {e["field"] for e in body["errors"]}
    assert files_in(app) == [] and rows_in(app) == 0


def test_a_json_body_is_refused_with_415(client, auth):
    response = client.post(f"{CASES}/{new_case(client, auth)}/evidence",
                           json={"kind": "contract"}, headers=auth)
    assert "multipart/form-data" in problem(response, 415)["detail"]


@pytest.fixture
def small_app(database, tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": database,
                      "REGISTRATION_RATE_LIMIT": "1000 per minute",
                      "EVIDENCE_DIR": str(tmp_path / "evidence"),
                      "MAX_EVIDENCE_BYTES": 1000, "MAX_EVIDENCE_FILES": 2})
    yield app
    app.extensions["yanbao.page_reader"].close()
    app.extensions["yanbao.db"].kw["bind"].dispose()


def register(client) -> dict:
    token = client.post("/api/v1/devices", json={"name": "t"}).get_json()["token"]
    return {"Authorization": f"Bearer {token}"}


def test_a_file_over_the_limit_is_413_and_leaves_nothing(small_app):
    client = small_app.test_client()
    auth = register(client)
    case_id = new_case(client, auth)
    big = png() + b"\x00" * 2000  # within the request's slack, over the file limit
    body = problem(upload(client, auth, case_id, big), 413)
    assert "larger than 1,000 bytes" in body["detail"]
    zh = {**auth, "Accept-Language": "zh-CN"}
    in_chinese = problem(upload(client, zh, case_id, big), 413)["detail"]
    assert in_chinese.startswith("文件超过 1,000 字节")
    assert files_in(small_app) == [] and rows_in(small_app) == 0
    assert upload(client, auth, case_id, png()).status_code == 201  # a small one still goes


def test_a_declared_length_over_the_limit_is_refused_before_reading(small_app):
    """The WSGI gate answers from Content-Length alone: the body is never read."""

    class Unread(io.RawIOBase):
        def read(self, *_):
            raise AssertionError("the body was read")

    builder = EnvironBuilder(path="/api/v1/refund-cases/x/evidence", method="POST",
                             headers={"Content-Type": "multipart/form-data; boundary=b",
                                      "Content-Length": str(200_000)})
    environ = builder.get_environ()
    environ["wsgi.input"], environ["CONTENT_LENGTH"] = Unread(), "200000"
    statuses = []
    body = b"".join(small_app.wsgi_app(environ, lambda s, h: statuses.append((s, h))))
    assert statuses[0][0].startswith("413")
    assert b"larger than 1,000 bytes" in body


def test_a_case_takes_a_limited_number_of_files(small_app):
    client = small_app.test_client()
    auth = register(client)
    case_id = new_case(client, auth)
    for _ in range(2):
        assert upload(client, auth, case_id, png()).status_code == 201
    body = problem(upload(client, auth, case_id, PDF, name="c.pdf"), 409)
    assert "already has 2 files" in body["detail"]
    assert len(files_in(small_app)) == 2 and rows_in(small_app) == 2


def _disk_full(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def _half_written(source, target, max_bytes):
    target.write(source.read(10))
    _disk_full()


def _database_down(*_args, **_kwargs):
    raise OperationalError("INSERT", {}, Exception("database is locked"))


@pytest.mark.parametrize(("target", "replacement", "status"), [
    ("_copy", _half_written, 507),  # the disk fills up while the file is written
    ("_publish", _disk_full, 507),  # the rename fails
    ("_insert", _database_down, 500),  # the row cannot be inserted
])
def test_a_failed_write_leaves_neither_file_nor_row(app, client, auth, monkeypatch, target,
                                                    replacement, status):
    case_id = new_case(client, auth)
    monkeypatch.setattr(store, target, replacement)
    response = upload(client, auth, case_id, png())
    assert response.status_code == status
    assert "nothing" in response.get_json()["detail"]
    assert files_in(app) == [] and rows_in(app) == 0
    monkeypatch.undo()
    assert upload(client, auth, case_id, png()).status_code == 201
    assert len(files_in(app)) == 1 and rows_in(app) == 1


def test_a_failed_commit_takes_the_renamed_file_with_it(app, client, auth, monkeypatch):
    case_id = new_case(client, auth)
    real = store.commit_or_remove

    def failing(session, path):
        assert path.exists()  # renamed already: the commit is the last step
        monkeypatch.setattr(session, "commit", _database_down)
        real(session, path)

    monkeypatch.setattr(store, "commit_or_remove", failing)
    assert upload(client, auth, case_id, png()).status_code == 500
    assert files_in(app) == [] and rows_in(app) == 0


def test_deleting_the_coverage_removes_its_files(app, client, auth):
    record = client.post(COVERAGES, json=ISSUE_EXAMPLE, headers=auth).get_json()
    case_id = client.post(f"{COVERAGES}/{record['id']}/refund-cases", json={"route": "plan_only"},
                          headers=auth).get_json()["id"]
    upload(client, auth, case_id, png())
    upload(client, auth, case_id, PDF, name="terms.pdf", kind="plan_terms")
    assert len(files_in(app)) == 2
    assert client.delete(f"{COVERAGES}/{record['id']}", headers=auth).status_code == 204
    assert files_in(app) == [] and rows_in(app) == 0


def test_orphans_an_hour_old_are_swept_and_nothing_else(app, client, auth):
    """A crash between the rename and the commit leaves a file no row names: `flask evidence
    sweep` (and the dispatcher's loop once a day) removes it once it is an hour old. Files a
    case holds, and orphans younger than that (an upload in flight), stay."""
    import os
    import time
    from pathlib import Path

    from server.dispatch import from_app

    case_id = new_case(client, auth)
    kept = upload(client, auth, case_id, png())
    assert kept.status_code == 201
    folder = Path(app.config["EVIDENCE_DIR"])
    [held] = files_in(app)
    old_orphan, part, fresh = (folder / "old.png", folder / ".upload-x.part",
                               folder / "fresh.pdf")
    for path in (old_orphan, part, fresh):
        path.write_bytes(b"left behind")
    two_hours_ago = time.time() - 7200
    for path in (old_orphan, part, folder / held):
        os.utime(path, (two_hours_ago, two_hours_ago))
    result = app.test_cli_runner().invoke(args=["evidence", "sweep"])
    assert result.exit_code == 0, result.output
    assert "2 orphaned evidence files removed" in result.output
    assert files_in(app) == sorted([held, "fresh.pdf"])
    os.utime(fresh, (two_hours_ago, two_hours_ago))
    with app.app_context():
        dispatcher = from_app()
    assert dispatcher.sweep_when_due(clock=lambda: 1000.0) == 1
    assert files_in(app) == [held]
    fresh.write_bytes(b"again")
    os.utime(fresh, (two_hours_ago, two_hours_ago))
    assert dispatcher.sweep_when_due(clock=lambda: 1000.0 + 3600) == 0  # once a day
    assert dispatcher.sweep_when_due(clock=lambda: 1000.0 + 86400) == 1
    assert client.get(f"{CASES}/{case_id}/evidence", headers=auth).status_code == 200
    assert rows_in(app) == 1

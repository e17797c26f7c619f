"""Evidence files for refund cases (issue 14): upload (multipart), list, download, delete.

Only the owner reaches a case or a file (another account's: 404). A file's type is read from
its content; its name is kept, cleaned, as metadata only. See server.store.evidence for the
order of writes that leaves neither a file nor a row when something fails.
"""

from __future__ import annotations

import errno
import logging
import re
from pathlib import Path

from apiflask import APIBlueprint, abort
from flask import current_app, request, send_file

from server import db, i18n
from server.api.reply import no_content, reply
from server.auth import auth, current_account_id
from server.content import accepts
from server.db.models import utcnow
from server.domain.refunds.evidence import ACCEPTED_TYPES, download_name
from server.errors import problem
from server.schemas.refunds import EvidenceFileOut, EvidenceList, EvidenceUpload
from server.serialize.evidence import evidence_record
from server.store import evidence as store
from server.store import refunds as cases

bp = APIBlueprint("evidence", __name__, tag="Refund evidence")
log = logging.getLogger(__name__)

MULTIPART = "multipart/form-data"
# What a multipart body adds around the file (boundaries, part headers, the kind field).
SLACK_BYTES = 64 * 1024
UPLOAD_PATH = re.compile(r"^/api/v1/refund-cases/[^/]+/evidence/?$")


def folder() -> Path:
    return Path(current_app.config["EVIDENCE_DIR"])


def request_limit(config) -> int:
    return config["MAX_EVIDENCE_BYTES"] + SLACK_BYTES


def _owned_case(case_id: str):
    case = cases.owned_case(db.session(), current_account_id(), case_id)
    if case is None:
        abort(404, "No refund case with this id in your account.")
    return case


def _owned_file(evidence_id: str):
    row = store.owned(db.session(), current_account_id(), evidence_id)
    if row is None:
        abort(404, "No evidence file with this id in your account.")
    return row


@bp.before_request
def _too_large_early():
    """A declared Content-Length over the limit is refused before the body is parsed (the
    WSGI gate below refuses it before it is even read, in front of the body buffer)."""
    if request.method == "POST" and UPLOAD_PATH.match(request.path):
        limit = request_limit(current_app.config)
        request.max_content_length = limit
        if request.content_length is not None and request.content_length > limit:
            return problem(413, store.too_large_message(current_app.config["MAX_EVIDENCE_BYTES"]))
    return None


@bp.post("/refund-cases/<case_id>/evidence")
@accepts(MULTIPART)
@bp.auth_required(auth)
@bp.input(EvidenceUpload, location="form_and_files", arg_name="body")
@bp.output(EvidenceFileOut, status_code=201)
@bp.doc(summary="Attach a file (image, PDF or audio) to a refund case as evidence",
        description="multipart/form-data with `file` and `kind`. The type is read from the "
        "file's content (a text file named .png is refused with 415), the size is limited "
        "(413), and a case takes a limited number of files (409).",
        responses={201: "The stored file's record.",
                   409: "The case already holds the most files it takes.",
                   413: "The file is larger than the limit.",
                   415: "The content is not an accepted image, PDF or audio type.",
                   507: "The file could not be written; nothing was kept."})
def upload(case_id: str, body):
    case = _owned_case(case_id)
    config = current_app.config
    upload = body["file"]
    session = db.session()
    try:
        row, path = store.save(session, case, body["kind"], upload.stream, upload.filename,
                               folder=folder(), max_bytes=config["MAX_EVIDENCE_BYTES"],
                               max_files=config["MAX_EVIDENCE_FILES"], now=utcnow())
    except store.EvidenceError as error:
        session.rollback()
        return problem(error.status, error.message,
                       errors=[{"field": error.field, "message": error.message}])
    except OSError as error:
        session.rollback()
        log.warning("evidence write failed: %s", errno.errorcode.get(error.errno, error.errno))
        return problem(507, "The file could not be stored (the server's disk refused it); "
                       "nothing was kept. Try again later.")
    record = evidence_record(row, case.public_id)
    store.commit_or_remove(session, path)
    return reply(record, 201)


@bp.get("/refund-cases/<case_id>/evidence")
@bp.auth_required(auth)
@bp.output(EvidenceList)
@bp.doc(summary="The evidence files of a refund case, oldest first")
def list_files(case_id: str):
    case = _owned_case(case_id)
    rows = store.of_case(db.session(), case)
    return reply({"items": [evidence_record(r, case.public_id) for r in rows],
                  "limit": current_app.config["MAX_EVIDENCE_FILES"]})


_BINARY = {"schema": {"type": "string", "format": "binary"}}


@bp.get("/evidence/<evidence_id>")
@bp.auth_required(auth)
@bp.doc(summary="Download an evidence file",
        description="Served as an attachment with the type read at upload and "
        "`X-Content-Type-Options: nosniff`.",
        responses={200: {"description": "The file.",
                         "content": {mime: _BINARY for mime in sorted(set(ACCEPTED_TYPES))}},
                   404: "No such file in your account."})
def download(evidence_id: str):
    row = _owned_file(evidence_id)
    path = folder() / row.stored_name
    if not path.is_file():
        log.warning("evidence file %s missing on disk", row.public_id)
        abort(404, "The file of this evidence record is missing on the server; delete the "
              "record and upload the file again.")
    response = send_file(path, mimetype=row.media_type, as_attachment=True,
                         download_name=download_name(row.original_name, row.media_type),
                         etag=row.sha256, max_age=0, conditional=True)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.delete("/evidence/<evidence_id>")
@bp.auth_required(auth)
@bp.output({}, status_code=204)
@bp.doc(summary="Delete an evidence file (its record and its bytes)")
def delete(evidence_id: str):
    store.remove(db.session(), _owned_file(evidence_id), folder())
    return no_content()


class EarlyLimit:
    """WSGI gate in front of the body buffer: an upload whose Content-Length is over the limit
    gets its 413 before a byte of the body is read."""

    def __init__(self, app, limit: int, max_bytes: int):
        self.app, self.limit, self.max_bytes = app, limit, max_bytes

    def __call__(self, environ, start_response):
        declared = environ.get("CONTENT_LENGTH") or ""
        if (environ.get("REQUEST_METHOD") == "POST" and declared.isdigit()
                and int(declared) > self.limit
                and UPLOAD_PATH.match(environ.get("PATH_INFO", ""))):
            accept = environ.get("HTTP_ACCEPT_LANGUAGE", "").lower()
            lang = "zh" if accept.startswith("zh") else "en"
            body = problem_bytes(413, i18n.translate(store.too_large_message(self.max_bytes),
                                                     lang))
            start_response("413 Request Entity Too Large", [
                ("Content-Type", "application/problem+json"),
                ("Content-Length", str(len(body))), ("Connection", "close")])
            return [body]
        return self.app(environ, start_response)


def problem_bytes(status: int, detail: str) -> bytes:
    import json

    return json.dumps({"type": "about:blank", "title": "Request Entity Too Large",
                       "status": status, "detail": detail}, ensure_ascii=False).encode()


def wrap(app) -> None:
    """Put the gate in front of the app's WSGI stack (after the body buffer is set up)."""
    app.wsgi_app = EarlyLimit(app.wsgi_app, request_limit(app.config),
                              app.config["MAX_EVIDENCE_BYTES"])

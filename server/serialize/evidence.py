"""Evidence files as JSON: what the file is (from its content), its kind, its name as sent
(cleaned), its size and SHA-256, and where to download it."""

from __future__ import annotations

from typing import Any

from server.db.models import EvidenceFile, stamp
from server.domain.refunds.evidence import EVIDENCE_KINDS, download_name


def evidence_record(row: EvidenceFile, case_public_id: str) -> dict[str, Any]:
    return {
        "id": row.public_id, "case_id": case_public_id, "kind": row.kind,
        "label": EVIDENCE_KINDS[row.kind], "media_type": row.media_type, "size": row.size,
        "sha256": row.sha256, "name": row.original_name,
        "download_name": download_name(row.original_name, row.media_type),
        "download": f"/api/v1/evidence/{row.public_id}", "created_at": stamp(row.created_at),
    }

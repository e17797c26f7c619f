"""Request and response shapes for /api/v1/devices."""

from __future__ import annotations

from apiflask import fields

from server.schemas.base import Boolean, Schema
from server.schemas.common import text


class RegisterIn(Schema):
    name = text(80, min_length=1, required=True, metadata={"example": "Chrome on my laptop"})
    pairing_code = text(20, min_length=4, load_default=None,
                                 metadata={"description": "A one-time code from another device "
                                           "of the account this device should join."})


class DeviceOut(Schema):
    id = fields.String()
    name = fields.String()
    created_at = fields.DateTime()
    last_seen_at = fields.DateTime(allow_none=True)
    current = Boolean(metadata={"description": "This is the device making the request."})


class RegisterOut(Schema):
    token = fields.String(metadata={"description": "Shown once; store it. Only its hash is kept."})
    account_id = fields.String()
    device = fields.Nested(DeviceOut)


class DeviceList(Schema):
    items = fields.List(fields.Nested(DeviceOut))


class PairingCodeOut(Schema):
    code = fields.String(metadata={"example": "K7QF-9M2X"})
    expires_at = fields.DateTime()

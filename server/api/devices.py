"""Devices: register (or join an account with a pairing code), list, revoke."""

from __future__ import annotations

from apiflask import APIBlueprint, abort
from flask import current_app
from sqlalchemy import delete, select

from server import db, limits
from server.api.reply import no_content, reply
from server.auth import auth, current_device
from server.db.models import Device, PairingCode, stamp, utcnow
from server.errors import Invalid
from server.schemas.devices import DeviceList, PairingCodeOut, RegisterIn, RegisterOut
from server.store import accounts

bp = APIBlueprint("devices", __name__, tag="Devices")


def device_json(device: Device, current: Device | None = None) -> dict:
    return {"id": device.public_id, "name": device.name, "created_at": stamp(device.created_at),
            "last_seen_at": stamp(device.last_seen_at),
            "current": current is not None and current.id == device.id}


@bp.post("/devices")
@bp.input(RegisterIn, arg_name="body")
@bp.output(RegisterOut, status_code=201)
@bp.doc(summary="Register a device and get its token (shown once)")
def register(body):
    if (refused := limits.check("register", "REGISTRATION_RATE_LIMIT")) is not None:
        return refused
    session = db.session()
    try:
        token, device = accounts.register_device(session, body["name"], body["pairing_code"])
    except accounts.PairingRefused as refused:
        session.rollback()
        raise Invalid("pairing_code", str(refused)) from None
    account_id = accounts.account_public_id(session, device.account_id)
    body = {"token": token, "account_id": account_id, "device": device_json(device, device)}
    return reply(body, 201)


@bp.post("/devices/pairing-codes")
@bp.auth_required(auth)
@bp.output(PairingCodeOut, status_code=201)
@bp.doc(summary="Make a one-time code that lets another device join this account")
def pairing_code():
    minutes = current_app.config["PAIRING_CODE_MINUTES"]
    code, row = accounts.new_pairing_code(db.session(), current_device().account_id, minutes)
    return reply({"code": code, "expires_at": stamp(row.expires_at)}, 201)


@bp.get("/devices")
@bp.auth_required(auth)
@bp.output(DeviceList)
@bp.doc(summary="The account's devices that are not revoked")
def list_devices():
    me = current_device()
    rows = db.session().scalars(
        select(Device).where(Device.account_id == me.account_id, Device.revoked_at.is_(None))
        .order_by(Device.created_at, Device.id))
    return reply({"items": [device_json(d, me) for d in rows]})


@bp.delete("/devices/<uuid:device_id>")
@bp.auth_required(auth)
@bp.output({}, status_code=204)
@bp.doc(summary="Revoke a device; its token stops working at once, on every worker",
        description="The account's unused pairing codes are voided with it.")
def revoke(device_id):
    session = db.session()
    device = session.scalar(select(Device).where(
        Device.public_id == str(device_id), Device.account_id == current_device().account_id,
        Device.revoked_at.is_(None)))
    if device is None:
        abort(404)
    device.revoked_at = utcnow()
    # Any unused pairing code of the account could have been made by this device (or copied by
    # whoever holds its token): all of them die with it. A code lives minutes; a new one is easy.
    session.execute(delete(PairingCode).where(PairingCode.account_id == device.account_id,
                                              PairingCode.used_at.is_(None)))
    session.flush()
    return no_content()



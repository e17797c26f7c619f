"""Response shape of /api/v1/calendar."""

from __future__ import annotations

from apiflask import fields

from server.schemas.base import Schema


class CalendarOut(Schema):
    url = fields.String(metadata={
        "description": "The feed's address on this service, to subscribe to in a calendar app "
                       "(prefix it with the service's origin). Anyone with it can read the "
                       "feed: rotate it if it was shared by mistake.",
        "example": "/calendar/3q2-7wEjLx0b1Zc9kT4yVh8sQmN5pRuAiDgFoHeJlKs.ics"})

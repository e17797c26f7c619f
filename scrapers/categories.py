"""The product categories extended warranties cover, and the code for everything else.

From the source article's list of goods (大小家电, 数码, 医疗器械): large and small household
appliances, digital devices and medical devices. Defined here, in the lowest layer, so that the
classifier, the service (server.domain.vocabulary) and the extension share one list.
"""

from __future__ import annotations

CATEGORIES = ("large", "small", "digital", "medical")
NOT_ELIGIBLE = "not_eligible"
CODES = (*CATEGORIES, NOT_ELIGIBLE)

"""The words the service, the catalog and the extension share, each defined once here
(the category codes beside the classifier, in scrapers.categories).

The extension reads them from `extension/lib/vocabulary.js`, which `make vocabulary` writes from
this module (a test fails when the two differ), so a new kind is added in one place.
"""

from __future__ import annotations

# What a product is, for warranty purposes: defined beside the classifier that decides it.
from scrapers.categories import CATEGORIES as CATEGORIES
from scrapers.categories import CODES as CODES
from scrapers.categories import NOT_ELIGIBLE as NOT_ELIGIBLE

# Markets a plan is sold in: mainland China, the US, Canada, the UK and the EU (the currency of
# the product's price says which; see server.domain.fairvalue.inputs.CURRENCY_MARKETS).
MARKETS = ("CN", "US", "CA", "UK", "EU")

# Where a plan's price comes from: the page sells it, the provider publishes it (a list or page a
# shopper can open), or it is an estimate from real observations, with its range.
PRICE_BASES = ("page", "published", "estimate")

# Why a plan is named in a comparison but not weighed (`excluded[].reason_code`). The first two
# are plans a shopper can still buy, whose price was not found: the panel lists them apart, as
# ones to ask for a price, from those that do not fit this purchase at all.
ASK_FOR_PRICE = ("no_public_price", "no_price_for_product")
EXCLUDED_REASONS = (*ASK_FOR_PRICE, "other_currency", "not_sold_at_price", "checkout_only",
                    "partner_shops", "window_closed", "own_plan", "other_cover", "adds_nothing",
                    "card_counted", "no_model")

# Layers of cover on a purchase, from the bottom up: a plan adds only what the warranty, the law
# and the card do not already give (server.domain.timeline ranks them in this order).
LAYER_KINDS = ("manufacturer", "statutory", "card", "plan", "accidental")
# The layers a shopper paid for: the ones a refund, a claim or a plan reminder is about.
BOUGHT_KINDS = LAYER_KINDS[3:]

# What a plan covers: breakdowns, accidents, or a replacement instead of a repair.
PLAN_KINDS = ("extended", "accidental_damage", "replace", "other")

# When a layer starts. Plans sold on a page or in the catalog start at purchase or after the
# manufacturer warranty; only a recorded layer can start on a date of the shopper's choosing
# (a plan bought later from an independent seller).
PLAN_STARTS = ("purchase", "after_manufacturer")
STARTS = (*PLAN_STARTS, "on_date")

LAYER_STATES = ("in_force", "refunded", "void")
STATUSES = ("upcoming", "active", "ending_soon", "ended", "refunded", "void")

WHOLE_UNIT = "whole unit"

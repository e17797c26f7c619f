"""Refund cases, pure: the states a case moves through (states), the refund a plan's
cancellation terms promise (expected), the evidence a step wants (evidence), the platform
guides' shape (guide) and what the shopper should do next (next_steps). No Flask, no database.
"""

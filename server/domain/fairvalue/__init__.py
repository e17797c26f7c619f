"""Fair value of warranty plans: is the repair a plan is expected to pay for worth its price?

`engine.quote` ranks a page's offers and the catalog's plans; `inputs` holds the frozen request
types, `cover` the cover a shopper already holds, `options` the plans to weigh, `failure` the
chance of a failure in the months a plan adds, `text` the explanations in Chinese and English.
"""

"""Tables the scrapers read at run time (keywords, currencies, terms); a package so they ship."""

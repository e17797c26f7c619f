#!/usr/bin/env bash
# What the Firefox tests need, installed when missing and we may: Debian's firefox-esr (root +
# apt) and puppeteer-core from npm into extension/.tooling (git-ignored; it downloads no browser).
# Anything that cannot be installed leaves those tests skipped, and they say why.
set -u
if ! command -v firefox-esr >/dev/null 2>&1 && ! command -v firefox >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing Firefox ESR from Debian's packages for the Firefox tests..."
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null) \
            || echo "WARNING: could not install firefox-esr; the Firefox tests will be skipped."
    else
        echo "NOTE: Firefox is missing and this user cannot install it; the Firefox tests will be skipped."
    fi
fi
tooling="$(dirname "$0")/../extension/.tooling"
if [ ! -f "$tooling/node_modules/puppeteer-core/package.json" ]; then
    if command -v npm >/dev/null 2>&1; then
        npm install --silent --no-audit --no-fund --prefix "$tooling" 'puppeteer-core@>=24.10' \
            || echo "WARNING: could not install puppeteer-core; the Firefox tests will be skipped."
    else
        echo "NOTE: npm is missing; the Firefox tests will be skipped."
    fi
fi
exit 0

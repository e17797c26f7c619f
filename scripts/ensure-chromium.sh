#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing and we may (root + apt).
# Never downloads a browser of its own: Playwright drives /usr/bin/chromium.
set -u
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium from Debian's packages for the browser tests..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null) \
        || echo "WARNING: could not install chromium; browser tests will be skipped."
else
    echo "NOTE: /usr/bin/chromium is missing and this user cannot install it;"
    echo "      the browser tests will be skipped. Install Debian's 'chromium' package to run them."
fi
exit 0

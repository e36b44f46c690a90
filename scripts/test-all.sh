#!/usr/bin/env bash
# `npm test`: every test, on a fresh machine too. Installs what is missing (npm packages; Debian's
# Chromium, CJK fonts (with Extension B) and LibreOffice for the e2e and form checks), then typecheck, lint, vitest,
# Playwright (Chromium against the browser shell; Electron where a binary exists), and one
# closing line with the totals.
set -uo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need_apt+=(fonts-noto-cjk)
# P11: names with CJK Extension B characters (𪚥) need a font that has them, or screens show boxes
fc-list 2>/dev/null | grep -qi 'HanaMinB' || need_apt+=(fonts-hanazono)
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-calc-nogui)
# better-sqlite3 is SQLite3 Multiple Ciphers (the encrypted database); npm ci builds it from source
# where no prebuilt binary can be fetched, which needs python3, make and a C++ compiler
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
command -v make >/dev/null 2>&1 || need_apt+=(make)
command -v g++ >/dev/null 2>&1 || need_apt+=(g++)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]} (Debian packages)"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null \
    || { echo "could not install ${need_apt[*]}: install them, then run npm test again"; exit 1; }
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== npm ci"
  # node-gyp takes Node's headers from the system when they are there (no download needed)
  if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ] && [ "$(npm config get nodedir)" = "undefined" ]; then
    export npm_config_nodedir=/usr
  fi
  npm ci --no-audit --no-fund || exit 1
fi
# the database driver must be the cipher build, not plain SQLite
node -e "require('better-sqlite3')(':memory:').prepare('SELECT sqlite3mc_version() AS v').get()" 2>/dev/null \
  || { echo "better-sqlite3 is not SQLite3 Multiple Ciphers (the encrypted database): run npm ci again"; exit 1; }

mkdir -p test-results
status=0
echo "== typecheck"; npx tsc -p tsconfig.json --noEmit || status=1
echo "== lint"; npx eslint . || status=1
echo "== unit and integration (vitest, real SQLite)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=1
echo "== end to end (Playwright, Debian Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json npx playwright test --reporter=list,json || status=1

node scripts/test-summary.mjs test-results/vitest.json test-results/playwright.json || status=1
exit $status

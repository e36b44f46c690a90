#!/usr/bin/env bash
# `npm test`: every test, on a fresh machine too. Installs what is missing (npm packages; Debian's
# Chromium headless shell, CJK fonts (with Extension B), LibreOffice and poppler for the e2e and form checks), then typecheck, lint, vitest,
# Playwright (Chromium against the browser shell; Electron where a binary exists), where the time
# went, and one closing line counting what ran.
# `npm test -- door seal`: the same run on a subset, the unit files and e2e specs whose names contain
# one of the words (typecheck and lint still cover everything, as CI's run does).
set -uo pipefail
cd "$(dirname "$0")/.."

filter=("$@")
mkdir -p test-results
phases=test-results/phases.tsv
: > "$phases"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# phase <name> <command…>: runs it, notes how long it took and whether it failed
phase() {
  local name=$1 t0 rc
  shift
  t0=$(now_ms)
  "$@"
  rc=$?
  printf '%s\t%s\t%s\n' "$name" $(( $(now_ms) - t0 )) "$rc" >> "$phases"
  return $rc
}

install() {
  local need_apt=()
  # the e2e drive Debian's Chromium headless shell (playwright.config.ts: the engine without the
  # desktop browser's frame, less CPU per spec)
  command -v chromium-headless-shell >/dev/null 2>&1 || need_apt+=(chromium-headless-shell)
  # grep reads the whole list (no -q): under pipefail an early exit makes fc-list die of SIGPIPE and
  # the check fail, which reinstalled the fonts on every run
  fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || need_apt+=(fonts-noto-cjk)
  # P11: names with CJK Extension B characters (𪚥) need a font that has them, or screens show boxes
  fc-list 2>/dev/null | grep -i 'HanaMinB' >/dev/null || need_apt+=(fonts-hanazono)
  command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-calc-nogui)
  # A2: the records' PDFs are checked with poppler (pdffonts, pdfinfo, pdftotext: fonts embedded, PDF/A-2b)
  command -v pdffonts >/dev/null 2>&1 || need_apt+=(poppler-utils)
  # better-sqlite3 is SQLite3 Multiple Ciphers (the encrypted database); npm ci builds it from source
  # where no prebuilt binary can be fetched, which needs python3, make and a C++ compiler
  command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
  command -v make >/dev/null 2>&1 || need_apt+=(make)
  command -v g++ >/dev/null 2>&1 || need_apt+=(g++)
  if [ ${#need_apt[@]} -gt 0 ]; then
    echo "== installing ${need_apt[*]} (Debian packages)"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null \
      || { echo "could not install ${need_apt[*]}: install them, then run npm test again"; return 1; }
  fi
  # npm ci only when what is installed does not match package.json (npm ls says so; file times lie
  # in a fresh checkout), and never through a linked node_modules (a worktree sharing another
  # checkout's: npm ci would empty that one under everyone using it)
  if [ -L node_modules ]; then
    npm ls --depth=0 >/dev/null 2>&1 || { echo "node_modules links to $(readlink node_modules) and does not match package.json: install there (npm ci), then run npm test again"; return 1; }
  elif [ ! -d node_modules ] || ! npm ls --depth=0 >/dev/null 2>&1; then
    echo "== npm ci"
    # node-gyp takes Node's headers from the system when they are there (no download needed)
    if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ] && [ "$(npm config get nodedir)" = "undefined" ]; then
      export npm_config_nodedir=/usr
    fi
    npm ci --no-audit --no-fund || return 1
  fi
  # the database driver must be the cipher build, not plain SQLite
  node -e "require('better-sqlite3')(':memory:').prepare('SELECT sqlite3mc_version() AS v').get()" 2>/dev/null \
    || { echo "better-sqlite3 is not SQLite3 Multiple Ciphers (the encrypted database): run npm ci again"; return 1; }
}

started=$(now_ms)
phase install install || exit 1

status=0
rm -f test-results/vitest.json test-results/playwright.json
# typecheck and lint side by side (two cores), each remembering what it checked last time
# (test-results/, so a second run only rechecks what changed); their output in order after both
# one id for this run, seen by the e2e preparation and Playwright's workers (test/support/days.ts)
export E2E_RUN_ID="${E2E_RUN_ID:-$$-$(date +%s)}"
echo "== typecheck and lint, and what the e2e need built (the renderer; the demo day goes on playing, at a lower priority, through the unit phase)"
phase build npx tsx test/e2e/prepare.ts "${filter[@]}" > test-results/build.log 2>&1 &
build=$!
phase typecheck npx tsc -p tsconfig.json --noEmit --incremental --tsBuildInfoFile test-results/typecheck.tsbuildinfo > test-results/typecheck.log 2>&1 &
typecheck=$!
phase lint npx eslint --cache --cache-strategy content --cache-location test-results/eslintcache . > test-results/lint.log 2>&1 &
lint=$!
wait $typecheck || { status=1; echo "typecheck failed:"; }
cat test-results/typecheck.log
wait $lint || { status=1; echo "lint failed:"; }
cat test-results/lint.log
# a failed build is said here; the e2e phase's own setup tries it again and fails with its reason
wait $build || echo "the e2e preparation failed (the e2e setup will try again):"
cat test-results/build.log
echo "== unit and integration (vitest, real SQLite)${filter[*]:+: files named *${filter[*]}*}"
phase unit npx vitest run --passWithNoTests --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "${filter[@]}" || status=1
echo "== end to end (Playwright, Debian Chromium)${filter[*]:+: specs named *${filter[*]}*}"
phase e2e env PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json npx playwright test --pass-with-no-tests --reporter=list,json "${filter[@]}" || status=1

printf 'wall\t%s\t0\n' $(( $(now_ms) - started )) >> "$phases"
node scripts/test-summary.mjs test-results/vitest.json test-results/playwright.json "$phases" "${filter[@]}" || status=1
exit $status

#!/usr/bin/env bash
# Set up the project on a fresh machine: find Python 3.10, make .venv, install the
# pinned dependencies and the project. Idempotent: skips the install when nothing changed.
# With --browser (scripts/test.sh), also Debian's chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# Rasa 3.6 runs on 3.8-3.10; the pinned set (requirements.lock) is the one tested, on 3.10.
works() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; }

find_python() {
  if [ -n "${PYTHON:-}" ]; then
    works "$PYTHON" && { echo "$PYTHON"; return; }
    echo "PYTHON=$PYTHON is not a working Python 3.10" >&2; exit 1
  fi
  for candidate in python3.10; do
    command -v "$candidate" >/dev/null && works "$candidate" && { command -v "$candidate"; return; }
  done
  local root; root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
  for candidate in "$root"/versions/3.10.*/bin/python3.10; do
    [ -x "$candidate" ] && works "$candidate" && { echo "$candidate"; return; }
  done
  cat >&2 <<'MSG'
No Python 3.10 found (Rasa 3.6 supports 3.8-3.10; the pinned packages are those tested on 3.10).
Install it, for example:
  pyenv install 3.10.13        or        apt-get install python3.10 python3.10-venv
then run again, or point to it with PYTHON=/path/to/python3.10.
MSG
  exit 1
}

if [ ! -x .venv/bin/python ] || ! works .venv/bin/python; then
  python=$(find_python)
  echo "Creating .venv with $python"
  rm -rf .venv
  "$python" -m venv .venv
fi

stamp=.venv/.installed
wanted=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "Installing the pinned dependencies (a few minutes the first time)..."
  .venv/bin/python -m pip install --quiet --upgrade "pip<25"
  .venv/bin/python -m pip install --quiet -r requirements.lock
  .venv/bin/python -m pip install --quiet --no-deps -e .
  echo "$wanted" > "$stamp"
fi

# The browser tests drive Debian's chromium through Playwright; no tool downloads a browser.
if [ "${1:-}" = "--browser" ] && ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing chromium for the browser tests (apt-get)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing and cannot be installed here (not root, or no apt-get):" \
         "the browser tests will fail. Install it, e.g. sudo apt-get install chromium" >&2
  fi
fi

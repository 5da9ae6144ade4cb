#!/usr/bin/env bash
# Every test, in the order CI wants them: lint and types, data checks (Rasa's, and the needs
# knowledge over every combination of answers), unit and action tests, then the Rasa model
# (trained once, reused), Rasa's test stories, and the end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export TF_CPP_MIN_LOG_LEVEL=2 PYTHONWARNINGS=ignore
bin=.venv/bin
scripts/setup.sh --browser   # chromium for the browser tests (the rest is done by then)

echo "== lint and types"
$bin/ruff check .
$bin/mypy
echo "== rasa data validate"
$bin/rasa data validate --fail-on-warnings --quiet
echo "== bot knowledge check (every combination of every job's answers, demo catalogue)"
$bin/bot knowledge check --demo --examples 5
echo "== the model (trained only when the training data changed)"
model=$($bin/bot train | tail -n 1)
echo "== rasa test stories"
# Without --e2e, Rasa takes each story's intents as given and checks the actions only (every
# intent goes to action_dialogue). `bot replay check` runs the stories with --e2e, reading
# their words with the model, and says where any story parts from the assistant today.
$bin/rasa test core --model "$model" --stories tests/test_stories.yml \
    --fail-on-prediction-errors --out var/test_results --quiet
echo "== pytest"
BOT_MODEL="$model" $bin/python -m pytest -q "$@"

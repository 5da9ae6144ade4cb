#!/usr/bin/env bash
# The benchmarks of a shop on more than one machine (README, "A shop on more than one
# machine"), one after another: about two hours on 2 cores. Each writes results/<name>.json
# and .md. Run on a quiet machine: they share its cores with whatever else runs.
# --quick: soak and capacity levels of 60 s (15 s warm-up) instead of 180 s and 150 s, and
# the catalogue at 1M products only on PostgreSQL: about 50 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
soak=(--seconds 180); capacity=(); pg_sizes=(100000 1000000)
if [[ "${1:-}" == "--quick" ]]; then
    soak=(--seconds 60); capacity=(--seconds 60 --warm-up 15); pg_sizes=(1000000)
fi
export TF_CPP_MIN_LOG_LEVEL=2 PYTHONWARNINGS=ignore
scripts/setup.sh --services
py=.venv/bin/python
export BOT_MODEL=${BOT_MODEL:-$(.venv/bin/bot train | tail -n 1)}

# The catalogue: SQLite and PostgreSQL; products sharing specs (about 10 a spec) and
# products that all differ (--products-per-spec 1).
[[ "${1:-}" == "--quick" ]] || $py -m bench.catalogue_scale --name catalogue_scale
$py -m bench.catalogue_scale --database postgresql --sizes "${pg_sizes[@]}" --name catalogue_scale_postgresql
$py -m bench.catalogue_scale --products-per-spec 1 --sizes 1000000 --name catalogue_scale_distinct
$py -m bench.catalogue_scale --database postgresql --products-per-spec 1 --sizes 1000000 \
    --name catalogue_scale_distinct_postgresql

# 64 shoppers sending back to back, 3 minutes: one server on SQLite, one behind nginx on
# PostgreSQL and Redis, two behind nginx.
$py -m bench.soak --setup sqlite "${soak[@]}" --name soak
$py -m bench.soak --setup postgresql "${soak[@]}" --name soak_postgresql
$py -m bench.soak --setup replicas "${soak[@]}" --name soak_replicas

# Shoppers at a human pace: how many each set-up holds with turn p95 under 300 ms.
$py -m bench.capacity --setup sqlite ${capacity[@]+"${capacity[@]}"} --name capacity_sqlite
$py -m bench.capacity --setup postgresql ${capacity[@]+"${capacity[@]}"} --name capacity_postgresql
$py -m bench.capacity --setup replicas ${capacity[@]+"${capacity[@]}"} --name capacity_replicas

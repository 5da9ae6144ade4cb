.DEFAULT_GOAL := help
.PHONY: help setup run test train db clean bench

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-8s %s\n", $$1, $$2}'

setup: ## virtual environment and pinned dependencies (idempotent)
	@scripts/setup.sh

run: setup ## set everything up and start the assistant (action server, Rasa server, shop page)
	@.venv/bin/bot run

test: setup ## set everything up and run every test (what CI runs)
	@scripts/test.sh

train: setup ## train the model if the training data changed
	@.venv/bin/bot train

db: setup ## (re)create the catalogue database with the demo catalogue
	@.venv/bin/bot db init --demo

bench: setup ## speed, scale and load benchmarks, about 30 minutes (writes results/)
	.venv/bin/python -m bench.turns --training
	.venv/bin/python -m bench.catalogue_scale
	.venv/bin/python -m bench.soak

clean: ## remove the database, models and logs (keeps .venv)
	rm -rf var models

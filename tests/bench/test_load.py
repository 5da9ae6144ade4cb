"""The load driver of the turn benchmark and the soak, against the live servers: shoppers
hold whole consultations, every turn is counted by kind, memory is sampled (no timing
checked)."""

from __future__ import annotations

import pytest

from bench.rest import Load, consultation, run_load
from bench.soak import openings, soak

pytestmark = pytest.mark.e2e


def test_shoppers_reach_their_bundles_with_no_errors(live_servers) -> None:
    figures = run_load(Load(live_servers.rasa_url, consultation(openings(), typed_share=0.5),
                            concurrency=3, duration_s=60, max_turns=24))
    assert figures["errors"] == 0, figures["error_reasons"]
    assert figures["turns"] >= 24
    assert {"question", "bundle", "order"} <= set(figures["by_kind"])
    assert figures["conversations"] > figures["unfinished"]


def test_a_short_soak_samples_each_servers_memory(live_servers) -> None:
    processes = {"action_server": live_servers.servers.processes[0].pid,
                 "rasa_server": live_servers.servers.processes[1].pid}
    figures = soak(live_servers.rasa_url, processes, shoppers=2, seconds=6, typed_share=0.5)
    assert figures["errors"] == 0, figures["error_reasons"]
    assert figures["turns"] > 0
    for name in processes:
        assert figures["rss_mb_start"][name] > 50 and figures["rss_mb_end"][name] > 50


def test_shoppers_at_a_human_pace_are_counted_level_by_level(live_servers) -> None:
    from bench.capacity import search

    processes = {"rasa_server": live_servers.servers.processes[1].pid}
    tried = search(live_servers.rasa_url, [2], seconds=20, warm_up_s=0, typed_share=0.5,
                   processes=processes, rest_s=0)
    assert [t["shoppers"] for t in tried] == [2]
    assert tried[0]["turns"] >= 2 and tried[0]["errors"] == 0 and tried[0]["held"] in (True, False)
    assert tried[0]["rss_mb"]["rasa_server"] > 50

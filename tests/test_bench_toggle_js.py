"""bench/toggle_js.py's reading of a Chromium trace and its report (no browser: traces are given)."""

from __future__ import annotations

import json

from bench import toggle_js

MAIN = {"name": "thread_name", "ph": "M", "pid": 1, "tid": 10, "args": {"name": "CrRendererMain"}}
OTHER = {"name": "thread_name", "ph": "M", "pid": 1, "tid": 11, "args": {"name": "Compositor"}}


def _event(name: str, ts: int, dur: int, tid: int = 10) -> dict[str, object]:
    return {"name": name, "ph": "X", "pid": 1, "tid": tid, "ts": ts, "dur": dur}


def _trace(*events: dict[str, object], wrapped: bool = True) -> bytes:
    body = [MAIN, OTHER, *events]
    return json.dumps({"traceEvents": body} if wrapped else body).encode()


def test_counts_javascript_on_the_main_thread_only() -> None:
    trace = _trace(
        _event("FunctionCall", 0, 2_000),
        _event("EvaluateScript", 5_000, 1_500),
        _event("Layout", 7_000, 9_000),  # not JavaScript
        _event("FunctionCall", 20_000, 4_000, tid=11),  # not a main thread
    )
    assert toggle_js.main_thread_js_ms(trace) == 3.5


def test_a_nested_or_overlapping_call_is_counted_once() -> None:
    trace = _trace(
        _event("EvaluateScript", 0, 10_000),
        _event("FunctionCall", 2_000, 3_000),  # inside the script
        _event("FunctionCall", 8_000, 4_000),  # runs 2 ms past it
        wrapped=False,  # Chromium writes either form
    )
    assert toggle_js.main_thread_js_ms(trace) == 12.0


def test_report_ratios_are_medians_against_the_references() -> None:
    samples = {
        "dashboard": {"wall": [150.0, 160.0, 170.0], "js": [60.0, 70.0, 65.0]},
        "map": {"wall": [100.0, 100.0, 110.0], "js": [26.0, 26.0, 26.0]},
        "floor": {"wall": [80.0, 80.0, 80.0], "js": [20.0, 30.0, 25.0]},
    }
    result = toggle_js.report(samples, 2, ("0.1", "0.2"))
    assert result["median_ms"]["dashboard"] == {"wall": 160.0, "js": 65.0}
    assert result["ratios"]["dashboard JS ÷ map alone JS"] == 2.5
    assert result["ratios"]["dashboard wall ÷ floor wall"] == 2.0
    table = toggle_js.markdown(result)
    assert "| dashboard's map alone | 26.0 | 100 |" in table
    assert "| dashboard JS ÷ floor JS | 2.60 |" in table

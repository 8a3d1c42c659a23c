"""Where a call's time goes: cProfile over N calls of our client and of the raw-httpx baseline, per path.

    .venv/bin/python bench/profile_calls.py [--calls 10000] [--op create] [--on mock,http,tls] [--top 25]

For each transport (mock, loopback HTTP, loopback HTTPS) it times N calls of each candidate without the
profiler (alternating rounds; wall and this process's CPU time), then profiles N calls of each and prints the
functions whose own time (tottime) is larger in our call than in the raw one, per call in microseconds.
cProfile inflates every Python function call: read the table for where the difference lies, and the
unprofiled times for its size.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time
from collections.abc import Callable

from paths import Candidates, over_mock, over_network, serve

Key = tuple[str, int, str]


def timed(fn: Callable[[], object], calls: int) -> tuple[float, float]:
    """(wall seconds, this process's CPU seconds) per call."""
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls, (time.process_time() - cpu) / calls


def medians(raw: Callable[[], object], ours: Callable[[], object], calls: int, rounds: int = 10) -> list[float]:
    """Median wall and CPU seconds per call of raw and ours, in alternating rounds: [raw wall, raw cpu, ours...]."""
    samples: list[list[float]] = [[], [], [], []]
    for _ in range(rounds):
        for i, fn in enumerate((raw, ours)):
            wall, cpu = timed(fn, max(1, calls // rounds))
            samples[2 * i].append(wall)
            samples[2 * i + 1].append(cpu)
    return [statistics.median(s) for s in samples]


def profiled(fn: Callable[[], object], calls: int) -> dict[Key, tuple[int, float]]:
    """(primitive calls, own seconds) per function over ``calls`` calls of ``fn``."""
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(calls):
        fn()
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    return {key: (value[0], value[2]) for key, value in stats.items()}


def _name(key: Key) -> str:
    file, line, func = key
    parts = file.split("/")
    short = "/".join(parts[-2:]) if len(parts) > 1 else file
    return f"{short}:{line}({func})" if line else func


def report(label: str, candidates: Candidates, op: str, calls: int, top: int) -> None:
    raw, ours = candidates[op]["raw"], candidates[op]["ours"]
    for fn in (raw, ours):
        timed(fn, max(50, calls // 20))  # warm up
    r, r_cpu, o, o_cpu = medians(raw, ours, calls)
    print(f"\n== {op} over {label}, {calls} calls each, median of 10 alternating rounds")
    print(f"   wall: raw {r * 1e6:.0f} us, ours {o * 1e6:.0f} us, +{(o - r) * 1e6:.0f} us, {o / r:.2f}x")
    print(
        f"   CPU of this process: raw {r_cpu * 1e6:.0f} us, ours {o_cpu * 1e6:.0f} us, +{(o_cpu - r_cpu) * 1e6:.0f} us"
    )
    raw_stats, our_stats = profiled(raw, calls), profiled(ours, calls)
    raw_total = sum(t for _, t in raw_stats.values()) / calls
    our_total = sum(t for _, t in our_stats.values()) / calls
    print(f"   under cProfile: raw {raw_total * 1e6:.0f} us, ours {our_total * 1e6:.0f} us per call")
    rows = []
    for key in raw_stats.keys() | our_stats.keys():
        rn, rt = raw_stats.get(key, (0, 0.0))
        on, ot = our_stats.get(key, (0, 0.0))
        rows.append(((ot - rt) / calls, on / calls, rn / calls, _name(key)))
    rows.sort(reverse=True)
    print(f"   {'+us/call':>8} {'ours n':>7} {'raw n':>7}  function (own time, ours minus raw)")
    for diff, per_ours, per_raw, name in rows[:top]:
        print(f"   {diff * 1e6:8.2f} {per_ours:7.1f} {per_raw:7.1f}  {name}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--op", default="create", help="create, retrieve or list (comma-separated)")
    parser.add_argument("--on", default="mock,http,tls", help="mock, http, tls (comma-separated)")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    ops = args.op.split(",")
    for on in args.on.split(","):
        if on == "mock":
            for op in ops:
                report("a mock transport", over_mock(), op, args.calls, args.top)
            continue
        with serve(tls=on == "tls") as url:
            candidates, close = over_network(url)
            try:
                for op in ops:
                    report(f"loopback {on.upper()}", candidates, op, args.calls, args.top)
            finally:
                close()


if __name__ == "__main__":
    main()

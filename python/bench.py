"""Throughput of cablegram.read against the command line's JSON Lines, on the same inputs.

python python/bench.py [DIR] [CLI] [RUNS]
    (defaults: ../shared/corpus/tathagata__reveal, target/release/cablegram, 3)

Both sides run back to back, RUNS times each, alternating, and the best run of each is compared
(on a shared machine the best run is the one least disturbed by other work). The command line
reads, parses and writes JSON Lines to /dev/null on all cores (its cables counted once, untimed,
through a pipe); the Python side reads and parses on all cores and builds a `Cable` object for
every cable, reading its `id`. A second figure adds
`to_json()` on the Python side, for a like-for-like comparison of the output too.
"""
import subprocess
import sys
import time

sys.path = [p for p in sys.path[1:]]  # not python/ itself: the installed package
import cablegram  # noqa: E402

path = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/tathagata__reveal"
cli = sys.argv[2] if len(sys.argv) > 2 else "target/release/cablegram"
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3


def count_cli_lines():
    """The cables the command line writes (counted once, untimed)."""
    out = subprocess.run(
        [cli, "convert", "--to", "json", "-q", path], stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    ).stdout
    return out.count(b"\n")


cli_lines = count_cli_lines()


def run_cli():
    # As `cablegram convert --to json DIR > /dev/null`.
    start = time.perf_counter()
    subprocess.run(
        [cli, "convert", "--to", "json", "-q", path], stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return cli_lines, time.perf_counter() - start


def run_read():
    start = time.perf_counter()
    n = 0
    for cable in cablegram.read(path, errors="skip"):
        cable.id
        n += 1
    return n, time.perf_counter() - start


def run_read_json():
    start = time.perf_counter()
    n = sum(len(c.to_json()) > 0 for c in cablegram.read(path, errors="skip"))
    return n, time.perf_counter() - start


best = {}
for _ in range(runs):
    for name, f in (("cli", run_cli), ("read", run_read), ("read+json", run_read_json)):
        n, s = f()
        rate = n / s
        print(f"  {name:<10} {n} cables in {s:.3f} s: {rate:.0f} cables/s", flush=True)
        if rate > best.get(name, (0, 0))[0]:
            best[name] = (rate, n)

cli_rate, cli_n = best["cli"]
read_rate, read_n = best["read"]
json_rate, json_n = best["read+json"]
print(f"best of {runs}:")
print(f"CLI JSON Lines:           {cli_n} cables, {cli_rate:.0f} cables/s")
print(f"cablegram.read (+ .id):   {read_n} cables, {read_rate:.0f} cables/s, "
      f"ratio {read_rate / cli_rate:.2f}")
print(f"cablegram.read + to_json: {json_n} cables, {json_rate:.0f} cables/s, "
      f"ratio {json_rate / cli_rate:.2f}")

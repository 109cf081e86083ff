"""Throughput of cablegram.read against the command line's JSON Lines, on the same inputs.

python python/bench.py [DIR] [CLI]   (default ../shared/corpus/tathagata__reveal, target/release/cablegram)
"""
import subprocess
import sys
import time

sys.path = [p for p in sys.path[1:]]  # not python/ itself: the installed package
import cablegram  # noqa: E402

path = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/tathagata__reveal"
cli = sys.argv[2] if len(sys.argv) > 2 else "target/release/cablegram"

start = time.perf_counter()
lines = subprocess.run([cli, "convert", "--to", "json", "-q", path],
                       capture_output=True).stdout.count(b"\n")
cli_s = time.perf_counter() - start

start = time.perf_counter()
n = sum(1 for _ in cablegram.read(path, errors="skip"))
py_s = time.perf_counter() - start

start = time.perf_counter()
m = sum(len(c.to_json()) > 0 for c in cablegram.read(path, errors="skip"))
json_s = time.perf_counter() - start

print(f"CLI JSON Lines:        {lines} cables, {lines / cli_s:.0f} cables/s")
print(f"cablegram.read:        {n} cables, {n / py_s:.0f} cables/s, ratio {cli_s / py_s * n / max(lines, 1):.2f}")
print(f"read + to_json:        {m} cables, {m / json_s:.0f} cables/s, ratio {cli_s / json_s * m / max(lines, 1):.2f}")

"""Run the real `captionkit align` in a subprocess and measure it, for every benchmark alike.

Peak memory is the whole run's: the process's own high-water mark (VmHWM, read as it exits;
``ru_maxrss`` of a child can report its parent's peak when a large process starts it), or, if
larger, the most memory its process tree (the exact aligner's worker processes) held at once,
sampled every 50 ms as the sum of each process's proportional set size (Pss: a page shared by
a forked worker and its parent counts half to each, so nothing is counted twice).
"""

from __future__ import annotations

import subprocess
import sys
import time

RUNNER = """
import os, sys, threading, time
from captionkit.cli import main

def field(pid, name, where="status"):
    try:
        for line in open(f"/proc/{pid}/{where}"):
            if line.startswith(name):
                return int(line.split()[1])
    except OSError:
        pass
    return 0

def tree(pid):
    try:
        kids = [int(k) for t in os.listdir(f"/proc/{pid}/task")
                for k in open(f"/proc/{pid}/task/{t}/children").read().split()]
    except OSError:
        kids = []
    return [pid] + [p for k in kids for p in tree(k)]

most = 0
def sample():
    global most
    while True:
        most = max(most, sum(field(p, "Pss:", "smaps_rollup") for p in tree(os.getpid())))
        time.sleep(0.05)

threading.Thread(target=sample, daemon=True).start()
try:
    main(prog_name="captionkit")
finally:
    print("peak", max(most, field("self", "VmHWM")), file=sys.stderr)
"""


def timed_align(*args: str) -> tuple[float, int]:
    """``captionkit align ARGS``: wall seconds and peak memory in MiB; exits on failure."""
    cmd = [sys.executable, "-c", RUNNER, "align", *args]
    began = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - began
    if proc.returncode != 0:
        raise SystemExit(f"captionkit align failed:\n{proc.stderr}")
    peak_kb = int(proc.stderr.rsplit("peak", 1)[1].split()[0])
    return wall, peak_kb // 1024

"""Run the real `captionkit align` in a subprocess and measure it, for every benchmark alike.

Peak memory is the process's own high-water mark (VmHWM), read as it exits: ``ru_maxrss`` of a
child can report its parent's peak when a large process starts it.
"""

from __future__ import annotations

import subprocess
import sys
import time

RUNNER = """
import sys
from captionkit.cli import main
try:
    main(prog_name="captionkit")
finally:
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM"):
            print("peak", line.split()[1], file=sys.stderr)
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

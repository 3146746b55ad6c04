"""Runs a command and reports its wall time and peak resident memory.

Usage: measure.py LIMIT_SECS OUTPUT_FILE COMMAND [ARGS...]
The command's standard output goes to OUTPUT_FILE; one line "wall_s=<float> maxrss_kib=<int>"
is printed when it ends. It is killed after LIMIT_SECS. Exits with the command's status.
"""

import resource
import subprocess
import sys
import time

limit, out_path, cmd = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
with open(out_path, "wb") as out:
    start = time.perf_counter()
    try:
        status = subprocess.run(cmd, stdout=out, timeout=limit).returncode
    except subprocess.TimeoutExpired:
        print(f"measure.py: {cmd[0]} still running after {limit:.0f} s, killed", file=sys.stderr)
        sys.exit(124)
    wall = time.perf_counter() - start
# ru_maxrss of waited-for children, in KiB on Linux.
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"wall_s={wall:.3f} maxrss_kib={rss}")
sys.exit(status)

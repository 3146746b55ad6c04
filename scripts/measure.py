"""Runs a command and reports its wall time and peak resident memory.

Usage: measure.py OUTPUT_FILE COMMAND [ARGS...]
The command's standard output goes to OUTPUT_FILE; one line "wall_s=<float> maxrss_kib=<int>"
is printed when it ends. Exits with the command's status.
"""

import resource
import subprocess
import sys
import time

out_path, cmd = sys.argv[1], sys.argv[2:]
with open(out_path, "wb") as out:
    start = time.perf_counter()
    status = subprocess.run(cmd, stdout=out).returncode
    wall = time.perf_counter() - start
# ru_maxrss of waited-for children, in KiB on Linux.
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"wall_s={wall:.3f} maxrss_kib={rss}")
sys.exit(status)

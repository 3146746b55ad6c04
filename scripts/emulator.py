"""Runs the pinned moto server (Cognito emulator) on 127.0.0.1 for cognitui's tests and demo.

Usage: emulator.py [PORT]   (0 or no argument: a free port)
Prints "PORT <n>" once it accepts connections, then serves until its standard input closes,
so the emulator never outlives the process that started it.
"""

import logging
import os
import sys

os.environ.setdefault("MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP", "true")

from moto.moto_server.threaded_moto_server import ThreadedMotoServer  # noqa: E402

logging.getLogger("werkzeug").setLevel(logging.ERROR)

port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
server.start()
print(f"PORT {server.get_host_and_port()[1]}", flush=True)
sys.stdin.read()
os._exit(0)

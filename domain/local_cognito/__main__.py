"""Run the embedded Cognito on its own: `python -m domain.local_cognito [--data-dir DIR] [--port N]`."""

import argparse
import logging
import signal
import sys
import threading
from pathlib import Path

from ..bootstrap import local_cognito_options
from ..settings import Settings
from .server import LocalCognito


def main() -> None:
    """Start, print the start-up line, and run until SIGTERM or Ctrl-C (state is saved on the way out)."""
    settings = Settings()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--data-dir', type=Path, default=settings.data_dir or Path('.data'))
    parser.add_argument('--port', type=int, default=settings.local_cognito_port)
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format='%(levelname)s %(name)s: %(message)s')
    local = LocalCognito(local_cognito_options(settings, arguments.data_dir.resolve(), arguments.port)).start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    sys.stdout.write(local.startup_line + '\n')
    sys.stdout.flush()
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    local.stop()


if __name__ == '__main__':
    main()

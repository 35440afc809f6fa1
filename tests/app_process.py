"""`python main.py` as a real subprocess, stopped with SIGTERM like a service manager or a closed window would."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def app_environment(**overrides: str) -> dict[str, str]:
    """This environment without the test run's own app settings (a real pool, data folders), plus `overrides`."""
    inherited = {key: value for key, value in os.environ.items()
                 if not key.startswith(('COGNITO_', 'AUTH_', 'PYTEST', 'DATA_DIR', 'NICEGUI_STORAGE'))}
    return {**inherited, **overrides}


class AppProcess:
    """Starts main.py with `env`, logging to `folder/app.log`."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.folder = folder
        self.env = env
        self.process: subprocess.Popen[str] | None = None

    def launch(self, *arguments: str) -> None:
        with (self.folder / 'app.log').open('a') as log:
            self.process = subprocess.Popen([sys.executable, 'main.py', *arguments], cwd=REPO, env=self.env,
                                            stdout=log, stderr=subprocess.STDOUT, text=True)

    def stop(self) -> int:
        """SIGTERM, then the exit code."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=30)
        self.process = None
        return code

    def log_text(self) -> str:
        path = self.folder / 'app.log'
        return path.read_text() if path.exists() else ''

"""One entry point for people and CI; needs only Python 3.11+ and pip.

    python3 dev.py start    install what the app needs into .venv, then start it (embedded Cognito by default)
    python3 dev.py test     install the app and its test tools into .venv, then run the whole test suite
    python3 dev.py check    ruff and mypy

Arguments after the command go to main.py or pytest. Installing is skipped while pyproject.toml is unchanged.
"""

import hashlib
import os
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / '.venv'
PYTHON = VENV / 'bin' / 'python'


def requirements(groups: list[str]) -> list[str]:
    project = tomllib.loads((ROOT / 'pyproject.toml').read_text())['project']
    extras = project.get('optional-dependencies', {})
    return [*project['dependencies'], *(package for group in groups for package in extras[group])]


def ensure_environment(groups: list[str]) -> None:
    """Create .venv and install the requirements of `groups`, unless already done for this pyproject.toml."""
    wanted = requirements(groups)
    stamp = VENV / f'.installed-{"-".join(groups) or "app"}'
    digest = hashlib.sha256('\n'.join(wanted).encode()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest and PYTHON.exists():
        return
    if not PYTHON.exists():
        print(f'creating {VENV.relative_to(ROOT)} ...', flush=True)  # noqa: T201
        venv.create(VENV, with_pip=True)
    print(f'installing {len(wanted)} requirements into .venv ...', flush=True)  # noqa: T201
    subprocess.run([str(PYTHON), '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', *wanted],
                   check=True)
    stamp.write_text(digest)


def run(arguments: list[str]) -> None:
    os.chdir(ROOT)
    os.execv(PYTHON, [str(PYTHON), *arguments])


def main() -> None:
    command, *rest = sys.argv[1:] or ['start']
    if command == 'start':
        native = '--native' in rest or os.environ.get('NATIVE', '').lower() in {'1', 'true', 'yes'}
        ensure_environment(['desktop'] if native else [])
        run(['main.py', *rest])
    elif command == 'test':
        ensure_environment(['desktop', 'test'])
        run(['-m', 'pytest', *rest])
    elif command == 'check':
        ensure_environment(['desktop', 'test'])
        subprocess.run([str(PYTHON), '-m', 'ruff', 'check', '.'], cwd=ROOT, check=True)
        run(['-m', 'mypy'])
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main()

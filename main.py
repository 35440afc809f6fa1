"""Entry point: read settings, build services, register pages and the guard, then `ui.run`."""

import logging
import os
import signal
import sys

from pydantic import ValidationError

from domain.bootstrap import Services, build_services, data_dir_for
from domain.settings import DEFAULT_DEMO_PASSWORD, Settings, settings_error_line


def start_up_lines(services: Services) -> list[str]:
    """What the terminal shows before the server starts."""
    settings, local = services.settings, services.local_cognito
    if local is None:
        return [f'cognito: user_pool_id={settings.cognito_user_pool_id} region={settings.region} '
                f'client_id={settings.cognito_client_id}']
    password = settings.demo_user_password.get_secret_value()
    shown = password if password == DEFAULT_DEMO_PASSWORD else '(the value of DEMO_USER_PASSWORD)'
    return [local.startup_line,
            f'embedded mode (no AWS needed): sign in as {local.options.demo_email} with password {shown}']


def main() -> None:
    logging.basicConfig(level=logging.INFO, format='%(asctime)s %(levelname)s %(name)s: %(message)s')
    try:
        settings = Settings(native=True) if '--native' in sys.argv[1:] else Settings()
    except ValidationError as error:
        sys.exit(settings_error_line(error))
    os.environ.setdefault('NICEGUI_STORAGE_PATH', str(data_dir_for(settings) / 'nicegui'))

    from nicegui import ui  # noqa: PLC0415 (after NICEGUI_STORAGE_PATH is set)

    from ui.app import create_app, run_options  # noqa: PLC0415

    services = build_services(settings)
    create_app(services)
    sys.stdout.write(''.join(f'{line}\n' for line in start_up_lines(services)))
    sys.stdout.flush()
    # uvicorn shuts down gracefully on SIGTERM, then re-raises it: exit with 0 instead of dying by the signal.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    ui.run(**run_options(services))


if __name__ == '__main__':
    main()

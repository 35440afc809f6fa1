"""The running app's services, installed once by `main.py` and read by pages."""

from domain.bootstrap import Services

_services: Services | None = None


def install(services: Services) -> None:
    global _services  # noqa: PLW0603
    _services = services


def services() -> Services:
    if _services is None:
        raise RuntimeError('ui.services.install() has not been called')
    return _services

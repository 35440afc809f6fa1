"""`/auth/login`: email and password sign-in with SRP, validated before any Cognito call."""

import logging

from nicegui import ui
from starlette.responses import RedirectResponse

from domain.errors import USER_MESSAGES, AuthError, ErrorCode, InvalidCredentials, InvalidInput, user_message
from domain.models import parse_credentials
from domain.redirects import safe_redirect_target

from .layout import frame, tagged
from .routes import LOGIN
from .services import services
from .session import SessionStore

log = logging.getLogger('auth')


def create() -> None:
    @ui.page(LOGIN)
    def login(redirect_to: str | None = None, error: str | None = None) -> RedirectResponse | None:
        target = safe_redirect_target(redirect_to)
        if SessionStore.current().load() is not None:
            return RedirectResponse(target, status_code=303)
        with frame('Sign in'):
            LoginForm(target, user_message(error))
        return None


class LoginForm:
    """The card with Email, Password and "Sign in"; one submission at a time."""

    def __init__(self, target: str, message: str | None) -> None:
        self.target = target
        self.busy = False
        with ui.card().classes('app-login-card w-full max-w-sm mx-auto p-6 gap-3'):
            tagged('h1', 'Sign in').classes('text-2xl font-bold')
            self.alert = ui.label(message or '').props('role=alert aria-live=assertive').classes('app-alert')
            self.alert.set_visibility(bool(message))
            self.email = ui.input('Email').props('autofocus type=email autocomplete=username name=email outlined') \
                .classes('w-full')
            self.password = ui.input('Password', password=True, password_toggle_button=True) \
                .props('autocomplete=current-password name=password outlined').classes('w-full')
            self.button = ui.button('Sign in', on_click=self.submit).props('no-caps unelevated color=primary') \
                .classes('w-full')
        self.email.on('keydown.enter', self.submit)
        self.password.on('keydown.enter', self.submit)

    def show_alert(self, message: str | None) -> None:
        self.alert.text = message or ''
        self.alert.set_visibility(bool(message))

    async def submit(self) -> None:
        if self.busy:
            return
        self.show_alert(None)
        self.email.error = None
        self.password.error = None
        try:
            credentials = parse_credentials(self.email.value, self.password.value)
        except InvalidInput as invalid:
            self.email.error = invalid.field_errors.get('email')
            self.password.error = invalid.field_errors.get('password')
            self.email.props(f'aria-invalid={"true" if self.email.error else "false"}')
            self.password.props(f'aria-invalid={"true" if self.password.error else "false"}')
            return
        self.set_busy(True)
        try:
            session = await services().identity.sign_in(credentials)
        except InvalidCredentials as error:
            self.password.value = ''
            self.show_alert(error.user_message)
        except AuthError as error:
            self.show_alert(error.user_message)
        except Exception:
            log.exception('sign-in crashed')
            self.show_alert(USER_MESSAGES[ErrorCode.UNEXPECTED])
        else:
            SessionStore.current().save(session)
            ui.navigate.to(self.target)
            return
        finally:
            self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        if busy:
            self.button.props('loading')
            self.button.disable()
        else:
            self.button.props(remove='loading')
            self.button.enable()

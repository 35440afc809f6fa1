"""`/`: the public home page."""

from nicegui import ui

from .layout import frame, tagged
from .routes import DASHBOARD, LOGIN
from .session import SessionStore


def create() -> None:
    @ui.page('/')
    def home() -> None:
        with frame('Home'):
            tagged('h1', 'NiceGUI with AWS Cognito').classes('text-3xl font-bold')
            ui.label('Sign in with your Cognito account. Your tokens stay on the server; '
                     'pages under /app are only for signed-in users.')
            if SessionStore.current().load() is None:
                ui.link('Sign in to continue', LOGIN).classes('app-cta')
            else:
                ui.link('Go to your dashboard', DASHBOARD).classes('app-cta')

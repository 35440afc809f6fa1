"""A minimal DevTools-protocol client for QtWebEngine, which Playwright's connect_over_cdp cannot drive."""

import itertools
import json
import time
import urllib.request
from typing import Any

from websockets.sync.client import ClientConnection, connect


class PageSession:
    """One page target of a remote-debugging port: evaluate JS, type text, click like a user."""

    def __init__(self, debug_port: int, timeout: float = 60.0) -> None:
        self._ids = itertools.count(1)
        self._debug_port = debug_port
        self._timeout = timeout

    def __enter__(self) -> 'PageSession':
        self._socket = self._connect(self._debug_port, self._timeout).__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._socket.close()

    @staticmethod
    def _connect(debug_port: int, timeout: float) -> ClientConnection:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f'http://127.0.0.1:{debug_port}/json/list', timeout=2) as response:
                    targets = json.load(response)
                pages = [t for t in targets if t.get('type') == 'page' and t.get('url', '').startswith('http://127')]
                if pages:
                    return connect(pages[0]['webSocketDebuggerUrl'], max_size=None, open_timeout=10)
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError('no window page appeared on the DevTools port')
            time.sleep(0.5)

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        message_id = next(self._ids)
        self._socket.send(json.dumps({'id': message_id, 'method': method, 'params': params}))
        while True:
            reply = json.loads(self._socket.recv(timeout=30))
            if reply.get('id') == message_id:
                if 'error' in reply:
                    raise AssertionError(f'{method}: {reply["error"]}')
                return dict(reply.get('result', {}))

    def evaluate(self, expression: str) -> Any:
        result = self.send('Runtime.evaluate', expression=expression, returnByValue=True, awaitPromise=True)
        return result.get('result', {}).get('value')

    def wait_for(self, expression: str, timeout: float = 20.0) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with_value = self.evaluate(f'(() => {{ try {{ return {expression}; }} catch (e) {{ return null; }} }})()')
            if with_value:
                return with_value
            time.sleep(0.2)
        raise AssertionError(f'timed out waiting for {expression}')

    def wait_for_text(self, text: str, timeout: float = 20.0) -> None:
        self.wait_for(f'document.body.innerText.includes({json.dumps(text)})', timeout)

    def type_into(self, label: str, text: str) -> None:
        find = f'''[...document.querySelectorAll('.q-field')]
            .find(field => field.querySelector('.q-field__label')?.innerText.trim() === {json.dumps(label)})
            ?.querySelector('input')'''
        self.wait_for(f'!!({find})')
        self.evaluate(f'({find}).focus()')
        self.send('Input.insertText', text=text)

    def click_button(self, name: str) -> None:
        box = self.wait_for(f'''(() => {{
            const button = [...document.querySelectorAll('button')]
                .find(b => b.innerText.trim() === {json.dumps(name)});
            if (!button) return null;
            const r = button.getBoundingClientRect();
            return {{x: r.x + r.width / 2, y: r.y + r.height / 2}};
        }})()''')
        for event in ('mousePressed', 'mouseReleased'):
            self.send('Input.dispatchMouseEvent', type=event, x=box['x'], y=box['y'], button='left', clickCount=1)

    def navigate(self, path: str) -> None:
        origin = self.wait_for("location.origin.startsWith('http://127.0.0.1') && location.origin")
        self.send('Page.navigate', url=f'{origin}{path}')

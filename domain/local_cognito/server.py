"""Starting, seeding and stopping the embedded Cognito."""

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
from moto.backends import get_backend
from moto.cognitoidp.models import CognitoIdpBackend, CognitoIdpUserPool
from moto.core.models import DEFAULT_ACCOUNT_ID
from moto.server import ThreadedMotoServer

from . import strict
from .state import PoolStateFile

log = logging.getLogger(__name__)

REGION = 'us-east-1'
LISTEN_ADDRESS = '127.0.0.1'
_DUMMY_CREDENTIALS = {'aws_access_key_id': 'local', 'aws_secret_access_key': 'local'}
_POOL_SCHEMA = [
    {'Name': 'email', 'AttributeDataType': 'String', 'Required': True, 'Mutable': True},
    {'Name': 'given_name', 'AttributeDataType': 'String', 'Required': False, 'Mutable': True},
    {'Name': 'family_name', 'AttributeDataType': 'String', 'Required': False, 'Mutable': True},
]


@dataclass(frozen=True)
class LocalCognitoOptions:
    """How to run the embedded Cognito."""

    data_dir: Path
    demo_email: str
    demo_password: str
    token_seconds: int = 3600
    port: int = 0
    pool_name: str = 'nicegui-cognito'


class LocalCognito:
    """moto's Cognito server on 127.0.0.1, strict and persistent, with one pool, one public client and a demo user."""

    def __init__(self, options: LocalCognitoOptions) -> None:
        self.options = options
        self.user_pool_id = ''
        self.client_id = ''
        self._server: ThreadedMotoServer | None = None
        self._port = options.port
        self._state = PoolStateFile(options.data_dir / 'local-cognito' / f'{options.pool_name}.json')
        self._save_lock = threading.Lock()

    @property
    def endpoint(self) -> str:
        """Base URL of the local Cognito API."""
        return f'http://{LISTEN_ADDRESS}:{self._port}'

    @property
    def running(self) -> bool:
        """True while the HTTP server is up."""
        return self._server is not None

    @property
    def issuer(self) -> str:
        """The `iss` of issued tokens: the AWS form, as moto signs them."""
        return f'https://cognito-idp.{REGION}.amazonaws.com/{self.user_pool_id}'

    @property
    def jwks_url(self) -> str:
        """Where this server publishes the pool's signing keys."""
        return f'{self.endpoint}/{self.user_pool_id}/.well-known/jwks.json'

    @property
    def startup_line(self) -> str:
        """The one line printed at start-up, enough to point the AWS CLI or boto3 here."""
        return f'local cognito: endpoint={self.endpoint} user_pool_id={self.user_pool_id} client_id={self.client_id}'

    def start(self) -> 'LocalCognito':
        """Start the server (if stopped), then create or restore the pool, client and demo user."""
        if self._server is None:
            os.environ.setdefault('MOTO_COGNITO_IDP_USER_POOL_ID_STRATEGY', 'HASH')
            os.environ.setdefault('MOTO_COGNITO_IDP_USER_POOL_CLIENT_ID_STRATEGY', 'HASH')
            strict.install()
            logging.getLogger('werkzeug').setLevel(logging.WARNING)
            server = ThreadedMotoServer(ip_address=LISTEN_ADDRESS, port=self._port, verbose=False)
            server.start()
            self._port = server.get_host_and_port()[1]
            self._server = server
        if not self.user_pool_id:
            self._provision()
        return self

    def stop(self) -> None:
        """Save the state and stop the HTTP server; `start()` brings it back on the same port."""
        if self._server is None:
            return
        self.save()
        self._server.stop()
        self._server = None

    def set_token_seconds(self, seconds: int) -> None:
        """Lifetime of id and access tokens issued from now on."""
        self.admin_client().update_user_pool_client(
            UserPoolId=self.user_pool_id, ClientId=self.client_id,
            AccessTokenValidity=seconds, IdTokenValidity=seconds,
            TokenValidityUnits={'AccessToken': 'seconds', 'IdToken': 'seconds'},
        )

    def auth_flow_count(self, auth_flow: str) -> int:
        """How many InitiateAuth calls with `auth_flow` this server has answered for our client."""
        return len(self.auth_flow_times(auth_flow))

    def auth_flow_times(self, auth_flow: str) -> list[float]:
        """When (`time.monotonic()`) each InitiateAuth call with `auth_flow` arrived for our client."""
        return list(strict.auth_flow_times.get((self.client_id, auth_flow), []))

    def admin_client(self) -> Any:
        """A boto3 client for admin calls against this server (dummy credentials)."""
        return boto3.client('cognito-idp', region_name=REGION, endpoint_url=self.endpoint, **_DUMMY_CREDENTIALS)

    def save(self) -> None:
        """Persist the pool's users and tokens now."""
        pool = self._pool()
        if pool is not None:
            with self._save_lock:
                self._state.save(pool)

    def _provision(self) -> None:
        admin = self.admin_client()
        pool = admin.create_user_pool(PoolName=self.options.pool_name, UsernameAttributes=['email'],
                                      AutoVerifiedAttributes=['email'], Schema=_POOL_SCHEMA)['UserPool']
        self.user_pool_id = pool['Id']
        client = admin.create_user_pool_client(
            UserPoolId=self.user_pool_id, ClientName='web', GenerateSecret=False,
            ExplicitAuthFlows=['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
            ReadAttributes=['email', 'email_verified', 'given_name', 'family_name'],
        )['UserPoolClient']
        self.client_id = client['ClientId']
        self.set_token_seconds(self.options.token_seconds)
        moto_pool = self._pool()
        assert moto_pool is not None
        restored = self._state.restore(moto_pool)
        self._seed_demo_user(admin)
        strict.change_listeners.append(self.save)
        self.save()
        log.info('local cognito %s: pool %s', 'restored' if restored else 'created', self.user_pool_id)

    def _seed_demo_user(self, admin: Any) -> None:
        email = self.options.demo_email
        try:
            admin.admin_get_user(UserPoolId=self.user_pool_id, Username=email)
        except admin.exceptions.UserNotFoundException:
            admin.admin_create_user(
                UserPoolId=self.user_pool_id, Username=email, MessageAction='SUPPRESS',
                UserAttributes=[{'Name': 'email', 'Value': email}, {'Name': 'email_verified', 'Value': 'true'},
                                {'Name': 'given_name', 'Value': 'Demo'}, {'Name': 'family_name', 'Value': 'User'}],
            )
        admin.admin_set_user_password(UserPoolId=self.user_pool_id, Username=email,
                                      Password=self.options.demo_password, Permanent=True)

    def _pool(self) -> CognitoIdpUserPool | None:
        backend: CognitoIdpBackend = get_backend('cognito-idp')[DEFAULT_ACCOUNT_ID][REGION]
        return backend.user_pools.get(self.user_pool_id)

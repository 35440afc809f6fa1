"""The seam between the UI and the identity provider: the UI sees only this protocol."""

from typing import Protocol

from .models import Account, AuthSession, Credentials, TokenSet


class IdentityProvider(Protocol):
    """Asynchronous sign-in operations; every method raises only `AuthError` subclasses."""

    async def sign_in(self, credentials: Credentials) -> AuthSession:
        """Sign in with SRP and return verified tokens."""
        ...

    async def refresh(self, tokens: TokenSet) -> AuthSession:
        """Exchange the refresh token for new, verified id and access tokens."""
        ...

    async def get_account(self, tokens: TokenSet) -> Account:
        """Load the account with the access token (Cognito GetUser)."""
        ...

    async def sign_out(self, tokens: TokenSet) -> None:
        """Revoke this session's tokens at the provider (not the user's other sessions)."""
        ...

"""An embedded, strict local Cognito: moto's server with real SRP, real token lifetimes and persistence."""

from .server import LocalCognito, LocalCognitoOptions

__all__ = ['LocalCognito', 'LocalCognitoOptions']

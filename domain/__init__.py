"""Framework-free core of the app: settings, models, errors, Cognito access and the embedded Cognito."""

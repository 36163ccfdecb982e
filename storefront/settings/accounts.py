"""Settings of customer accounts (django-allauth, `accounts/`): sign-up, sign-in, email verification and their
rate limits. Part of `base`, which adds what depends on its own settings (the proxies in front)."""

# Shoppers sign up and in with their email and a password on the shop's pages (/<lang>/account/...); staff keep
# the Wagtail admin's own login (`ModelBackend`, by username). A shopper's account has no admin rights at all.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# URL names, reversed in the language of the request (`resolve_url`), so each language keeps its prefix.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:orders"
LOGOUT_REDIRECT_URL = "/"  # the home page in the language of the page signed out from (`accounts.adapter`)
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# Shoppers are named by their email in allauth's messages ("Signed in as …"), not by the generated username.
ACCOUNT_USER_DISPLAY = "accounts.adapter.user_display"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
# An address is verified before the account can sign in, so every account's email is its owner's, and guest
# orders placed with it may be attached to it (`accounts.orders`).
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
# One address per account, changed by verifying the new one (which then replaces the old).
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# allauth's rate limits (kept in the cache above), written out so that they are seen and tuned here: failed
# sign-ins per address and per account, sign-ups and password resets per client address, one verification email
# per address every three minutes.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "confirm_email": "1/180s/key",
    "reauthenticate": "10/m/user",
}

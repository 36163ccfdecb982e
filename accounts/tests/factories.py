"""Customer accounts for the tests: a user with a verified (or not) email address and a profile."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from accounts.models import Address, Profile

PASSWORD = "kettle-and-mug-42"


def make_customer(email="ana@example.com", *, verified=True, language="en", password=PASSWORD, **fields):
    """A shopper's account as allauth's sign-up leaves it (after verification when `verified`)."""
    username = email.split("@")[0] + str(get_user_model().objects.count())
    user = get_user_model().objects.create_user(username=username, email=email, password=password, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    Profile.objects.create(user=user, language=language)
    return user


def make_address(user, label="Home", address="Calle Mayor 1", postal_code="28001", **fields):
    """A saved address of `user` in Madrid, Spain unless told otherwise."""
    fields = {"first_name": "Ana", "last_name": "Pérez", "city": "Madrid", "country": "ES", **fields}
    return Address.objects.create(user=user, label=label, address=address, postal_code=postal_code, **fields)

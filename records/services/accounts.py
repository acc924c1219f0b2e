"""Signing up: a patient account comes with its one patient record."""

from django.db import transaction

from records.models import Patient, Role, User


@transaction.atomic
def sign_up(
    email: str, password: str, role: Role, first_name: str = "", last_name: str = ""
) -> User:
    user = User.objects.create_user(
        email, password, role=role, first_name=first_name, last_name=last_name
    )
    if role == Role.PATIENT:
        Patient.objects.create(user=user)
    return user

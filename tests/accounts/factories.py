"""factory_boy factories for accounts: staff in each role."""

from typing import Any, cast

import factory
from django.contrib.auth.models import Group

from accounts.models import User
from core.roles import Role


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    display_name = factory.Sequence(lambda n: f"Counselor {n}")
    capacity = 3
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    @factory.post_generation
    def role(obj: User, create: bool, extracted: str | None, **kwargs: Any) -> None:
        if create:
            group, _ = Group.objects.get_or_create(name=extracted or Role.COUNSELOR)
            obj.groups.add(group)
            obj.save()


def counselor(**kwargs: Any) -> User:
    return cast(User, StaffFactory(role=Role.COUNSELOR, **kwargs))


def supervisor(**kwargs: Any) -> User:
    return cast(User, StaffFactory(role=Role.SUPERVISOR, **kwargs))

"""factory_boy factories for staff and conversations."""

from typing import Any, cast

import factory
from django.contrib.auth.models import Group

from accounts.models import User
from core.roles import Role
from counseling.services import conversation_start


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


_seq = iter(range(1, 10**9))


def waiting_conversation(body: str = "I need someone to talk to.", **kwargs: Any) -> Any:
    """A help-seeker's conversation, started as the page does. Returns (conversation, token)."""
    conversation, token, _message = conversation_start(
        language=kwargs.pop("language", "en"),
        intake=kwargs.pop("intake", {}),
        body=body,
        client_id=f"first-{next(_seq)}",
    )
    return conversation, token

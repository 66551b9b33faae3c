from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from .models import AuditEvent, User
from .roles import assigned_role
from .services import audit_record


def _staff_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The Django admin logs in through the staff login (password, then a second factor),
    never through its own password-only form."""
    if request.user.is_authenticated:
        # Logged in but not admin staff: the admin's own page says so.
        return admin.AdminSite.login(admin.site, request, extra_context)
    return redirect_to_login(request.GET.get("next") or "/admin/")


admin.site.login = _staff_login  # type: ignore[method-assign]


@admin.register(User)
class StaffAdmin(UserAdmin):
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Counseling", {"fields": ("display_name", "capacity", "presence")}),
    )
    list_display = ("username", "display_name", "capacity", "presence", "is_active")

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        before = User.objects.filter(pk=obj.pk).first() if change else None
        obj._kizuna_role_before = assigned_role(before) if before else None
        obj._kizuna_active_before = before.is_active if before else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        user = form.instance
        role = assigned_role(User.objects.get(pk=user.pk))
        before = getattr(user, "_kizuna_role_before", None)
        if role != before:
            audit_record(
                actor=request.user,
                action=AuditEvent.Action.ROLE_CHANGE,
                target=user,
                detail={
                    "from": before.value if before else None,
                    "to": role.value if role else None,
                    "via": "admin",
                },
            )
        active_before = getattr(user, "_kizuna_active_before", None)
        if active_before is not None and active_before != user.is_active:
            audit_record(
                actor=request.user,
                action=AuditEvent.Action.ACTIVE_CHANGE,
                target=user,
                detail={"active": user.is_active, "via": "admin"},
            )


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "action", "target_type", "target_id")
    list_filter = ("action",)
    readonly_fields = ("at", "actor", "action", "target_type", "target_id", "detail")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

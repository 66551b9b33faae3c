from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("login/code/", views.login_code, name="login_code"),
    path("login/paused/", views.login_second_factor, name="login_second_factor"),
    path("login/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("logout/", views.StaffLogoutView.as_view(), name="logout"),
    path("two-factor/", views.security, name="security"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_add, name="staff_add"),
    path("staff/<int:user_id>/", views.staff_edit, name="staff_edit"),
]

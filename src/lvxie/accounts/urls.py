from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/code/", views.TotpView.as_view(), name="login_totp"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("me/code/", views.TotpSetupView.as_view(), name="totp_setup"),
    path("me/data.<str:fmt>", views.MyDataView.as_view(), name="my_data"),
]

from django.urls import path

from . import views

app_name = "access"

# Mounted under /accounts/ beside lvxie.accounts.urls: the account pages kept their addresses.
urlpatterns = [
    path("users/", views.UserListView.as_view(), name="user_list"),
    path("users/<int:pk>/", views.UserDetailView.as_view(), name="user_detail"),
]

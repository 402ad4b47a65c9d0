"""The API under /api/v1/: endpoints, the OpenAPI schema at openapi.json and the docs at docs."""

from django.urls import path

from lvxie.config.api import api

urlpatterns = [path("", api.urls)]

from django.contrib.auth.models import AnonymousUser

from lvxie.core.types import signed_in


def test_signed_in_keeps_a_user_and_drops_the_system_and_the_anonymous(db, django_user_model):
    user = django_user_model.objects.create_user("typist", password="x")
    assert signed_in(user) is user
    assert signed_in(None) is None
    assert signed_in(AnonymousUser()) is None

"""Role labels read in the reader's language on the accounts page."""

from django.urls import reverse


def test_role_labels_follow_the_readers_language(client, world):
    client.force_login(world["users"]["sysadmin"])
    for language, label in (("en", "District administrator 福田区"), ("zh-hans", "区级管理员 福田区")):
        client.cookies["django_language"] = language
        assert label in client.get(reverse("access:user_list")).content.decode(), language

from lvxie.registry.models import LawFirm, Lawyer, Region


def test_district_admin_sees_only_own_district(world):
    # Given the Futian administrator
    futian = world["users"]["futian"]
    # When they list firms and lawyers
    firms = set(LawFirm.objects.visible_to(futian))
    lawyers = set(Lawyer.objects.visible_to(futian))
    # Then only Futian's are there
    assert firms == {world["ft_firm"]}
    assert lawyers == {world["ft_lawyer"]}


def test_city_admin_sees_whole_city_but_not_other_city(world):
    city = world["users"]["city"]
    assert set(LawFirm.objects.visible_to(city)) == {world["ft_firm"], world["ns_firm"]}
    assert not Region.objects.visible_to(city).filter(code="440106").exists()
    assert Region.objects.visible_to(city).filter(code="44").exists()  # ancestors are named


def test_firm_admin_and_lawyer_and_unscoped_roles(world):
    users = world["users"]
    assert list(Lawyer.objects.visible_to(users["firm"])) == [world["ft_lawyer"]]
    assert list(Lawyer.objects.visible_to(users["lawyer"])) == [world["ft_lawyer"]]
    assert list(LawFirm.objects.visible_to(users["lawyer"])) == [world["ft_firm"]]
    for name in ("auditor", "sysadmin", "nobody"):
        assert not LawFirm.objects.visible_to(users[name]).exists()
        assert not Lawyer.objects.visible_to(users[name]).exists()


def test_anonymous_sees_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert not LawFirm.objects.visible_to(AnonymousUser()).exists()

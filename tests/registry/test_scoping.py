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


def test_a_loaded_lawyer_lies_in_a_view_exactly_when_the_query_finds_them(world):
    """`Lawyer.lies_in` (the lawyer's page asks it without a query) answers as `scope_q` does, for every
    user's read, edit and sensitive view and both lawyers."""
    from lvxie.core.scoping import scope_of

    answers = set()
    for user in world["users"].values():
        scope = scope_of(user)
        for view in (scope.reads(), scope.edits(), scope.sensitive()):
            for lawyer in (world["ft_lawyer"], world["ns_lawyer"]):
                found = Lawyer.objects.filter(Lawyer.scope_q(view), pk=lawyer.pk).exists()
                assert lawyer.lies_in(view) == found, (user, view, lawyer)
                answers.add((found, bool(view.lawyer_ids), bool(view.firm_ids)))
    # by a region, by their firm and as themself; and outside
    assert {(True, False, False), (True, False, True), (True, True, False), (False, False, False)} <= answers

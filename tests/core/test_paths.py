from lvxie.core.paths import under


def test_a_path_is_under_itself_and_its_ancestors_only():
    assert under("1/4/12/", "1/4/")
    assert under("1/4/12/", ("9/", "1/"))
    assert under("1/4/", "1/4/")
    assert not under("1/4/", "1/4/12/")
    assert not under("1/40/", "1/4/")  # paths end with "/": 40 is not under 4
    assert not under("2/4/", ("1/", "3/"))


def test_nothing_is_under_no_prefix_and_no_path_is_under_anything():
    assert not under("1/4/", ())
    assert not under("", "1/")
    assert not under(None, ("1/",))


def test_prefixes_may_be_any_iterable_read_once():
    assert under("1/4/", iter(["2/", "1/"]))

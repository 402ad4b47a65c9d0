"""One search for firms and lawyers: what people type (either script, pinyin with or without spaces, ü as
v, initials, a licence-number or credit-code prefix) matched against the stored search keys, ranked, and
always from `visible_to(actor)`.

Ranking: an exact key first, then a key that starts with the query, then one that contains it; ties by
the shorter (closer) name. On PostgreSQL, migration 0004 adds the indexes that make this fast nationally:
a GIN index over the array of a name's character bigrams (two-character Chinese names are too short for
trigrams), pg_trgm indexes for pinyin "contains", and pattern-ops indexes for prefixes. SQLite runs the
same filters without them (a city's registry is small enough).
"""

from django.db import connection
from django.db.models import BooleanField, Case, F, Func, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Left, Length

from lvxie.core.chinese import normalize_query
from lvxie.core.paging import window
from lvxie.core.scoping import scope_of
from lvxie.core.statements import Statements
from lvxie.core.types import Actor

from .models import LawFirm, Lawyer, Trainee

DEFAULT_LIMIT = 20
# Pinyin "contains" below three letters would match most of the country and no trigram can serve it.
_MIN_LATIN_CONTAINS = 3

# What each searchable model is found by besides its name.
NUMBER_FIELDS = {
    Lawyer: ("licence_no",),
    LawFirm: ("credit_code", "licence_no"),
    Trainee: ("certificate_no",),
}


def _bigrams_cover(column: str, text: str) -> Func:
    """PostgreSQL: every bigram of `text` is a bigram of the column (`lvxie_bigrams`, migration 0004):
    an index-served pre-filter; the LIKE beside it keeps the order of the characters."""
    return Func(
        F(column),
        Value(text),
        template="lvxie_bigrams(%(expressions)s)",
        arg_joiner=") @> lvxie_bigrams(",
        output_field=BooleanField(),
    )


def _rank(exact: Q, prefix: Q) -> Case:
    return Case(
        When(exact, then=Value(0)), When(prefix, then=Value(1)), default=Value(2), output_field=IntegerField()
    )


def form(text: str) -> tuple[str, str]:
    """What kind of search `text` is, and the key it looks for: ("code", prefix), ("han1", character),
    ("han", characters), ("latin", letters) below three letters, ("latin3", letters), or ("blank", "")."""
    query = normalize_query(text)
    if query["kind"] == "code":
        return "code", query["prefix"]
    if query["kind"] == "han":
        han = query["simplified"]
        return ("han1" if len(han) == 1 else "han"), han
    latin = query["text"]
    if not latin:
        return "blank", ""
    return ("latin3" if len(latin) >= _MIN_LATIN_CONTAINS else "latin"), latin


def match(queryset: QuerySet, text: str) -> QuerySet:
    """`queryset` narrowed to what `text` means, best match first. Blank text leaves it as it is."""
    return matching(queryset, *form(text))


def matching(queryset: QuerySet, kind: str, key: str) -> QuerySet:
    """`queryset` narrowed to a search of this kind (`form`) for `key`, best match first. The query's
    shape depends on the kind alone, never on the key (so `search_lawyers` compiles it once per kind)."""
    model = queryset.model
    if kind == "code":
        fields = NUMBER_FIELDS.get(model, ())
        if not fields:
            return queryset.none()
        if len(fields) == 1:
            # An exact number sorts before every longer number it begins, so the number's own order is
            # the ranking, and the unique index yields the first 20 without sorting the matches.
            return queryset.filter(**{f"{fields[0]}__startswith": key}).order_by(fields[0], "pk")
        found, exact = Q(), Q()
        for field in fields:
            found |= Q(**{f"{field}__startswith": key})
            exact |= Q(**{field: key})
        return (
            queryset.filter(found)
            .annotate(search_rank=_rank(exact, found))
            .order_by("search_rank", fields[0], "pk")
        )
    if kind == "han1":
        # One character is a surname or the start of a firm's name. The one exact match is also the
        # shortest, so the order is (length, pinyin): an index on (first character, length, pinyin,
        # id) gives the first 20 of 50,000 王 without sorting them (migration 0005).
        return (
            queryset.annotate(first_character=Left("name_simplified", 1))
            .filter(first_character=key)
            .annotate(name_length=Length("name_simplified"))
            .order_by("name_length", "name_pinyin", "pk")
        )
    if kind == "han":
        found = Q(name_simplified__contains=key)
        if connection.vendor == "postgresql":
            queryset = queryset.filter(_bigrams_cover("name_simplified", key))
        rank = _rank(Q(name_simplified=key), Q(name_simplified__startswith=key))
    elif kind in ("latin", "latin3"):
        found = Q(name_initials__startswith=key)
        if kind == "latin3":
            # Contains covers the prefix too, and a given name alone: "weidong" finds 刘伟东.
            found |= Q(name_pinyin__contains=key)
        else:
            found |= Q(name_pinyin__startswith=key)
        rank = _rank(
            Q(name_pinyin=key) | Q(name_initials=key),
            Q(name_pinyin__startswith=key) | Q(name_initials__startswith=key),
        )
    else:
        return queryset
    return (
        queryset.filter(found)
        .annotate(search_rank=rank, name_length=Length("name_simplified"))
        .order_by("search_rank", "name_length", "name_pinyin", "pk")
    )


# Compiled once per kind of search, scope and limit: at a keystroke, building and compiling the ORM's
# query took longer than PostgreSQL's answer (core.statements).
_STATEMENTS = Statements()


def _best(actor: Actor, model: type[Lawyer] | type[LawFirm], related: dict[str, tuple[str, ...]], text: str,
          limit: int):  # fmt: skip
    """The best `limit` of the actor's `model` rows for `text`, ranked on the table alone (core.paging),
    each with its own fields and the named fields of its related rows (what a result shows of them: a
    row of 40 columns took longer to send than to find)."""
    kind, key = form(text)
    if kind == "blank":
        return []
    fields = [f.name for f in model._meta.concrete_fields]
    fields += [f"{name}__{field}" for name, shown in related.items() for field in ("id", *shown)]

    def build(k: str) -> QuerySet:
        rows = model.objects.visible_to(actor).select_related(*related).only(*fields)
        return window(matching(rows, kind, k), 0, limit)

    return _STATEMENTS.rows((model, scope_of(actor).reads(), kind, limit), build, key)


# What a search result shows of a lawyer's or firm's related rows (the search page, the API's refs);
# the region's path too, which a row keeps beside its region.
_REGION = ("code", "name", "path")


def search_lawyers(actor: Actor, text: str, *, limit: int = DEFAULT_LIMIT) -> list[Lawyer]:
    """The best `limit` lawyers the actor may see for `text`. The function the benchmark times."""
    return _best(actor, Lawyer, {"firm": ("name",), "region": _REGION}, text, limit)


def search_firms(actor: Actor, text: str, *, limit: int = DEFAULT_LIMIT) -> list[LawFirm]:
    """The best `limit` firms the actor may see for `text`."""
    return _best(actor, LawFirm, {"region": _REGION}, text, limit)


def search(actor: Actor, text: str, *, limit: int = DEFAULT_LIMIT) -> dict[str, list]:
    """Firms and lawyers for one search box."""
    return {
        "firms": search_firms(actor, text, limit=limit),
        "lawyers": search_lawyers(actor, text, limit=limit),
    }


# Counting what matches is bounded: exact up to this many, "more than" beyond. A city's register counts in
# milliseconds; nationally a common surname matches tens of thousands, and the bounded subquery
# (COUNT over LIMIT COUNT_CAP + 1) stops early instead of counting all of them.
COUNT_CAP = 1000


def count_matches(queryset: QuerySet, text: str) -> int:
    """How many of `queryset` match `text`, counted up to COUNT_CAP + 1 (more means "more than COUNT_CAP")."""
    return match(queryset, text).order_by()[: COUNT_CAP + 1].count() if text.strip() else 0


def search_counts(actor: Actor, text: str) -> dict[str, int]:
    """How many firms and lawyers the actor may see match `text` (see COUNT_CAP): two COUNT queries."""
    return {
        "firms": count_matches(LawFirm.objects.visible_to(actor), text),
        "lawyers": count_matches(Lawyer.objects.visible_to(actor), text),
    }

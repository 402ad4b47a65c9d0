import pytest
from opencc import OpenCC  # type: ignore[import-untyped]

from lvxie.core.chinese import name_pinyin, name_search_keys, normalize_query, to_simplified


def test_traditional_characters_become_simplified_and_other_text_is_untouched():
    assert to_simplified("劉偉東 Tony 123") == "刘伟东 Tony 123"


def test_a_compound_surname_in_traditional_characters_is_read_as_one_surname():
    # Given 歐陽明 (traditional), when its pinyin is computed, then 歐陽 is the surname ouyang
    assert name_pinyin("歐陽明") == ("ouyangming", "oym")


def test_traditional_and_simplified_spellings_give_the_same_pinyin():
    assert name_pinyin("張斌") == name_pinyin("张斌") == ("zhangbin", "zb")


@pytest.mark.parametrize(
    ("name", "pinyin"),
    [
        ("曾国藩", "zengguofan"),  # ordinary reading: ceng
        ("单雄信", "shanxiongxin"),  # dan
        ("單雄信", "shanxiongxin"),
        ("解缙", "xiejin"),  # jie
        ("区志强", "ouzhiqiang"),  # qu
        ("仇英", "qiuying"),  # chou
        ("朴槿惠", "piaojinhui"),  # pu
        ("吕布", "lvbu"),  # ü written as v
        ("劉偉東", "liuweidong"),
        ("長孫無忌", "zhangsunwuji"),  # compound surname
    ],
)
def test_a_surname_is_read_with_its_surname_reading(name, pinyin):
    assert name_pinyin(name)[0] == pinyin


def test_a_compound_surname_is_only_read_as_such_when_a_given_name_follows():
    # Given 单于 as a whole name it is surname 单 (shan) plus given name 于 (yu)
    assert name_pinyin("单于") == ("shanyu", "sy")
    # But followed by a given name it is the compound surname chanyu
    assert name_pinyin("单于敏") == ("chanyumin", "cym")


def test_latin_words_in_a_name_are_lower_cased_syllables():
    assert name_pinyin("陈 Tony") == ("chentony", "ct")


def test_spaces_and_middle_dots_are_dropped_from_every_key():
    assert name_search_keys("买买提·艾力") == {
        "simplified": "买买提艾力",
        "pinyin": "maimaitiaili",
        "initials": "mmtal",
    }


def test_the_search_keys_of_a_traditional_name_are_simplified():
    assert name_search_keys("歐陽 明") == {"simplified": "欧阳明", "pinyin": "ouyangming", "initials": "oym"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ou yang ming", {"kind": "latin", "text": "ouyangming"}),
        ("Lü", {"kind": "latin", "text": "lv"}),
        ("lu:", {"kind": "latin", "text": "lv"}),
        ("Xi'an", {"kind": "latin", "text": "xian"}),
        ("zb", {"kind": "latin", "text": "zb"}),
        ("HQ", {"kind": "latin", "text": "hq"}),  # initials made of code characters, but no digit
        ("4403", {"kind": "code", "prefix": "4403"}),
        (" 9144 0300ma5 ", {"kind": "code", "prefix": "91440300MA5"}),
        ("欧阳 明", {"kind": "han", "simplified": "欧阳明"}),
        ("歐陽", {"kind": "han", "simplified": "欧阳"}),
    ],
)
def test_a_query_is_classified_and_normalised(query, expected):
    assert normalize_query(query) == expected


@pytest.mark.parametrize(("query", "key"), [("Zhang Bin", "pinyin"), ("zhang", "pinyin"), ("ZB", "initials")])
def test_a_latin_query_matches_the_stored_keys_of_the_name_it_spells(query, key):
    # Given the stored keys of 張斌, when a user types its pinyin or initials, then the key starts with it
    assert name_search_keys("張斌")[key].startswith(normalize_query(query)["text"])


def test_a_han_query_matches_the_stored_simplified_key():
    assert normalize_query("張 斌")["simplified"] in name_search_keys("张斌")["simplified"]


def test_to_simplified_answers_as_opencc_does_with_or_without_a_character_to_convert():
    """Text without a character that begins a dictionary word is returned as it is (OpenCC, pure Python,
    is not asked); every other text is OpenCC's answer: the shortcut changes no search key."""
    converter = OpenCC("t2s")
    texts = ["张斌", "导入123号", "陈 Tony", "ABC 123", "", "欧阳明·买买提", "張斌", "歐陽明", "乾隆", "頭髮"]
    words = sorted(
        {word for group in converter._dict_chain_data for _a, _b, found in group for word in found}
    )
    texts += words[:: max(len(words) // 3000, 1)]  # a few thousand words of the dictionaries, in names
    for text in texts:
        for written in (text, f"王{text}", f"{text}明"):
            assert to_simplified(written) == converter.convert(written), written

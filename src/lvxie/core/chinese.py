"""Search keys for Chinese person names, and classification of what a user typed into a search box.

A name is stored with three keys: its simplified form (so 張斌 and 张斌 match), its full pinyin and its
pinyin initials (so "zhangbin" and "zb" find 张斌). pypinyin reads characters as ordinary words, which
gets many surnames wrong: 曾 is "ceng", 单 "dan", 解 "jie", 区 "qu", 仇 "chou" and 朴 "pu" in ordinary
text but "zeng", "shan", "xie", "ou", "qiu" and "piao" as surnames. So the surname is looked up in a
table first (compound surnames such as 欧阳 before single characters), and only the given name is left
to pypinyin. ü is written "v" (吕 -> "lv"), as on a keyboard.
"""

import functools
import re
import threading

from opencc import OpenCC  # type: ignore[import-untyped]  # no stubs, no py.typed
from pypinyin import Style, lazy_pinyin

_HAN = r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af]"
_HAN_RE = re.compile(_HAN)
# A token of a name: one Han character, or a run of other letters/digits (e.g. "Tony" in "陈 Tony").
_TOKEN_RE = re.compile(rf"{_HAN}|(?:(?!{_HAN})[^\W_])+")
# Separators dropped from names and Han queries: whitespace and the middle dots of transliterated names.
_SEPARATOR_RE = re.compile(r"[\s·•‧・]+")

# Syllables of compound surnames, which are only read as such when a given name follows: 单于 alone is
# 单 (shan) + 于 (yu).
COMPOUND_SURNAMES = {
    "欧阳": "ou yang", "司马": "si ma", "诸葛": "zhu ge", "上官": "shang guan", "东方": "dong fang",
    "皇甫": "huang fu", "尉迟": "yu chi", "公孙": "gong sun", "慕容": "mu rong", "长孙": "zhang sun",
    "宇文": "yu wen", "司徒": "si tu", "令狐": "ling hu", "夏侯": "xia hou", "澹台": "tan tai",
    "万俟": "mo qi", "单于": "chan yu", "呼延": "hu yan", "端木": "duan mu", "轩辕": "xuan yuan",
}  # fmt: skip
# Single-character surnames whose surname reading differs from pypinyin's default or is easily misread.
SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "解": "xie", "区": "ou", "仇": "qiu", "朴": "piao", "查": "zha",
    "盖": "ge", "繁": "po", "覃": "qin", "尉": "yu", "乐": "yue", "缪": "miao", "翟": "zhai",
    "种": "chong", "秘": "bi", "员": "yun", "召": "shao", "褚": "chu", "车": "che", "长": "chang",
    "重": "chong", "柏": "bai", "万": "wan", "沈": "shen", "贾": "jia", "石": "shi", "华": "hua",
    "任": "ren", "祭": "zhai", "阚": "kan", "宓": "mi", "逄": "pang", "隗": "wei", "冼": "xian",
    "莘": "shen", "訾": "zi", "厍": "she", "那": "na", "折": "she", "黑": "he", "费": "fei",
    "过": "guo", "句": "gou", "能": "nai", "应": "ying", "都": "du", "叶": "ye", "薄": "bo",
    "藏": "zang", "曲": "qu", "苌": "chang", "隽": "juan", "晟": "cheng",
}  # fmt: skip

# Characters of the codes users search by: credit codes, ID numbers (X) and licence numbers.
_CODE_CHARS = frozenset("0123456789ABCDEFGHJKLMNPQRTUWXY")

_converter: OpenCC | None = None
# Every character that begins a word of the conversion's dictionaries: a text with none of them is its own
# simplified form (most names are written in simplified characters already), and OpenCC, pure Python,
# is then not asked: it was a fifth of the time of checking a large import.
_convertible: frozenset[str] = frozenset()
_converter_lock = threading.Lock()


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified ones; other text passes through unchanged."""
    global _converter, _convertible
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                converter = OpenCC("t2s")
                converter.convert("")  # loads the dictionaries, which OpenCC does not do thread-safely
                _convertible = frozenset(
                    word[0]
                    for group in converter._dict_chain_data
                    for _longest, _shortest, words in group
                    for word in words
                )
                _converter = converter
    if _convertible.isdisjoint(text):
        return text
    return _converter.convert(text)


def _compact_simplified(text: str) -> str:
    return _SEPARATOR_RE.sub("", to_simplified(text)).lower()


@functools.lru_cache(maxsize=65536)
def _pinyin(han: str) -> tuple[str, ...]:
    # Surnames and given names repeat far more than whole names do (王 + 伟, 李 + 伟): cache the parts too.
    return tuple(lazy_pinyin(han, style=Style.NORMAL, v_to_u=False, errors="ignore"))


def _syllables(name: str) -> list[str]:
    """Pinyin syllables of a simplified, separator-free name; non-Han words are kept as syllables."""
    syllables: list[str] = []
    rest = name
    if len(name) > 2 and name[:2] in COMPOUND_SURNAMES:
        syllables.extend(COMPOUND_SURNAMES[name[:2]].split())
        rest = name[2:]
    elif name and _HAN_RE.fullmatch(name[0]):
        syllables.extend([SURNAME_READINGS[name[0]]] if name[0] in SURNAME_READINGS else _pinyin(name[0]))
        rest = name[1:]
    han_run = ""  # the given name goes to pypinyin in one piece so it can use word context
    for token in _TOKEN_RE.findall(rest):
        if _HAN_RE.fullmatch(token):
            han_run += token
            continue
        syllables.extend(_pinyin(han_run))
        han_run = ""
        syllables.append(token)
    syllables.extend(_pinyin(han_run))
    return syllables


def name_pinyin(name: str) -> tuple[str, str]:
    """Full pinyin ("ouyangming") and initials ("oym") of a person's name, surname read as a surname."""
    return _pinyin_keys(_compact_simplified(name))


def _pinyin_keys(simplified: str) -> tuple[str, str]:
    syllables = _syllables(simplified)
    return "".join(syllables), "".join(syllable[0] for syllable in syllables)


def name_search_keys(name: str) -> dict[str, str]:
    """The keys to store with a name: simplified (separators removed, lower-case), pinyin, initials."""
    simplified, pinyin, initials = _cached_keys(name)
    return {"simplified": simplified, "pinyin": pinyin, "initials": initials}


@functools.lru_cache(maxsize=65536)
def _cached_keys(name: str) -> tuple[str, str, str]:
    # Names repeat (张伟 thousands of times nationally) and a bulk import computes each row's keys when
    # checking and again when saving: converting is the costliest step of an import.
    simplified = _compact_simplified(name)
    return simplified, *_pinyin_keys(simplified)


def normalize_query(query: str) -> dict[str, str]:
    """Classify search text and normalise it like the stored keys.

    - ``{"kind": "han", "simplified": ...}`` when it contains a Han character: match the simplified key.
    - ``{"kind": "code", "prefix": ...}`` when it is at least 2 code characters (digits and the capitals
      of credit codes, any case) including a digit: match code fields by prefix.
    - ``{"kind": "latin", "text": ...}`` otherwise: the caller matches ``text`` against both the pinyin
      key (prefix or contains) and the initials key. ``text`` is empty for a blank query.
    """
    query = query.strip()
    if _HAN_RE.search(query):
        return {"kind": "han", "simplified": _compact_simplified(query)}
    code = "".join(query.split()).upper()
    if len(code) >= 2 and any(char.isdigit() for char in code) and set(code) <= _CODE_CHARS:
        return {"kind": "code", "prefix": code}
    text = query.lower().replace("ü", "v").replace("u:", "v")
    return {"kind": "latin", "text": re.sub(r"[\s'’]+", "", text)}

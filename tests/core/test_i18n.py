from pathlib import Path

import polib
from django.utils import translation
from django.utils.translation import gettext

import lvxie

CATALOGUE = Path(lvxie.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_every_message_has_a_chinese_translation():
    po = polib.pofile(str(CATALOGUE))
    untranslated = [e.msgid for e in po.untranslated_entries()] + [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == []


def test_chinese_is_the_default_and_compiled():
    with translation.override("zh-hans"):
        assert gettext("Law firms") == "律师事务所"

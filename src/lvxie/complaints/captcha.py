"""A CAPTCHA that works offline: an arithmetic question drawn as a PNG with Pillow (no external
service). Each challenge is a database row holding the hash of its answer; answering it (right or
wrong) deletes it, so a challenge is good once, and it expires after `LIFETIME`."""

from __future__ import annotations

import hashlib
import hmac
import io
import random
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageDraw, ImageFont

from .models import Captcha

LIFETIME = timedelta(minutes=15)
SIZE = (180, 60)


def _hash(token: str, answer: str) -> str:
    return hashlib.sha256(f"{token}:{answer.strip()}".encode()).hexdigest()


def _rng(token: str) -> random.Random:
    """The challenge's randomness, from its token and the server's secret: the page shows the token, and
    nobody without the secret can work the question out from it."""
    seed = hmac.new(settings.SECRET_KEY.encode(), token.encode(), hashlib.sha256).digest()
    return random.Random(seed)


def _question(rng: random.Random) -> tuple[str, str]:
    a, b = rng.randint(2, 19), rng.randint(1, 9)
    if rng.random() < 0.5:
        return f"{a} + {b} = ?", str(a + b)
    a = max(a, b + 1)
    return f"{a} - {b} = ?", str(a - b)


def _draw(text: str, rng: random.Random) -> bytes:
    image = Image.new("RGB", SIZE, (246, 246, 240))
    draw = ImageDraw.Draw(image)
    for _line in range(6):  # noise lines a reader ignores
        draw.line(
            [
                (rng.randint(0, SIZE[0]), rng.randint(0, SIZE[1])),
                (rng.randint(0, SIZE[0]), rng.randint(0, SIZE[1])),
            ],
            fill=(rng.randint(120, 200), rng.randint(120, 200), rng.randint(120, 200)),
            width=1,
        )
    font = ImageFont.load_default(size=30)
    x = 12
    for ch in text:
        draw.text((x, rng.randint(6, 16)), ch, font=font, fill=(rng.randint(0, 90), rng.randint(0, 90), 120))
        x += 17 if ch != " " else 8
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def challenge_new() -> str:
    """A new challenge; returns its token (the image comes from `challenge_image`)."""
    Captcha.objects.filter(created_at__lt=timezone.now() - LIFETIME).delete()
    token = secrets.token_urlsafe(24)
    _text, answer = _question(_rng(token))
    Captcha.objects.create(token=token, answer_hash=_hash(token, answer))
    return token


def challenge_image(token: str) -> bytes | None:
    """The PNG of a live challenge (drawn again from its token: the question follows from it), or None."""
    if not Captcha.objects.filter(token=token, created_at__gte=timezone.now() - LIFETIME).exists():
        return None
    rng = _rng(token)
    text, _answer = _question(rng)
    return _draw(text, rng)


def answer(token: str) -> str:
    """The answer of a challenge, as the server knows it (the tests read it instead of the picture)."""
    return _question(_rng(token))[1]


@transaction.atomic
def challenge_check(token: str, answer: str) -> None:
    """Refuse unless `answer` answers the live challenge `token`; the challenge is used up either way."""
    row = Captcha.objects.select_for_update().filter(token=str(token)[:64]).first()
    if row is not None:
        row.delete()
    if (
        row is None
        or row.created_at < timezone.now() - LIFETIME
        or row.answer_hash != _hash(row.token, str(answer))
    ):
        raise ValidationError(
            {
                "captcha_answer": ValidationError(
                    _("The answer to the check question is wrong. Try the new one."), code="captcha"
                )
            }
        )


def challenge_discard(token: str) -> None:
    """Use a challenge up without checking it (the form it came with was refused)."""
    Captcha.objects.filter(token=str(token)[:64]).delete()

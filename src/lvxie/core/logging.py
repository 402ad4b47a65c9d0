"""Log lines that cannot be forged or leak secrets: control characters (a line break in a username could
fake a second log line) are escaped, and anything that looks like a password or token is redacted."""

import logging
import re

_SECRET = re.compile(
    r"(?i)(lvx_[A-Za-z0-9_\-]{8,}|(?<=password=)[^&\s]+|(?<=password\": \")[^\"]+|(?<=Bearer )\S+"
    r"|(?<=sessionid=)[^;\s]+|(?<=csrftoken=)[^;\s]+)"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def escape_control(text: str) -> str:
    """`\\n` → the two characters backslash and n; any other control character → `\\xNN`."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def redact(text: str) -> str:
    return _SECRET.sub("[redacted]", text)


class SafeFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return escape_control(redact(super().format(record)))

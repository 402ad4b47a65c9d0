"""Reading a downloaded file in tests: exports are streamed (`core/tabular.py`), other files are not."""

import csv
import io

from openpyxl import load_workbook


def content_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def rows_of(response) -> list[list]:
    """The rows of a .csv or .xlsx download, header row first."""
    content = content_of(response)
    if response["Content-Type"].startswith("text/csv"):
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(content)).active
    return [[c.value for c in row] for row in sheet.iter_rows()]

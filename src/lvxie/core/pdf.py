"""PDF reports from templates (WeasyPrint). The font stack names WenQuanYi Micro Hei (Debian
fonts-wqy-microhei): without a CJK font installed, Chinese renders as empty boxes with no error."""

from django.template.loader import render_to_string

from lvxie.core.tabular import download


def pdf_bytes(template_name: str, context: dict) -> bytes:
    from weasyprint import HTML  # imported here: loading pango costs ~0.3 s, only PDF views need it

    html = render_to_string(template_name, context)
    return HTML(string=html).write_pdf()


def pdf_response(template_name: str, context: dict, filename: str):
    """`filename` without the .pdf extension."""
    return download(pdf_bytes(template_name, context), f"{filename}.pdf", "application/pdf")

"""Secretaries' annual reports and their review (书记述职评议), a kind of call."""

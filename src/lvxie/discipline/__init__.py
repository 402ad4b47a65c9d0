"""Disciplinary cases (行业处分) and the bar's sanctions, with their publication."""

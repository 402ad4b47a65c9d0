"""Complaints (投诉): public intake, tracking code, acceptance and simple/complex triage (繁简分流)."""

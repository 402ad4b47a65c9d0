"""Commendations (表彰) and contests: nomination, review, public notice (公示), award; a kind of call."""

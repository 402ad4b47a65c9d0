"""Organizational life of Party organizations (组织生活): task lists, 三会一课 meetings, attendance."""

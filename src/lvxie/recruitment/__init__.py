"""Member development (发展党员): application, activist, development target, member."""

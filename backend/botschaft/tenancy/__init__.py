"""Where someone belongs: the program, its memberships, roles and statuses, and the access
check every program-scoped route goes through (access.py, scope.py)."""

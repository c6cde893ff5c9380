"""Users, roles, the permission matrix and the audit chain."""

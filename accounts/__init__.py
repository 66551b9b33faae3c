"""Staff accounts: users, roles, presence and capacity, and the audit log."""

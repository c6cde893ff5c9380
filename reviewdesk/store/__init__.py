"""The vault: one SQLCipher file, its key, its schema migrations and its backups."""

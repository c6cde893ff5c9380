"""The administration screen (secretariat): users, members and contracts, the signer, the
board settings, backups."""

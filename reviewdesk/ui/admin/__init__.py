"""The administration screen (secretariat): users, members and contracts, the signer, backups."""

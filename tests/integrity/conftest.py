"""The letters tests' wall-clock signer (a PKI made now, imported as the active signer)."""

from tests.letters.conftest import current_pki, signed_world

__all__ = ["current_pki", "signed_world"]

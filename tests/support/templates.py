"""Worlds built once and copied: each test opens its own copy of a closed template vault.

Building a world costs the vault's key derivation, the migrations and a dozen users, and
staging cases on top of it costs more; copying the closed file costs a few milliseconds. A
copy has the same salt, key, rows and ids as its template, so the template's Actor values fit
every copy and the copies cannot disturb each other.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

import keyring
import pytest
from argon2 import PasswordHasher
from keyring.backends.fail import Keyring as FailKeyring

from reviewdesk.auth.roles import Actor
from reviewdesk.store.vault import Vault
from tests.support.builders import PASSPHRASE_ENV, World, make_world

T = TypeVar("T")

VAULT_NAME = "test.rdvault"  # the name make_world gives its vault; copies keep it


@contextmanager
def as_in_a_test() -> Iterator[None]:
    """What the autouse fixtures give a test, for building outside one (session or module
    scope): the same cheap password hashing, so the stored hashes match what tests make, no
    passphrase or password from the shell, and a keyring that refuses everything, so nothing
    in a template can depend on a keyring that a later test will not have."""
    from reviewdesk.auth import passwords

    previous = keyring.get_keyring()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(passwords, "hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        for name in ("REVIEWDESK_PASSPHRASE", "REVIEWDESK_PASSWORD", "REVIEWDESK_HOME"):
            mp.delenv(name, raising=False)
        keyring.set_keyring(FailKeyring())
        try:
            yield
        finally:
            keyring.set_keyring(previous)


def copy_vault(source: Path, folder: Path) -> Path:
    """A copy of a closed vault file, under the same name, in folder, owner-only as the original.

    Closing a vault checkpoints and removes its -wal and -shm files; should one be left, it
    holds committed pages, so it is copied too.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    for suffix in ("", "-wal", "-shm"):
        part = source.with_name(source.name + suffix)
        if part.exists():
            shutil.copyfile(part, target.with_name(target.name + suffix))
            shutil.copymode(part, target.with_name(target.name + suffix))
    return target


@dataclass(frozen=True)
class WorldTemplate(Generic[T]):
    """A closed vault made by make_world (and staged further), with what a World needs."""

    path: Path
    actors: Mapping[str, Actor]
    member_id: int
    facility_id: int
    contract_id: int
    doctor_id: int
    made: T  # what the staging function returned: the ids of what it made, say

    def open_copy(self, folder: Path) -> World:
        """A World on a fresh copy of the template's vault (the caller closes world.vault)."""
        vault = Vault.open(copy_vault(self.path, folder), env=PASSPHRASE_ENV)
        return World(vault, dict(self.actors), self.member_id, self.facility_id,
                     self.contract_id, self.doctor_id)

    @contextmanager
    def copy(self, folder: Path) -> Iterator[World]:
        """open_copy, closing the world's vault (whichever it then is) when the block ends."""
        world = self.open_copy(folder)
        try:
            yield world
        finally:
            world.vault.close()

    def load_into(self, world: World, folder: Path) -> None:
        """Gives a test's world this template's data: its vault is closed and replaced by a
        copy of the template's. Both come from make_world, so they have the same people with
        the same ids, and every Actor the test holds still fits."""
        assert (dict(self.actors), self.member_id, self.facility_id, self.contract_id,
                self.doctor_id) == (world.actors, world.member_id, world.facility_id,
                                    world.contract_id, world.doctor_id)
        world.vault.close()
        world.vault = Vault.open(copy_vault(self.path, folder), env=PASSPHRASE_ENV)


def build_world_template(folder: Path, stage: Callable[[World], T] = lambda world: None,
                         ) -> WorldTemplate[T]:
    """make_world in folder, then stage(world); the vault is closed, ready to be copied."""
    with as_in_a_test():
        world = make_world(folder)
        try:
            made = stage(world)
        finally:
            world.vault.close()
    return WorldTemplate(folder / VAULT_NAME, dict(world.actors), world.member_id,
                         world.facility_id, world.contract_id, world.doctor_id, made)

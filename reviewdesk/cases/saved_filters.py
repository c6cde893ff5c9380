"""Each user's named case-list filters: list, save (replacing one of the same name), delete."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

import sqlalchemy as sa

from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.unit_of_work import read, write
from reviewdesk.cases.queries import CaseFilter
from reviewdesk.errors import InputError, NotFound
from reviewdesk.store.models import SavedFilter
from reviewdesk.store.vault import Vault
from reviewdesk.text_fields import FILTER_NAME, clean_text

MAX_NAME = FILTER_NAME.max_length


@dataclass(frozen=True)
class SavedFilterRow:
    id: int
    name: str
    criteria: CaseFilter


def _criteria_to_json(f: CaseFilter) -> str:
    return json.dumps(asdict(f), ensure_ascii=False, sort_keys=True)


def _criteria_from_json(text: str) -> CaseFilter:
    raw = json.loads(text or "{}")
    known = {k: v for k, v in raw.items() if k in CaseFilter.__dataclass_fields__}
    if "states" in known:
        known["states"] = tuple(known["states"])
    return CaseFilter(**known)


def _require_user(actor: Actor) -> int:
    if actor.user_id is None:
        raise InputError("saved filters belong to a user", ja="保存した条件は利用者ごとのものです")
    return actor.user_id


def list_saved_filters(vault: Vault, actor: Actor) -> list[SavedFilterRow]:
    """The actor's own filters, by name."""
    user_id = _require_user(actor)
    with read(vault, actor, Action.SAVE_FILTERS) as session:
        rows = session.scalars(sa.select(SavedFilter).where(SavedFilter.user_id == user_id)
                               .order_by(SavedFilter.name)).all()
        return [SavedFilterRow(r.id, r.name, _criteria_from_json(r.criteria_json)) for r in rows]


def save_filter(vault: Vault, actor: Actor, name: str, criteria: CaseFilter) -> int:
    """Stores the criteria under the name, replacing the actor's filter of the same name."""
    user_id = _require_user(actor)
    with write(vault, actor, Action.SAVE_FILTERS) as uow:
        name = clean_text(name, FILTER_NAME)
        if not name:
            raise InputError("name: 1 to 100 characters", ja="条件の名前は1〜100文字で入力してください")
        session = uow.session
        row = session.scalar(sa.select(SavedFilter).where(SavedFilter.user_id == user_id,
                                                          SavedFilter.name == name))
        if row is None:
            row = SavedFilter(user_id=user_id, name=name, criteria_json="{}")
            session.add(row)
        row.criteria_json = _criteria_to_json(criteria)
        session.flush()
        uow.audit("filter.save", "saved_filter", row.id, detail={"name": name})
        return row.id


def delete_filter(vault: Vault, actor: Actor, filter_id: int) -> None:
    """Deletes one of the actor's own filters; another user's is NotFound."""
    user_id = _require_user(actor)
    with write(vault, actor, Action.SAVE_FILTERS) as uow:
        row = uow.session.get(SavedFilter, filter_id)
        if row is None or row.user_id != user_id:
            raise NotFound(f"no saved filter {filter_id}", ja="保存した条件が見つかりません")
        uow.audit("filter.delete", "saved_filter", row.id, detail={"name": row.name})
        uow.session.delete(row)

"""`reviewdesk documents list|get`: a case's documents as the --user may see them (the masked
copy under its neutral name for everyone but the secretariat and the chair)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from reviewdesk.cli.common import (
    add_user_argument,
    add_vault_argument,
    login,
    open_vault,
    print_json,
    print_table,
)


def register(subparsers: Any) -> None:
    documents = subparsers.add_parser("documents", help="a case's documents, as the given user sees them")
    sub = documents.add_subparsers(metavar="ACTION", required=True)

    lst = sub.add_parser("list", help="the documents of a case the user may see")
    lst.add_argument("case_no", metavar="CASE_NO")
    add_vault_argument(lst)
    add_user_argument(lst)
    lst.add_argument("--format", choices=["table", "json"], default="table")
    lst.set_defaults(handler=_list)

    get = sub.add_parser("get", help="write the copy of a document the user may have")
    get.add_argument("case_no", metavar="CASE_NO")
    get.add_argument("document_id", metavar="DOC_ID", type=int)
    add_vault_argument(get)
    add_user_argument(get)
    get.add_argument("--out", required=True, type=Path, metavar="FILE",
                     help="the file to write (created owner-only; an existing file is not replaced)")
    get.set_defaults(handler=_get)


def document_records(vault: Any, actor: Any, case_no: str) -> list[dict[str, Any]]:
    """JSON-ready rows: `id`, `name` as shown to the user, `masking` (masked, no_personal_data,
    pending), kind, mime type and size of the copy the user gets, and the original case of a
    document an appeal carries over."""
    from reviewdesk.cases.access import case_id_for_number
    from reviewdesk.cases.documents import case_documents

    with vault.reading() as session:
        case_id = case_id_for_number(session, actor, case_no)
    docs = case_documents(vault, actor, case_id)
    return [{"id": d.id, "name": d.filename, "masking": d.masking, "kind": d.kind,
             "mime_type": d.mime_type, "size": d.size, "from_case_no": d.from_case_no}
            for d in docs.rows]


def _list(args: argparse.Namespace) -> int:
    with open_vault(args.vault) as vault:
        records = document_records(vault, login(vault, args.user), args.case_no)
    if args.format == "json":
        print_json(records)
        return 0
    print_table(["id", "name", "masking", "kind", "size"],
                [[r["id"], r["name"], r["masking"], r["kind"], r["size"]] for r in records])
    return 0


def _get(args: argparse.Namespace) -> int:
    from reviewdesk.cases.access import case_id_for_number
    from reviewdesk.cases.documents import case_documents, document_content
    from reviewdesk.errors import InputError, NotFound
    from reviewdesk.store.private_files import owner_only

    with open_vault(args.vault) as vault:
        actor = login(vault, args.user)
        with vault.reading() as session:
            case_id = case_id_for_number(session, actor, args.case_no)
        # The document must belong to this case as the user sees it (an appeal's list includes
        # its original's documents), so a number from another case is "not found" here too.
        if args.document_id not in {d.id for d in case_documents(vault, actor, case_id).rows}:
            raise NotFound(f"no document {args.document_id} in case {args.case_no}",
                           ja=f"事案 {args.case_no} に資料 {args.document_id} はありません")
        doc = document_content(vault, actor, args.document_id)
    try:
        # O_EXCL: never follow a planted link or overwrite; 0600 whatever the umask.
        fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise InputError(f"{args.out}: the file exists", ja=f"{args.out} は既にあります") from None
    except OSError as exc:
        raise InputError(f"{args.out}: cannot write ({exc.strerror})",
                         ja=f"{args.out} に書き込めません（{exc.strerror}）") from None
    with os.fdopen(fd, "wb") as out:
        owner_only(args.out, out.fileno())  # 0600, or a user-only ACL on Windows
        out.write(doc.content)
    print(f"{doc.name} → {args.out}")
    return 0

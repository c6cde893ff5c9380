"""`reviewdesk check` as one report: pages, the audit chain, every audited row against the trail,
and the trail against its anchors (letters, backup manifests, checkpoints, archive exports)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reviewdesk.auth.audit import ChainReport, verify_chain
from reviewdesk.auth.integrity import RowReport, check_rows
from reviewdesk.letters.anchors import AnchorCheck, check_anchors, default_anchors
from reviewdesk.store.vault import Vault


@dataclass
class VaultReport:
    pages: list[str] = field(default_factory=list)  # integrity_check's findings; empty when sound
    chain: ChainReport | None = None
    rows: RowReport | None = None
    anchors: list[AnchorCheck] = field(default_factory=list)

    @property
    def damaged(self) -> bool:
        return bool(self.pages)

    @property
    def ok(self) -> bool:
        return (not self.pages and self.chain is not None and self.chain.intact
                and self.rows is not None and not self.rows.problems
                and all(a.ok for a in self.anchors))

    def lines(self, lang: str = "ja", limit: int = 50) -> list[str]:
        """The report, one finding a line, in Japanese (or English with lang="en")."""

        def say(ja: str, en: str) -> str:
            return ja if lang == "ja" else en

        def more(n: int) -> list[str]:
            return [say(f"  ほか{n}件", f"  and {n} more")] if n > 0 else []

        if self.pages:
            extra = len(self.pages) - 1
            return [say(f"保管庫が破損しています: {self.pages[0]}" + (f"（ほか{extra}件）" if extra else "")
                        + "。バックアップから復元してください（reviewdesk restore）",
                        f"vault damaged: {self.pages[0]}" + (f" (+{extra} more)" if extra else "")
                        + "; restore it from a backup ('reviewdesk restore')")]
        assert self.chain is not None and self.rows is not None
        out = [say("保管庫のページ: すべて検査し、問題はありません", "pages: every page checked, sound")]
        c = self.chain
        out.append(say(f"監査記録の連鎖: {c.events}件、正常", f"audit trail: {c.events} events, chain intact")
                   if c.intact else
                   say(f"監査記録の連鎖: イベント {c.broken_event_id} で壊れています（{c.reason}）",
                       f"audit trail broken at event {c.broken_event_id}: {c.reason}"))
        rows, problems = self.rows.rows, self.rows.problems
        if not problems:
            out.append(say(f"記録の内容: 監査対象の記録 {rows}件を照合し、すべて監査記録のとおりです",
                           f"records: {rows} audited records checked, all as the trail recorded"))
        else:
            tables = ", ".join(f"{t} {n}" for t, n in sorted(Counter(p.table for p in problems).items()))
            out.append(say(f"記録の内容: {rows}件中 {len(problems)}件が監査記録と一致しません（{tables}）",
                           f"records: {len(problems)} of {rows} differ from the audit trail ({tables})"))
            out += ["  " + p.text(lang) for p in problems[:limit]] + more(len(problems) - limit)
        bad = [a for a in self.anchors if not a.ok]
        if not self.anchors:
            out.append(say("アンカー: ありません（監査記録の切り詰め・書き換えは検出できません。"
                           "--anchors で通知書・バックアップ・チェックポイントのフォルダを指定してください）",
                           "anchors: none found (a truncated or rewritten trail cannot be detected; "
                           "give folders of letters, backups or checkpoints with --anchors)"))
        elif not bad:
            n, last = len(self.anchors), max(a.anchor.seq for a in self.anchors)
            out.append(say(f"アンカー: {n}件を照合し、すべて監査記録と一致（最新はイベント {last}）",
                           f"anchors: {n} checked, all match the trail (the latest at event {last})"))
        else:
            out.append(say(f"アンカー: {len(self.anchors)}件中 {len(bad)}件が監査記録と一致しません",
                           f"anchors: {len(bad)} of {len(self.anchors)} do not match the trail"))
            out += ["  " + a.text(lang) for a in bad[:limit]] + more(len(bad) - limit)
        out.append(say("結果: 保管庫は健全です", "vault sound: pages, trail, records and anchors agree")
                   if self.ok else
                   say("結果: 監査記録の外で変更された形跡があります",
                       "result: the vault was changed outside the application"))
        return out


def check_vault(vault: Vault, folders: Iterable[Path] = (), trust: Sequence[bytes] = ()) -> VaultReport:
    """Every check, in order; a damaged file stops at the pages (nothing else can be trusted)."""
    report = VaultReport(pages=vault.integrity_problems())
    if report.pages:
        return report
    with vault.reading() as session:
        report.chain = verify_chain(session)
        report.rows = check_rows(session)
    report.anchors = check_anchors(vault, default_anchors(vault, folders, trust))
    return report

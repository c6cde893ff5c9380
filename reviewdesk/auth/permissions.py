"""The role x action matrix, in one place; every service calls `require` before it acts."""

from __future__ import annotations

from enum import StrEnum

from reviewdesk.auth.roles import Actor, Role, role_label
from reviewdesk.errors import PermissionDenied


class Action(StrEnum):
    ADMINISTER_USERS = "administer_users"
    ADMINISTER_MEMBERS = "administer_members"  # members, facilities, contracts
    ADMINISTER_SIGNER = "administer_signer"
    ADMINISTER_BOARD = "administer_board"  # the board settings letters print (name, signatories)
    BACKUP = "backup"
    LIST_USERS = "list_users"
    READ_ALL_CASES = "read_all_cases"  # reviewers read only the cases assigned to them
    READ_ASSIGNED_CASES = "read_assigned_cases"
    SEE_PATIENT_IDENTITY = "see_patient_identity"
    REGISTER_CASE = "register_case"
    ADD_DOCUMENT = "add_document"
    MASK_DOCUMENTS = "mask_documents"
    READ_ORIGINAL_DOCUMENTS = "read_original_documents"  # everyone else reads the masked copy
    ACKNOWLEDGE_NOTICES = "acknowledge_notices"  # one's own notices that a document changed
    OVERRIDE_COVERAGE = "override_coverage"
    ASSIGN_REVIEWER = "assign_reviewer"
    DECLARE_CONFLICT = "declare_conflict"
    WRITE_OPINION = "write_opinion"  # one's own only
    MANAGE_MEETINGS = "manage_meetings"
    RECORD_ATTENDANCE = "record_attendance"
    RECORD_FINDING = "record_finding"
    COMPUTE_ASSESSMENT = "compute_assessment"
    APPROVE_ASSESSMENT = "approve_assessment"
    ISSUE_LETTER = "issue_letter"
    WITHDRAW_CASE = "withdraw_case"
    CLOSE_CASE = "close_case"
    REOPEN_CASE = "reopen_case"
    REGISTER_APPEAL = "register_appeal"
    EXPORT_ARCHIVE = "export_archive"
    READ_AUDIT = "read_audit"
    VIEW_DASHBOARD = "view_dashboard"
    SAVE_FILTERS = "save_filters"  # one's own named case-list filters


S, P, L, C, A, AU = (Role.SECRETARIAT, Role.PHYSICIAN_REVIEWER, Role.LAWYER_REVIEWER,
                     Role.BOARD_CHAIR, Role.ASSESSMENT_COMMITTEE, Role.AUDITOR)

# The auditor reads all and writes nothing; the secretariat administers; only the chair
# records findings; only the assessment committee computes and approves.
MATRIX: dict[Action, frozenset[Role]] = {
    Action.ADMINISTER_USERS: frozenset({S}),
    Action.ADMINISTER_MEMBERS: frozenset({S}),
    Action.ADMINISTER_SIGNER: frozenset({S}),
    Action.ADMINISTER_BOARD: frozenset({S}),
    Action.BACKUP: frozenset({S}),
    Action.LIST_USERS: frozenset({S, C, AU}),
    Action.READ_ALL_CASES: frozenset({S, C, A, AU}),
    Action.READ_ASSIGNED_CASES: frozenset({S, P, L, C, A, AU}),
    Action.SEE_PATIENT_IDENTITY: frozenset({S}),
    Action.REGISTER_CASE: frozenset({S}),
    Action.ADD_DOCUMENT: frozenset({S}),
    Action.MASK_DOCUMENTS: frozenset({S}),
    Action.READ_ORIGINAL_DOCUMENTS: frozenset({S, C}),
    Action.ACKNOWLEDGE_NOTICES: frozenset({S, P, L, C, A, AU}),
    Action.OVERRIDE_COVERAGE: frozenset({C}),
    Action.ASSIGN_REVIEWER: frozenset({S}),
    Action.DECLARE_CONFLICT: frozenset({P, L}),
    Action.WRITE_OPINION: frozenset({P, L}),
    Action.MANAGE_MEETINGS: frozenset({S}),
    Action.RECORD_ATTENDANCE: frozenset({S, C}),
    Action.RECORD_FINDING: frozenset({C}),
    Action.COMPUTE_ASSESSMENT: frozenset({A}),
    Action.APPROVE_ASSESSMENT: frozenset({A}),
    Action.ISSUE_LETTER: frozenset({S, C}),
    Action.WITHDRAW_CASE: frozenset({S}),
    Action.CLOSE_CASE: frozenset({S}),
    Action.REOPEN_CASE: frozenset({S}),
    Action.REGISTER_APPEAL: frozenset({S}),
    Action.EXPORT_ARCHIVE: frozenset({S, AU}),
    Action.READ_AUDIT: frozenset({S, C, AU}),
    Action.VIEW_DASHBOARD: frozenset({S, C, A, AU}),
    Action.SAVE_FILTERS: frozenset({S, P, L, C, A, AU}),
}

ACTION_LABELS: dict[Action, str] = {
    Action.ADMINISTER_USERS: "利用者の管理", Action.ADMINISTER_MEMBERS: "会員・契約の管理",
    Action.ADMINISTER_SIGNER: "署名証明書の管理", Action.ADMINISTER_BOARD: "審査会の設定の変更",
    Action.BACKUP: "バックアップ",
    Action.LIST_USERS: "利用者一覧の閲覧", Action.READ_ALL_CASES: "全事案の閲覧",
    Action.READ_ASSIGNED_CASES: "担当事案の閲覧", Action.SEE_PATIENT_IDENTITY: "患者情報の閲覧",
    Action.REGISTER_CASE: "事案の受付", Action.ADD_DOCUMENT: "資料の追加",
    Action.MASK_DOCUMENTS: "資料のマスキング", Action.READ_ORIGINAL_DOCUMENTS: "マスキング前の資料の閲覧",
    Action.ACKNOWLEDGE_NOTICES: "お知らせの確認",
    Action.OVERRIDE_COVERAGE: "受理審査の覆し", Action.ASSIGN_REVIEWER: "査読委員の指名",
    Action.DECLARE_CONFLICT: "利益相反の申告", Action.WRITE_OPINION: "査読意見の作成",
    Action.MANAGE_MEETINGS: "会議の設定", Action.RECORD_ATTENDANCE: "出欠の記録",
    Action.RECORD_FINDING: "審査結果の記録", Action.COMPUTE_ASSESSMENT: "査定の計算",
    Action.APPROVE_ASSESSMENT: "査定の承認", Action.ISSUE_LETTER: "通知書の発行",
    Action.WITHDRAW_CASE: "取下げの記録", Action.CLOSE_CASE: "事案の完結",
    Action.REOPEN_CASE: "事案の再開", Action.REGISTER_APPEAL: "異議申立の受付",
    Action.EXPORT_ARCHIVE: "記録の書き出し", Action.READ_AUDIT: "監査記録の閲覧",
    Action.VIEW_DASHBOARD: "ダッシュボードの閲覧", Action.SAVE_FILTERS: "検索条件の保存",
}


def allowed(actor: Actor, action: Action) -> bool:
    return actor.role in MATRIX[action]


def require(actor: Actor, action: Action) -> None:
    """Raises PermissionDenied unless the actor's role may take the action."""
    if not allowed(actor, action):
        raise PermissionDenied(
            f"{actor.username} ({actor.role.value}) may not {action.value.replace('_', ' ')}",
            ja=f"{role_label(actor.role)}は{ACTION_LABELS[action]}を行えません",
        )

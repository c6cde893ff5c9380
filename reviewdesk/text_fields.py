"""Free-text fields: how long each may be, which characters it may hold, and `clean_text`.

Every service that stores text a user typed passes it through `clean_text` with the field's
`TextField`, so a limit is declared once here and refused in the same words everywhere. The
limits fit what the field means (a name, a reason, a case summary), not a storage size:
SQLite stores any length, so without them a pasted file would become a "name".

Control characters are refused, not silently dropped: an ESC or a bidi override in a case's
summary is a sign of a bad paste or of mischief, and the user should see it. Multi-line fields
keep line breaks and tabs (CR LF and a lone CR become LF); single-line fields keep neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewdesk.errors import InputError

# Bidirectional formatting: can make text display in another order than it is stored
# (a "Trojan source" trick), and has no use in the board's Japanese and English text.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_BREAKS = ("\r\n", "\r", "\u2028", "\u2029")


@dataclass(frozen=True)
class TextField:
    """A free-text field: its Japanese and English names for messages, and its longest value."""

    name: str
    ja: str
    en: str
    max_length: int
    multiline: bool = False

    def about(self, ja: str, en: str) -> TextField:
        """The same limits under a more precise name (a rationale "about negligence")."""
        return TextField(self.name, ja, en, self.max_length, self.multiline)


def _field(name: str, ja: str, en: str, max_length: int, multiline: bool = False) -> TextField:
    return TextField(name, ja, en, max_length, multiline)


# People and organisations ------------------------------------------------------------------
DISPLAY_NAME = _field("display_name", "氏名", "name", 100)
PATIENT_NAME = _field("patient_name", "患者氏名", "patient name", 100)
PATIENT_KANA = _field("patient_kana", "患者氏名（かな）", "patient name (kana)", 100)
PATIENT_ADDRESS = _field("patient_address", "患者の住所", "patient's address", 200)
PATIENT_PHONE = _field("patient_phone", "患者の電話番号", "patient's phone", 40)
PATIENT_INSURANCE_NO = _field("patient_insurance_no", "患者の保険証番号", "patient's insurance number", 40)
CLINIC_PATIENT_ID = _field("clinic_patient_id", "医療機関の患者ID", "clinic's patient id", 40)
DOCUMENT_NAME = _field("document_name", "資料のファイル名", "document file name", 255)
DOCTOR_NAME = _field("doctor_name", "医師の氏名", "doctor's name", 100)
LICENSE_NO = _field("license_no", "医籍登録番号", "licence number", 30)
MEMBER_NO = _field("member_no", "会員番号", "member number", 30)
MEMBER_NAME = _field("member_name", "会員名", "member name", 200)
REPRESENTATIVE = _field("representative", "代表者", "representative", 100)
FACILITY_NAME = _field("facility_name", "施設名", "facility name", 200)
ADDRESS = _field("address", "所在地", "address", 200)
PHONE = _field("phone", "電話番号", "phone", 30)
EMAIL = _field("email", "メールアドレス", "e-mail address", 254)
CONTRACT_NO = _field("contract_no", "契約番号", "contract number", 30)

# Cases -----------------------------------------------------------------------------------
CASE_SUMMARY = _field("summary", "事案の概要", "summary", 20_000, multiline=True)
PATIENT_DEMAND = _field("patient_demand", "患者の請求内容", "patient's demand", 5_000, multiline=True)
WITHDRAW_REASON = _field("withdraw_reason", "取下げの理由", "withdrawal reason", 2_000, multiline=True)
OVERRIDE_REASON = _field("override_reason", "審査に付す理由", "override reason", 2_000, multiline=True)
REOPEN_REASON = _field("reopen_reason", "再開の理由", "reopening reason", 2_000, multiline=True)
APPEAL_GROUNDS = _field("appeal_grounds", "異議の理由", "grounds of the appeal", 5_000, multiline=True)
CONFLICT_REASON = _field("conflict_reason", "利益相反の内容", "conflict", 2_000, multiline=True)

# Opinions and findings ---------------------------------------------------------------------
RATIONALE = _field("rationale", "判断の理由", "rationale", 10_000, multiline=True)
OPINION_COMMENTS = _field("comments", "意見の補足", "comments", 10_000, multiline=True)
FINDING_REASON = _field("finding_reason", "審査結果の理由", "reason of the finding", 10_000,
                        multiline=True)
FINDING_SUMMARY = _field("finding_summary", "審査結果の要旨", "summary of the finding", 20_000,
                         multiline=True)
DEFERRED_QUESTION = _field("deferred_question", "照会事項", "question", 2_000, multiline=True)
DISSENT = _field("dissent", "反対意見", "dissent", 2_000, multiline=True)

# Meetings ----------------------------------------------------------------------------------
MEETING_TITLE = _field("meeting_title", "会議名", "meeting title", 200)
MEETING_LOCATION = _field("location", "開催場所", "location", 200)
CORRECTION_REASON = _field("correction_reason", "訂正の理由", "correction reason", 2_000, multiline=True)
RECUSAL_REASON = _field("recusal_reason", "回避の理由", "recusal reason", 2_000, multiline=True)

# Searching ---------------------------------------------------------------------------------
SEARCH = _field("search", "検索語", "search", 500)
FILTER_NAME = _field("filter_name", "条件の名前", "filter name", 100)


def _describe(ch: str) -> str:
    return f"U+{ord(ch):04X}"


# Every character a field may not hold: C0 and C1 controls, DEL, bidi formatting, line and
# paragraph separators, lone surrogates. Multi-line text may hold line feeds and tabs.
_OTHERS = "\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS)) + "\u2028\u2029\ud800-\udfff"
_FORBIDDEN = re.compile(f"[\x00-\x1f{_OTHERS}]")
_FORBIDDEN_MULTILINE = re.compile(f"[\x00-\x08\x0b-\x1f{_OTHERS}]")


def forbidden_character(text: str, *, multiline: bool = False) -> str | None:
    """The first character text may not hold (see _FORBIDDEN), or None."""
    found = (_FORBIDDEN_MULTILINE if multiline else _FORBIDDEN).search(text)
    return found.group(0) if found else None


def blank_controls(text: str) -> str:
    """text with each control character (line breaks and tabs too) turned into a space."""
    return _FORBIDDEN.sub(" ", text)


def clean_text(value: str | None, field: TextField) -> str:
    """value as stored: trimmed, line breaks as LF; refused (InputError naming the field) when
    it is longer than the field allows or holds a character it may not. None reads as ""."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"{field.en}: must be text", ja=f"{field.ja}は文字で入力してください")
    text = value
    if field.multiline:
        for br in _LINE_BREAKS:
            text = text.replace(br, "\n")
    text = text.strip()
    bad = forbidden_character(text, multiline=field.multiline)
    if bad is not None:
        if bad in "\n\u2028\u2029":
            raise InputError(f"{field.en}: must be one line",
                             ja=f"{field.ja}は改行せずに1行で入力してください")
        raise InputError(f"{field.en}: contains a control character ({_describe(bad)})",
                         ja=f"{field.ja}に使えない制御文字（{_describe(bad)}）が含まれています")
    if len(text) > field.max_length:
        raise InputError(
            f"{field.en}: at most {field.max_length:,} characters (this is {len(text):,})",
            ja=f"{field.ja}は{field.max_length:,}文字以内で入力してください（現在{len(text):,}文字）")
    return text


def clean_optional(value: str | None, field: TextField) -> str | None:
    """clean_text for a field that may be left out: empty reads as None."""
    return clean_text(value, field) or None


def printable(text: object, *, multiline: bool = True) -> str:
    """text with every control character written as its escape (\\u001b, \\u202e), for printing
    what the vault holds to a terminal: never a raw escape sequence. The escape is JSON's, so
    JSON stays JSON. Line feeds and tabs are kept when multiline (not in a one-line message)."""
    return (_FORBIDDEN_MULTILINE if multiline else _FORBIDDEN).sub(
        lambda m: f"\\u{ord(m.group(0)):04x}", str(text))

"""Scenario JSON to a Scenario, refusing bad input with one line naming the field (exit 2)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from reviewdesk.cases.intake_terms import OutcomeKind
from reviewdesk.cases.procedures import PROCEDURES
from reviewdesk.errors import InputError
from reviewdesk.text_fields import printable

from .scenario import (
    COURSES,
    EXCLUSION_CODES,
    HOUSEHOLD_ROLES,
    OUTCOME_KINDS,
    SEXES,
    AnesthesiaRider,
    DamageInputs,
    Outcome,
    Policy,
    Scenario,
    Victim,
)

T = TypeVar("T")

# Sanity bounds, far above any real claim, so exact decimal arithmetic stays exact.
MAX_YEN = 10**12  # 1兆円
MAX_RATIO_PLACES = 10
MAX_AGE = 150
MAX_YEARS = 100
MAX_DEPENDENTS = 100
MAX_HOSPITAL_DAYS = 36_600

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

_TOP = frozenset({
    "incident_date", "claim_date", "procedure", "victim", "outcome", "damages",
    "patient_fault", "insured_share", "prior_payments", "lawyer_fee_award",
    "other_insurance_paid", "litigation_costs", "anesthesia_cause", "exclusions", "policy",
})  # fmt: skip
_VICTIM = frozenset({"age", "sex", "annual_income", "household_role", "dependents"})
_OUTCOME = frozenset({"kind", "disability_grade", "loss_years"})
_DAMAGES = frozenset({
    "treatment_costs", "hospital_days", "lost_wages", "hospital_outpatient_consolation",
    "funeral_costs", "other_costs", "death_consolation",
})  # fmt: skip
_POLICY = frozenset({
    "course", "period_start", "period_end", "retro_date", "per_claim_limit", "deductible",
    "annual_aggregate", "aggregate_used", "litigation_costs_in_aggregate", "anesthesia_rider",
    "facility_rider",
})  # fmt: skip
_RIDER = frozenset({"attachment", "rider_limit"})

# The fields' Japanese names, so an error on the Japanese screen names the field in Japanese.
FIELD_NAMES_JA = {
    "scenario": "査定の入力", "incident_date": "事故日", "claim_date": "請求日", "procedure": "施術",
    "victim": "患者", "outcome": "結果", "damages": "損害", "patient_fault": "過失相殺",
    "insured_share": "被共済者の負担割合", "prior_payments": "既払金", "lawyer_fee_award": "弁護士費用の認容",
    "other_insurance_paid": "他の保険からの支払額", "litigation_costs": "争訟費用",
    "anesthesia_cause": "麻酔による事故", "exclusions": "免責事由", "policy": "契約",
    "age": "年齢", "sex": "性別", "annual_income": "年収", "household_role": "家庭での立場",
    "dependents": "被扶養者数", "kind": "結果の種類", "disability_grade": "後遺障害等級",
    "loss_years": "労働能力喪失期間", "treatment_costs": "治療費", "hospital_days": "入院日数",
    "lost_wages": "休業損害", "hospital_outpatient_consolation": "入通院慰謝料",
    "funeral_costs": "葬儀費", "other_costs": "その他の損害", "death_consolation": "死亡慰謝料",
    "course": "コース", "period_start": "契約期間の開始日", "period_end": "契約期間の終了日",
    "retro_date": "遡及日", "per_claim_limit": "支払限度額（1事故）", "deductible": "免責金額",
    "annual_aggregate": "年間支払限度額", "aggregate_used": "年間支払限度額の既使用額",
    "litigation_costs_in_aggregate": "争訟費用の年間限度額への算入", "anesthesia_rider": "麻酔特約",
    "facility_rider": "施設特約", "attachment": "麻酔特約の支払開始額", "rider_limit": "麻酔特約の限度額",
}  # fmt: skip


def field_name_ja(path: str) -> str:
    """「年齢」 for "victim.age": the last part of a field's path in Japanese (else the path)."""
    last = re.sub(r"\[\d+\]$", "", path).rsplit(".", 1)[-1]
    return FIELD_NAMES_JA.get(last, path)


def load_json(text: str, source: str) -> Any:
    """Parse JSON text, keeping decimals exact; InputError naming `source` if it is not JSON."""
    try:
        return json.loads(
            text,
            parse_float=Decimal,
            parse_constant=_refuse_constant,
            object_pairs_hook=_no_duplicates,
        )
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{source}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            ja=f"{field_name_ja(source)}がJSONとして読めません（{exc.lineno}行{exc.colno}桁）",
        ) from None
    except (ValueError, RecursionError) as exc:
        # Python's own limits (digits in an int, nesting) and our hooks land here.
        raise InputError(f"{source}: not valid JSON ({exc})",
                         ja=f"{field_name_ja(source)}がJSONとして読めません") from None


def parse_scenario_text(text: str, source: str = "scenario") -> Scenario:
    """A scenario from JSON text (a file's contents or standard input)."""
    return parse_scenario(load_json(text, source))


def parse_scenario(data: Any) -> Scenario:
    """A scenario from a decoded JSON object (or any dict of the same shape)."""
    top = _Obj(data, "", _TOP, what="scenario")
    # Read in the order of section 5, so the first error reported is the first in the file.
    incident_date = top.field("incident_date", _date)
    claim_date = top.field("claim_date", _date)
    if claim_date < incident_date:
        raise InputError(
            f"claim_date: {claim_date.isoformat()} is before incident_date "
            f"{incident_date.isoformat()}; a claim cannot precede the incident",
            ja=f"請求日（{claim_date.isoformat()}）が事故日（{incident_date.isoformat()}）より前です",
        )
    procedure = top.field("procedure", _procedure)
    victim = _victim(_Obj(top.required("victim"), "victim", _VICTIM))
    outcome = _outcome(_Obj(top.required("outcome"), "outcome", _OUTCOME))
    damages = _damages(_Obj(top.required("damages"), "damages", _DAMAGES))
    patient_fault = top.field("patient_fault", _ratio)
    insured_share = top.field("insured_share", _ratio)
    prior_payments = top.field("prior_payments", _yen)
    lawyer_fee_award = top.field("lawyer_fee_award", _bool)
    other_insurance_paid = top.field("other_insurance_paid", _yen)
    litigation_costs = top.field("litigation_costs", _yen)
    anesthesia_cause = top.optional("anesthesia_cause", _bool, False)
    exclusions = top.optional("exclusions", _exclusions, ())
    policy = _policy(_Obj(top.required("policy"), "policy", _POLICY))
    return Scenario(
        incident_date=incident_date,
        claim_date=claim_date,
        procedure=procedure,
        victim=victim,
        outcome=outcome,
        damages=damages,
        patient_fault=patient_fault,
        insured_share=insured_share,
        prior_payments=prior_payments,
        lawyer_fee_award=lawyer_fee_award,
        other_insurance_paid=other_insurance_paid,
        litigation_costs=litigation_costs,
        policy=policy,
        anesthesia_cause=anesthesia_cause,
        exclusions=exclusions,
    )


def _victim(obj: _Obj) -> Victim:
    return Victim(
        age=obj.field("age", _bounded(MAX_AGE, "an age in years")),
        sex=obj.field("sex", _choice(SEXES)),
        annual_income=obj.field("annual_income", _yen),
        household_role=obj.field("household_role", _choice(HOUSEHOLD_ROLES)),
        dependents=obj.field("dependents", _bounded(MAX_DEPENDENTS, "a number of people")),
    )


def _outcome(obj: _Obj) -> Outcome:
    kind = obj.field("kind", _choice(OUTCOME_KINDS))
    grade = obj.optional("disability_grade", _grade, None)
    if kind == OutcomeKind.AFTER_EFFECT and grade is None:
        raise InputError("outcome.disability_grade: missing (required when kind is after_effect)",
                         ja="後遺障害の結果には後遺障害等級が必要です")
    loss_years = obj.optional("loss_years", _bounded(MAX_YEARS, "a number of years"), None)
    return Outcome(kind=kind, disability_grade=grade, loss_years=loss_years)


def _damages(obj: _Obj) -> DamageInputs:
    return DamageInputs(
        treatment_costs=obj.optional("treatment_costs", _yen, 0),
        hospital_days=obj.optional(
            "hospital_days", _bounded(MAX_HOSPITAL_DAYS, "a number of days"), 0
        ),
        lost_wages=obj.optional("lost_wages", _yen, 0),
        hospital_outpatient_consolation=obj.optional("hospital_outpatient_consolation", _yen, 0),
        funeral_costs=obj.optional("funeral_costs", _yen, 0),
        other_costs=obj.optional("other_costs", _yen, 0),
        death_consolation=obj.optional("death_consolation", _yen, None),
    )


def _policy(obj: _Obj) -> Policy:
    course = obj.field("course", _choice(COURSES))
    start = obj.field("period_start", _date)
    end = obj.field("period_end", _date)
    if end < start:
        raise InputError(
            f"policy.period_end: {end.isoformat()} is before period_start {start.isoformat()}",
            ja="契約期間の終了日が開始日より前です",
        )
    retro_date = obj.optional("retro_date", _date, None)
    per_claim_limit = obj.field("per_claim_limit", _yen)
    deductible = obj.field("deductible", _yen)
    annual_aggregate = obj.optional("annual_aggregate", _yen, None)
    aggregate_used = obj.optional("aggregate_used", _yen, 0)
    in_aggregate = obj.optional("litigation_costs_in_aggregate", _bool, False)
    rider = obj.optional("anesthesia_rider", _rider, None)
    return Policy(
        course=course,
        period_start=start,
        period_end=end,
        per_claim_limit=per_claim_limit,
        deductible=deductible,
        retro_date=retro_date,
        annual_aggregate=annual_aggregate,
        aggregate_used=aggregate_used,
        litigation_costs_in_aggregate=in_aggregate,
        anesthesia_rider=rider,
        facility_rider=obj.optional("facility_rider", _bool, False),
    )


def _rider(value: Any, path: str) -> AnesthesiaRider:
    r = _Obj(value, path, _RIDER)
    return AnesthesiaRider(
        attachment=r.field("attachment", _yen), rider_limit=r.field("rider_limit", _yen)
    )


class _Obj:
    """A JSON object being read: knows its path, refuses unknown keys, reports missing ones."""

    def __init__(self, data: Any, path: str, allowed: frozenset[str], what: str = "") -> None:
        self.path = path
        if not isinstance(data, Mapping):
            raise InputError(f"{path or what}: must be a JSON object, got {_describe(data)}",
                             ja=f"{field_name_ja(path or what)}の形式が正しくありません")
        for key in data:
            # Unknown keys first: a misspelt field would otherwise be reported as missing.
            if key not in allowed:
                shown = self._at(printable(key, multiline=False))  # a key may hold a line break
                raise InputError(f"{shown}: unknown field (not in the scenario)",
                                 ja=f"査定の入力に不明な項目 {shown} があります")
        self.data = data

    def _at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def required(self, key: str) -> Any:
        if key not in self.data:
            raise InputError(f"{self._at(key)}: missing (required field)",
                             ja=f"{field_name_ja(key)}を入力してください")
        return self.data[key]

    def field(self, key: str, convert: Callable[[Any, str], T]) -> T:
        return convert(self.required(key), self._at(key))

    def optional(self, key: str, convert: Callable[[Any, str], T], default: T) -> T:
        # Absent and null mean the same for an optional field: "use the default".
        value = self.data.get(key)
        return default if value is None else convert(value, self._at(key))


def _yen(value: Any, path: str) -> int:
    if not _is_int(value):
        raise InputError(f"{path}: must be a whole number of yen, got {_describe(value)}",
                         ja=f"{field_name_ja(path)}は円単位の整数で入力してください")
    if value < 0:
        raise InputError(f"{path}: must not be negative, got {value}",
                         ja=f"{field_name_ja(path)}に負の数は入力できません")
    if value > MAX_YEN:
        raise InputError(f"{path}: must be at most {MAX_YEN:,} yen, got {value:,}",
                         ja=f"{field_name_ja(path)}は{MAX_YEN:,}円以下で入力してください")
    return int(value)


def _bounded(upper: int, what: str) -> Callable[[Any, str], int]:
    def convert(value: Any, path: str) -> int:
        if not _is_int(value):
            raise InputError(f"{path}: must be a whole number ({what}), got {_describe(value)}",
                             ja=f"{field_name_ja(path)}は整数で入力してください")
        if not 0 <= value <= upper:
            raise InputError(f"{path}: must be between 0 and {upper}, got {value}",
                             ja=f"{field_name_ja(path)}は0から{upper}までで入力してください")
        return int(value)

    return convert


def _grade(value: Any, path: str) -> int:
    if not _is_int(value) or not 1 <= value <= 14:
        raise InputError(f"{path}: must be a disability grade from 1 to 14, got {_describe(value)}",
                         ja="後遺障害等級は1級から14級までで入力してください")
    return int(value)


def _ratio(value: Any, path: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        raise InputError(
            f"{path}: must be a ratio from 0 to 1 (a number or a string such as \"0.1\"), "
            f"got {_describe(value)}",
            ja=f"{field_name_ja(path)}は0から1までの割合で入力してください",
        )
    try:
        # str() first: a float 0.1 is then the decimal 0.1, not its binary approximation.
        ratio = Decimal(str(value).strip())
    except InvalidOperation:
        raise InputError(f"{path}: must be a ratio from 0 to 1, got {_describe(value)}",
                         ja=f"{field_name_ja(path)}は0から1までの割合で入力してください") from None
    if not ratio.is_finite() or not 0 <= ratio <= 1:
        raise InputError(f"{path}: must be a ratio from 0 to 1, got {_describe(value)}",
                         ja=f"{field_name_ja(path)}は0から1までの割合で入力してください")
    exponent = ratio.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_RATIO_PLACES:
        raise InputError(f"{path}: at most {MAX_RATIO_PLACES} decimal places, got {value}",
                         ja=f"{field_name_ja(path)}の小数は{MAX_RATIO_PLACES}桁までです")
    return ratio.normalize() + 0  # "0.10" reads as 0.1; + 0 drops a negative zero's sign


def _bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise InputError(f"{path}: must be true or false, got {_describe(value)}",
                         ja=f"{field_name_ja(path)}は「はい」か「いいえ」で指定してください")
    return value


def _date(value: Any, path: str) -> date:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise InputError(f"{path}: must be a date as YYYY-MM-DD, got {_describe(value)}",
                         ja=f"{field_name_ja(path)}は年-月-日（YYYY-MM-DD）の日付で入力してください")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{path}: not a real date: {value}",
                         ja=f"{field_name_ja(path)}の日付（{value}）は存在しません") from None


def _choice(choices: tuple[str, ...]) -> Callable[[Any, str], str]:
    def convert(value: Any, path: str) -> str:
        if not isinstance(value, str) or value not in choices:
            raise InputError(f"{path}: must be one of {', '.join(choices)}; got {_describe(value)}",
                             ja=f"{field_name_ja(path)}の値が選択肢にありません")
        return value

    return convert


def _procedure(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise InputError(f"{path}: must be a procedure code (a string), got {_describe(value)}",
                         ja="施術はコードで指定してください")
    if value not in PROCEDURES:
        raise InputError(f"{path}: unknown procedure code {value!r} (not in the catalogue)",
                         ja=f"施術のコード「{value}」は施術一覧にありません")
    return value


def _exclusions(value: Any, path: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise InputError(f"{path}: must be a list of exclusion codes, got {_describe(value)}",
                         ja="免責事由はコードの並びで指定してください")
    codes: list[str] = []
    for i, code in enumerate(value):
        if not isinstance(code, str) or code not in EXCLUSION_CODES:
            raise InputError(
                f"{path}[{i}]: unknown exclusion code {_describe(code)} "
                f"(known: {', '.join(EXCLUSION_CODES)})",
                ja=f"免責事由のコード {_describe(code)} は定められたコードではありません",
            )
        if code not in codes:  # the same finding twice is still one reason
            codes.append(code)
    return tuple(codes)


def _is_int(value: Any) -> bool:
    # bool is an int in Python, but `true` is never a number of yen.
    return isinstance(value, int) and not isinstance(value, bool)


def _describe(value: Any) -> str:
    """A short description of a JSON value for an error message."""
    kinds = {bool: "boolean", str: "string", list: "array", type(None): "null"}
    kind = next((name for t, name in kinds.items() if isinstance(value, t)), None)
    if kind is None:
        kind = "object" if isinstance(value, Mapping) else "number"
    if kind in ("array", "object", "null"):
        return kind
    shown = str(value) if kind == "number" else json.dumps(value, ensure_ascii=False)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{kind} {shown}"


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"field {key!r} appears twice in one object")
        result[key] = value
    return result

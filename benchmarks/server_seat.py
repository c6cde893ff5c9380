"""One seat of `python -m benchmarks server`, run in a process of its own: signs in with its
member's login, hears the other seats through its vault's subscriber, and for the run's
seconds does what its member does at a desk, through the application's services.

It writes a JSON report: each action's latency, the errors, the writes it saw committed (with
the time its own subscriber heard each one, right after the commit) and the time each other
seat's notice arrived, so the parent can match every write with its arrival everywhere.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

# Japanese substrings of 1, 2 and 3+ characters: what the secretariat types in the search box.
SEARCH_WORDS = {
    "search 1 char": ("皮", "熱", "痛", "腫"),
    "search 2 chars": ("熱傷", "壊死", "瘢痕", "麻痺", "感染"),
    "search 3+ chars": ("ヒアルロン酸", "色素沈着", "脂肪吸引", "因果関係", "二重瞼", "後遺障害"),
}

# What each member does, with weights: mostly reading, writing as often as a desk does.
SLOW_SECONDS = 0.25  # an action this slow is kept with its time, to see whether slow ones come together
WARMED = ("open case", "case list", "my assignments", "meeting view", "assessment form", "case history",
          "dashboard")
MIXES: dict[str, dict[str, int]] = {
    "reviewer": {"my assignments": 2, "open case": 3, "case list": 1, "save opinion": 3, "submit opinion": 1},
    "searcher": {"search": 6, "open case": 2, "case list": 1},
    "intake": {"register case": 4, "search": 3, "open case": 2},
    "chair": {"record finding": 3, "meeting view": 3, "open case": 2},
    "committee": {"compute assessment": 3, "assessment form": 2, "open case": 2},
    "auditor": {"case list": 2, "open case": 2, "case history": 2, "dashboard": 1},
}


@dataclass
class SeatLog:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)
    writes: list[dict[str, Any]] = field(default_factory=list)  # reported committed
    heard_own: list[tuple[float, list[int], list[str]]] = field(default_factory=list)
    arrivals: list[tuple[float, list[int], list[str]]] = field(default_factory=list)
    slow: list[tuple[float, str, float]] = field(default_factory=list)  # (ended, kind, seconds)
    searches: list[tuple[str, float]] = field(default_factory=list)  # (word, seconds): which words are slow
    started: float = 0.0
    ended: float = 0.0


class Seat:
    def __init__(self, config: dict[str, Any]) -> None:
        from reviewdesk.auth.users import authenticate
        from reviewdesk.store.vault import Vault

        self.config = config
        self.rng = random.Random(config["seed"])
        self.log = SeatLog()
        self.vault = Vault.open(config["url"])
        self.actor = authenticate(self.vault, config["username"], config["password"])
        main = threading.main_thread()

        def heard(changes: Any) -> None:
            # Own writes are published on the writing (main) thread right after their commit;
            # the others' arrive on the vault's listener thread.
            entry = (time.time(), sorted(changes.case_ids), sorted(str(k) for k in changes.kinds))
            (self.log.heard_own if threading.current_thread() is main else self.log.arrivals).append(entry)

        self.vault.subscribe(heard)
        self.cases: list[int] = list(config.get("cases", ()))
        self.items: list[int] = list(config.get("items", ()))

    # The actions --------------------------------------------------------------------------

    def _case(self) -> int:
        if self.cases:
            return self.rng.choice(self.cases)
        return self.rng.randint(1, self.config["max_case_id"])

    def open_case(self) -> None:
        from reviewdesk.cases.opinions import list_opinions
        from reviewdesk.cases.queries import case_detail

        case_id = self._case()
        case_detail(self.vault, self.actor, case_id)
        list_opinions(self.vault, self.actor, case_id)

    def case_list(self) -> None:
        from reviewdesk.cases.queries import list_cases, listed_count

        listed_count(self.vault, self.actor)
        list_cases(self.vault, self.actor, limit=200)

    def search(self) -> tuple[str, str]:
        kind = self.rng.choice(tuple(SEARCH_WORDS))
        word = self.rng.choice(SEARCH_WORDS[kind])
        self._search(word)
        return kind, word

    def _search(self, word: str) -> None:
        """What the search box runs: the list's count, then its first page."""
        from reviewdesk.cases.queries import CaseFilter, list_cases, listed_count
        from reviewdesk.cases.search import forget_matches

        forget_matches()  # a new search each time, not the seat's last one again
        f = CaseFilter(search=word)
        listed_count(self.vault, self.actor, f)
        list_cases(self.vault, self.actor, f, limit=200)

    def my_assignments(self) -> None:
        from reviewdesk.cases.review import my_assignments

        my_assignments(self.vault, self.actor)

    def _form(self, case_id: int) -> Any:
        """What the opinion form was loaded from: the reviewer's own latest opinion."""
        from reviewdesk.cases.concurrency import Revision
        from reviewdesk.cases.opinions import list_opinions

        own = [o for o in list_opinions(self.vault, self.actor, case_id) if o.author_id == self.actor.user_id]
        return own[-1].revision_key if own else Revision(None, 0)

    def _opinion(self, complete: bool) -> Any:
        from reviewdesk.cases.opinions import OpinionInput

        n = self.rng.randint(1, 10_000)
        if not complete:
            return OpinionInput(negligence="yes",
                                negligence_rationale=f"注入層の選択が不適切であった（下書き {n}）。")
        return OpinionInput(negligence="yes", negligence_rationale=f"注入層の選択が不適切であった（{n}）。",
                            causation="yes", causation_rationale="壊死は塞栓による。",
                            duty_to_explain="no", duty_to_explain_rationale="同意書に記載あり。",
                            damage="yes", damage_rationale="瘢痕が残存。", recommended_finding="liable")

    def save_opinion(self, complete: bool = False) -> int:
        from reviewdesk.cases.opinions import save_opinion

        case_id = self._case()
        loaded = self._form(case_id)  # the form is open before the reviewer types
        return self.timed("save opinion", lambda: save_opinion(
            self.vault, self.actor, case_id, self._opinion(complete), loaded=loaded), "opinion.save")

    def submit_opinion(self) -> None:
        from reviewdesk.cases.opinions import submit_opinion

        opinion_id = self.save_opinion(complete=True)
        if opinion_id is not None:
            self.timed("submit opinion", lambda: submit_opinion(self.vault, self.actor, opinion_id),
                       "opinion.submit", result=opinion_id)

    def register_case(self) -> None:
        from reviewdesk.cases.intake import IntakeData, register_case

        contract_id, doctor_id, incident = self.rng.choice(self.config["contracts"])
        n = self.rng.randint(1, 99_999)
        data = IntakeData(contract_id=contract_id, insured_doctor_id=doctor_id, patient_name=f"試験 花子{n}",
                          procedure="filler", incident_date=date.fromisoformat(incident),
                          claim_date=date.fromisoformat(self.config["today"]),
                          summary=f"ヒアルロン酸注入後に皮膚壊死を生じた（負荷試験 {n}）。",
                          outcome_kind="after_effect", disability_grade=12)
        self.timed("register case", lambda: register_case(self.vault, self.actor, data), "case.register")

    def meeting_view(self) -> Any:
        from reviewdesk.cases.meetings import meeting_detail

        return meeting_detail(self.vault, self.actor, self.config["meeting_id"])

    def record_finding(self) -> None:
        from reviewdesk.cases.findings import FindingInput, VoteInput, record_finding

        if not self.items:
            self.timed("meeting view", self.meeting_view)  # every staged item is decided
            return
        item = self.items.pop()
        detail = self.timed("meeting view", self.meeting_view)
        if detail is None:
            return
        [row] = [r for r in detail.agenda if r.item_id == item]
        recused = {r.user_id for r in row.recusals}
        votes = tuple(VoteInput(a.user_id, "for") for a in detail.attendance
                      if a.present and a.user_id not in recused)
        outcome = self.rng.choice(("liable", "not_liable", "partly_liable"))
        liable = outcome != "not_liable"
        elements = ("negligence", "causation", "duty_to_explain", "damage")
        data = FindingInput(outcome=outcome, insured_share="0.5" if outcome == "partly_liable" else None,
                            negligence_reason="過失あり", causation_reason="因果関係あり",
                            duty_to_explain_reason="説明は十分", damage_reason="損害あり", votes=votes,
                            judgements={e: "accepted" if liable and e != "duty_to_explain" else "rejected"
                                        for e in elements})
        today = date.fromisoformat(self.config["today"])
        self.timed("record finding", lambda: record_finding(self.vault, self.actor, item, data, today=today),
                   "finding.record")

    def assessment_form(self) -> Any:
        from reviewdesk.cases.assessing import prefill

        return prefill(self.vault, self.actor, self._case())

    def compute_assessment(self) -> None:
        from reviewdesk.cases.assessing import CommitteeInputs, compute_assessment, prefill

        case_id = self._case()
        form = self.timed("assessment form", lambda: prefill(self.vault, self.actor, case_id))
        if form is None:
            return
        inputs = CommitteeInputs(victim_age=form.victim_age or 35, victim_sex=form.victim_sex or "female",
                                 annual_income=4_000_000, loss_years=10, treatment_costs=800_000,
                                 lost_wages=300_000, hospital_outpatient_consolation=900_000,
                                 patient_fault="0.1", litigation_costs=self.rng.randint(0, 9) * 100_000)
        self.timed("compute assessment", lambda: compute_assessment(self.vault, self.actor, case_id, inputs),
                   "assessment.compute")

    def case_history(self) -> None:
        from reviewdesk.cases.history import case_history

        case_history(self.vault, self.actor, self._case())

    def dashboard(self) -> None:
        from reviewdesk.cases.statistics import dashboard

        dashboard(self.vault, self.actor)

    # Running ------------------------------------------------------------------------------

    def timed(self, kind: str, fn: Callable[[], Any], write: str | None = None, result: Any = None) -> Any:
        """Runs one action; a write is logged with the id it returned (the lost-update check)."""
        from reviewdesk.errors import ReviewDeskError

        start = time.perf_counter()
        try:
            value = fn()
        except ReviewDeskError as exc:
            self._error(kind, exc, time.perf_counter() - start)
            return None
        except Exception as exc:
            self._error(kind, exc, time.perf_counter() - start)
            return None
        self._took(kind, start)
        if write is not None:
            self.log.writes.append({"action": write, "id": value if result is None else result})
        return value

    def _took(self, kind: str, start: float) -> None:
        seconds = time.perf_counter() - start
        self.log.latencies.setdefault(kind, []).append(seconds)
        if seconds >= SLOW_SECONDS:
            self.log.slow.append((time.time(), kind, seconds))

    def _error(self, kind: str, exc: BaseException, seconds: float) -> None:
        self.log.errors.append({"action": kind, "type": type(exc).__name__, "message": str(exc)[:300],
                                "seconds": f"{seconds:.3f}"})

    def step(self) -> None:
        mix = MIXES[self.config["mix"]]
        if self.config["mix"] == "reviewer" and not self.cases:
            mix = {"my assignments": 1, "case list": 1}  # nothing assigned to write on
        action = self.rng.choices(tuple(mix), weights=tuple(mix.values()))[0]
        if action == "search":
            start = time.perf_counter()
            try:
                kind, word = self.search()
            except Exception as exc:
                self._error("search", exc, time.perf_counter() - start)
                return
            self._took(kind, start)
            self.log.searches.append((word, time.perf_counter() - start))
            return
        method = getattr(self, action.replace(" ", "_"))
        if action in ("save opinion", "submit opinion", "register case", "record finding",
                      "compute assessment"):
            method()  # times its own parts
        else:
            self.timed(action, method)

    def warm(self) -> None:
        """Every read of the seat's mix once, and each search word, before the clock starts: a
        desk's screens have run long before the figures that matter (a connection's first
        statement of each kind reads the catalog; fifteen seats doing that at the same instant
        made the first second of a run its slowest). No write: the run's writes are counted
        against the trail. Its own draws, so the run's stay those of earlier runs."""
        measured, self.rng = self.rng, random.Random(self.config["seed"] + 10_000)
        try:
            for action in MIXES[self.config["mix"]]:
                if action == "search":
                    for word in (w for words in SEARCH_WORDS.values() for w in words):
                        self._search(word)
                elif action in WARMED:
                    getattr(self, action.replace(" ", "_"))()
        finally:
            self.rng = measured

    def run(self, go: Any, ready: Any) -> None:
        self.warm()
        ready.put(self.config["index"])
        go.wait()
        self.log.started = time.time()
        deadline = self.log.started + self.config["seconds"]
        think = self.config["think"]
        # Desks do not start in step: each seat's first action comes within its first think time.
        time.sleep(random.Random(self.config["seed"] + 20_000).uniform(0, think))
        while time.time() < deadline:
            self.step()
            if think:
                time.sleep(self.rng.uniform(0.5 * think, 1.5 * think))
        self.log.ended = time.time()
        time.sleep(self.config["grace"])  # the last writes' notices are still on their way
        self.vault.close()


def seat_main(config: dict[str, Any], go: Any, ready: Any) -> None:
    """The child process's entry point (multiprocessing, spawn)."""
    out = Path(config["out"])
    try:
        seat = Seat(config)
        seat.run(go, ready)
        log = seat.log
        report = {"config": {k: v for k, v in config.items() if k not in ("password", "contracts")},
                  "latencies": log.latencies, "errors": log.errors, "writes": log.writes,
                  "heard_own": log.heard_own, "arrivals": log.arrivals, "slow": log.slow,
                  "searches": log.searches,
                  "started": log.started, "ended": log.ended}
    except BaseException as exc:
        ready.put(config["index"])  # the parent must not wait for a seat that never started
        report = {"config": {"index": config["index"], "username": config["username"]},
                  "fatal": f"{type(exc).__name__}: {exc}"}
    out.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")

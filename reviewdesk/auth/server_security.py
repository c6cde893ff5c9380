"""What the PostgreSQL server itself enforces, whatever a client does (defence in depth).

- Each member has their own login, a member of the group role of their board role
  (`reviewdesk_<role>`), which holds only the privileges seats need. No seat is the owner.
- The audit table takes INSERT and SELECT only (and its triggers refuse UPDATE, DELETE and
  TRUNCATE even to the owner; see migration 0001).
- Row-level security: a reviewer's login selects only the cases assigned to it, other
  reviewers' opinions only once its own is submitted, and released (masked) documents only;
  the originals' bytes, extracted text and file names are the secretariat's and the chair's.
- Column privileges: the patient's identity is the secretariat's and the chair's (the
  committee reads the birth date); the trail's details are for the roles that read the trail,
  the others read a case's history through `reviewdesk_case_events`. The server computes the
  digests of the rows a seat writes (`reviewdesk_digests_<table>`), since a seat may write a
  row it cannot wholly read.

The rules come from `permissions.py` (READ_ALL_CASES, READ_ORIGINAL_DOCUMENTS), so the
server and the application cannot disagree on who reads what. `apply` is idempotent: `server
init` runs it after every upgrade, so new tables get their grants.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from reviewdesk.auth.audit import SHOWN_DETAIL_KEYS
from reviewdesk.auth.permissions import Action, allowed
from reviewdesk.auth.roles import Actor, Role
from reviewdesk.errors import InputError
from reviewdesk.store.digests import AUDITED_TABLES, audited_tables, server_function, sql_digest
from reviewdesk.store.models.cases import IDENTITY_COLUMNS

SEATS = "reviewdesk_seat"  # every member's login is in this group, through its role's group
RELEASED = ("masked", "no_personal_data")  # document_terms.RELEASED, which auth cannot import
ACTIVE_ASSIGNMENTS = ("assigned", "submitted")
# The only tables a seat deletes rows from (re-indexing, attendance and recusals redone,
# notices acknowledged, settings cleared, one's own saved filters).
DELETABLE = ("case_search", "case_grams", "attendance", "recusals", "document_notices",
             "settings", "saved_filters")
APPEND_ONLY = ("audit_events",)
READ_ONLY = ("alembic_version",)


def group(role: Role | str) -> str:
    return f"reviewdesk_{Role(role).value}"


def _roles_holding(action: Action) -> list[str]:
    return [r.value for r in Role if allowed(Actor(0, "", "", r), action)]


def _sql_list(values: list[str] | tuple[str, ...]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def ensure_groups(conn: Any) -> None:
    """The group roles (cluster-wide, so shared by every ReviewDesk database of the server)."""
    for name in (SEATS, *(group(r) for r in Role)):
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone():
            conn.execute(f'CREATE ROLE "{name}" NOLOGIN')
    for r in Role:
        conn.execute(f'GRANT "{SEATS}" TO "{group(r)}"')
    # The secretariat ends a disabled member's open sessions at once.
    conn.execute(f'GRANT pg_signal_backend TO "{group(Role.SECRETARIAT)}"')


def _helpers() -> list[str]:
    reads_all = _sql_list(_roles_holding(Action.READ_ALL_CASES))
    originals = _sql_list(_roles_holding(Action.READ_ORIGINAL_DOCUMENTS))
    active = _sql_list(ACTIVE_ASSIGNMENTS)
    # SECURITY DEFINER: they read users, assignments and opinions as the owner, for whoever
    # asks. They must name the asker by session_user: current_user inside them is the owner.
    # The policies call the asker's flags as `(SELECT f())`, run once per statement (an
    # InitPlan): a definer function cannot be inlined, and one called per row cost ~0.05 ms a
    # row, seconds over 100,000 cases.
    definer = "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp"
    return [
        # A member's login (the owner and superusers are not: they see everything).
        f"""CREATE OR REPLACE FUNCTION reviewdesk_is_seat() RETURNS boolean {definer} AS $$
            SELECT pg_has_role(session_user, '{SEATS}', 'MEMBER')
                   AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) $$""",
        f"""CREATE OR REPLACE FUNCTION reviewdesk_user_id() RETURNS integer {definer} AS $$
            SELECT id FROM users WHERE username = session_user AND NOT disabled $$""",
        f"""CREATE OR REPLACE FUNCTION reviewdesk_reads_all() RETURNS boolean {definer} AS $$
            SELECT EXISTS (SELECT 1 FROM users WHERE username = session_user AND NOT disabled
                           AND role IN ({reads_all})) $$""",
        f"""CREATE OR REPLACE FUNCTION reviewdesk_reads_audit() RETURNS boolean {definer} AS $$
            SELECT EXISTS (SELECT 1 FROM users WHERE username = session_user AND NOT disabled
                           AND role IN ({_sql_list(_roles_holding(Action.READ_AUDIT))})) $$""",
        # The audit chain's head for a writer who may read only some of the trail: every write
        # chains onto the true last event (under the write lock), whatever its policy hides.
        f"""CREATE OR REPLACE FUNCTION reviewdesk_audit_head() RETURNS TABLE (id integer, hash text)
            {definer} AS $$
            SELECT e.id, e.hash FROM audit_events e ORDER BY e.id DESC LIMIT 1 $$""",
        f"""CREATE OR REPLACE FUNCTION reviewdesk_reads_originals() RETURNS boolean {definer} AS $$
            SELECT EXISTS (SELECT 1 FROM users WHERE username = session_user AND NOT disabled
                           AND role IN ({originals})) $$""",
        # Whether the asker is assigned to a case, for the assignments table's own policy
        # (which cannot read assignments through row-level security: that would recurse). Per
        # row, but only for other reviewers' rows, a handful per case.
        f"""CREATE OR REPLACE FUNCTION reviewdesk_assigned_to(cid integer) RETURNS boolean {definer} AS $$
            SELECT EXISTS (SELECT 1 FROM assignments a WHERE a.case_id = cid
                           AND a.reviewer_id = reviewdesk_user_id() AND a.status IN ({active})) $$""",
        # An appeal's reviewers read the documents it carries over from the cases it appeals
        # (per row: a case has a handful of documents).
        f"""CREATE OR REPLACE FUNCTION reviewdesk_sees_documents_of(cid integer) RETURNS boolean
            {definer} AS $$
            WITH RECURSIVE appeals(id) AS (
                SELECT cid UNION SELECT c.id FROM cases c JOIN appeals ON c.appeal_of_id = appeals.id)
            SELECT EXISTS (SELECT 1 FROM appeals JOIN assignments a ON a.case_id = appeals.id
                           WHERE a.reviewer_id = reviewdesk_user_id() AND a.status IN ({active})) $$""",
        # Blind review: another reviewer's opinion only once one's own on the case is
        # submitted (per row: read a case at a time).
        f"""CREATE OR REPLACE FUNCTION reviewdesk_submitted_on(cid integer) RETURNS boolean {definer} AS $$
            SELECT EXISTS (SELECT 1 FROM opinions o WHERE o.case_id = cid
                           AND o.author_id = reviewdesk_user_id() AND o.status = 'submitted') $$""",
        _SEARCH_ORDER,
        _SEARCH,
    ]


# The search indexes, read as their owner. Under row-level security PostgreSQL must check a
# row's policy before any operator that is not LEAKPROOF, and LIKE and @> are not, so a seat's
# own SELECT can never use the GIN indexes: every search would scan 100,000 rows. This
# function applies the same rules itself: the columns the asker's role may read (as
# HIDDEN_COLUMNS) and the cases it sees (as the cases policy). The owner sees everything.
# enable_seqscan off: the planner prices string_to_array over a case's documents as cheap and
# would scan whenever a gram is common, at ~60 µs a case. ROWS 100: with its default guess
# (1,000, half the cases to its mind) the planner walked the list's order and rescanned the
# matches for every case, 0.9 s a page; told "few", it hashes them and sorts (30-75 ms).
# max_rows: the matches a search's count needs at most (search.COUNT_LIMIT + 1). Limited
# here, not outside: a set-returning PL/pgSQL function hands back every row it found. reader:
# whose cases, for a caller that is no seat (the owner, in tests and tools); a seat's are its
# own login's, whatever it passes.
_QUOTED_ACTIVE = _sql_list(ACTIVE_ASSIGNMENTS).replace("'", "''")  # inside a quoted statement
_SEARCH = f"""CREATE OR REPLACE FUNCTION reviewdesk_search(index_table text, word text, wanted text[],
                                                           max_rows integer DEFAULT NULL,
                                                           reader integer DEFAULT NULL)
    RETURNS SETOF integer LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    SET enable_seqscan = off ROWS 100 AS $$
    DECLARE
        seat boolean := reviewdesk_is_seat();
        asker integer := CASE WHEN NOT seat THEN reader
                              WHEN NOT reviewdesk_reads_all() THEN reviewdesk_user_id() END;
        readable text[] := ARRAY['base']
            || CASE WHEN NOT seat OR reviewdesk_reads_all() THEN ARRAY['opinions'] ELSE '{{}}' END
            || CASE WHEN NOT seat OR reviewdesk_reads_originals() THEN ARRAY['originals'] ELSE '{{}}' END;
        test text := CASE index_table WHEN 'case_search' THEN '%I LIKE $1'
                                      WHEN 'case_grams' THEN 'string_to_array(%I, '' '') @> ARRAY[$1]' END;
        columns text[] := ARRAY(SELECT c FROM unnest(wanted) WITH ORDINALITY AS u (c, n)
                                WHERE c = ANY (readable) ORDER BY n);
        found text;
    BEGIN
        IF test IS NULL THEN
            RAISE EXCEPTION 'reviewdesk_search: no index %', index_table;
        END IF;
        IF index_table = 'case_search' THEN
            columns := reviewdesk_search_order(word, columns);
        END IF;
        SELECT string_agg(format(test, c), ' OR ' ORDER BY n) INTO found
            FROM unnest(columns) WITH ORDINALITY AS u (c, n);
        IF found IS NULL THEN
            RETURN;
        ELSIF asker IS NULL AND (NOT seat OR reviewdesk_reads_all()) THEN
            RETURN QUERY EXECUTE format('SELECT rowid FROM %I WHERE %s LIMIT $2', index_table, found)
                USING word, max_rows;
        ELSE
            RETURN QUERY EXECUTE format('SELECT rowid FROM %I WHERE (%s) AND rowid IN ('
                                        'SELECT a.case_id FROM assignments a WHERE a.reviewer_id = $2 '
                                        'AND a.status IN ({_QUOTED_ACTIVE})) LIMIT $3', index_table, found)
                USING word, asker, max_rows;
        END IF;
    END $$"""


# pg_trgm rechecks each candidate's text, testing the OR's columns in their order, so a word
# found in one column far more often than in the others is tested there first: 因果関係, in
# the opinions of 73,116 cases and in no case's own text, had each candidate's own text read
# in vain first (~1 µs a candidate, 10,001 of them for the list's count). The planner's
# estimates decide (EXPLAIN, ~0.2 ms a column), but only a lead of ten times: they come from
# samples, and 二重瞼, estimated 2.5 times as often in the opinions, is found in every case's
# own text that matches (its count took 3 ms longer, opinions first); otherwise the usual
# order, the cases' own text first. EXPLAIN is no read-only statement to PL/pgSQL, hence a
# volatile function of its own; no seat may call it (the estimates come from samples of text
# the seat may not read).
_SEARCH_ORDER = """CREATE OR REPLACE FUNCTION reviewdesk_search_order(word text, columns text[])
    RETURNS text[] LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
        plan json;
        estimates float[] := '{}';
        c text;
        best integer := 1;
    BEGIN
        IF cardinality(columns) < 2 THEN
            RETURN columns;
        END IF;
        FOREACH c IN ARRAY columns LOOP
            EXECUTE format('EXPLAIN (FORMAT JSON) SELECT 1 FROM case_search WHERE %I LIKE $1', c)
                INTO plan USING word;
            estimates := estimates || (plan -> 0 -> 'Plan' ->> 'Plan Rows')::float;
        END LOOP;
        FOR i IN 2 .. cardinality(columns) LOOP
            IF estimates[i] > estimates[best] THEN
                best := i;
            END IF;
        END LOOP;
        FOR i IN 1 .. cardinality(columns) LOOP
            IF i <> best AND 10 * estimates[i] > estimates[best] THEN
                RETURN columns;
            END IF;
        END LOOP;
        RETURN columns[best:best] || columns[:best - 1] || columns[best + 1:];
    END $$"""
_SEAT_UNCALLABLE = ("reviewdesk_search_order(text, text[])",)


# Helpers of earlier versions; `apply` drops them once no policy uses them.
_OBSOLETE_HELPERS = ("reviewdesk_sees_case(integer)", "reviewdesk_sees_opinions_of(integer)",
                     "reviewdesk_search(text, text, text[])",
                     "reviewdesk_search(text, text, text[], integer)")


def _sees(column: str) -> str:
    """A row of the case in `column` (table-qualified): everyone who reads all cases, and the
    reviewers assigned to it. A correlated EXISTS, not a definer function: PostgreSQL plans
    it both ways (a probe of ix_assignments_case_id for a few rows, a hashed set of the
    reviewer's assignments for a scan) and picks by the rows at hand."""
    return (f"((SELECT reviewdesk_reads_all()) OR EXISTS (SELECT 1 FROM assignments a "
            f"WHERE a.case_id = {column} AND a.reviewer_id = (SELECT reviewdesk_user_id()) "
            f"AND a.status IN ({_sql_list(ACTIVE_ASSIGNMENTS)})))")


# table -> the SELECT policy's condition for a seat (owner and superusers bypass RLS).
def _read_rules() -> dict[str, str]:
    released = _sql_list(RELEASED)
    return {
        "cases": _sees("cases.id"),
        # Its own rows, and every reviewer's on its cases (co-reviewers, once blind review
        # allows: the application decides that); never through cases' policy, which reads here.
        "assignments": "(SELECT reviewdesk_reads_all()) OR reviewer_id = (SELECT reviewdesk_user_id()) "
                       "OR reviewdesk_assigned_to(case_id)",
        "opinions": "author_id = (SELECT reviewdesk_user_id()) OR (status = 'submitted' "
                    "AND ((SELECT reviewdesk_reads_all()) OR (" + _sees("opinions.case_id")
                    + " AND reviewdesk_submitted_on(case_id))))",
        "documents": "(SELECT reviewdesk_reads_originals()) OR (masking IN (" + released + ") "
                     "AND ((SELECT reviewdesk_reads_all()) OR reviewdesk_sees_documents_of(case_id)))",
        "document_chunks": "(SELECT reviewdesk_reads_originals())",
        "document_maskings": "(SELECT reviewdesk_reads_originals())",
        "document_notices": "user_id = (SELECT reviewdesk_user_id()) "
                            "OR (SELECT reviewdesk_reads_originals())",
        "findings": _sees("findings.case_id"),
        "assessments": _sees("assessments.case_id"),
        "payments": _sees("payments.case_id"),
        "letters": "case_id IS NULL OR " + _sees("letters.case_id"),
        "votes": "EXISTS (SELECT 1 FROM findings f WHERE f.id = votes.finding_id)",  # findings' rule
        "audit_events": _audit_rule(),
        "case_search": _sees("case_search.rowid"),
        "case_grams": _sees("case_grams.rowid"),
    }


def _audit_rule() -> str:
    """The trail for roles that may read it (Action.READ_AUDIT); for the others, what a case's
    history shows them (cases/history.py's rule, the same here): their own events, and the
    events of the cases they see, but others' opinion and assignment events only once blind
    review lets them see the others' work, assessments only to roles that read all cases,
    and never the opening of an original."""
    everyone = "((SELECT reviewdesk_reads_all()) OR reviewdesk_submitted_on(case_id))"

    def kind(name: str) -> str:
        return f"entity = '{name}' OR action LIKE '{name}.%'"

    own_assignment = ("(entity = 'assignment' AND EXISTS (SELECT 1 FROM assignments a "
                      "WHERE a.id = audit_events.entity_id "
                      "AND a.reviewer_id = (SELECT reviewdesk_user_id())))")
    return ("(SELECT reviewdesk_reads_audit()) OR user_id = (SELECT reviewdesk_user_id()) "
            "OR (case_id IS NOT NULL AND action <> 'document.open_original' AND "
            + _sees("audit_events.case_id") + " AND CASE "
            f"WHEN {kind('opinion')} THEN {everyone} "
            f"WHEN {kind('assignment')} THEN {own_assignment} OR {everyone} "
            f"WHEN {kind('assessment')} THEN (SELECT reviewdesk_reads_all()) ELSE true END)")


# Columns a seat selects only if its role holds one of the actions (column privileges). The
# search indexes' opinions column is blind review's: a reviewer must not search other opinions.
# The patient's identity is the secretariat's, and the chair's, who reads the originals that
# carry it anyway; the birth date also the committee's (the victim's age enters the payout).
# The trail's details (reasons, votes, amounts, original file names) are for the roles that
# read the trail; the others see a case's history through `reviewdesk_case_events`.
_IDENTITY = (Action.SEE_PATIENT_IDENTITY, Action.READ_ORIGINAL_DOCUMENTS)
HIDDEN_COLUMNS: dict[str, tuple[tuple[str, tuple[Action, ...]], ...]] = {
    "documents": (("text", (Action.READ_ORIGINAL_DOCUMENTS,)),
                  ("filename", (Action.READ_ORIGINAL_DOCUMENTS,))),
    "case_search": (("opinions", (Action.READ_ALL_CASES,)),
                    ("originals", (Action.READ_ORIGINAL_DOCUMENTS,))),
    "case_grams": (("opinions", (Action.READ_ALL_CASES,)),
                   ("originals", (Action.READ_ORIGINAL_DOCUMENTS,))),
    "users": (("password_hash", (Action.ADMINISTER_USERS,)),),
    "cases": (*((c, _IDENTITY) for c in IDENTITY_COLUMNS if c != "patient_birth_date"),
              ("patient_birth_date", (*_IDENTITY, Action.COMPUTE_ASSESSMENT))),
    "audit_events": (("detail", (Action.READ_AUDIT,)),),
}


# Whitespace as Python's str.split() and re's \s see it (the ideographic space of 山田　花子).
_SPACE = r"[\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u001c-\u001f]"


def _case_events() -> str:
    """A case's events as its history shows them to a role that may not read the trail's
    details or the patient's identity: the events its rule lets the asker see (the audit
    table's read rule), each detail cut to SHOWN_DETAIL_KEYS, and the patient's name and kana
    in what is left replaced by the case alias, as `cases/history.py` does on a vault file
    (a name's parts with any spacing between them, the longer name first). It takes a case,
    not a text, so it cannot be asked whether a guessed name is the patient's."""
    return (r"""CREATE OR REPLACE FUNCTION reviewdesk_case_events(cid integer)
    RETURNS TABLE (event_id integer, shown text) LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
    WITH names AS (
        SELECT n.ord, length(regexp_replace(n.name, '@S+', '', 'g')) AS letters,
               array_to_string(ARRAY(
                   SELECT regexp_replace(part, '([!-/:-@\[-`{-~])', '\\\1', 'g')
                   FROM regexp_split_to_table(n.name, '@S+') AS part WHERE part <> ''), '@S*') AS pattern
        FROM cases c, LATERAL (VALUES (1, c.patient_name), (2, c.patient_kana)) AS n (ord, name)
        WHERE c.id = cid AND n.name IS NOT NULL),
    redaction AS (
        SELECT (SELECT string_agg(pattern, '|' ORDER BY letters DESC, ord) FROM names
                WHERE letters >= 2) AS pattern,
               (SELECT replace(patient_alias, '\', '\\') FROM cases WHERE id = cid) AS alias)
    SELECT audit_events.id, (
        SELECT jsonb_object_agg(d.key, CASE WHEN jsonb_typeof(d.value) = 'string' AND r.pattern IS NOT NULL
                                THEN to_jsonb(regexp_replace(d.value #>> '{}', r.pattern, r.alias, 'g'))
                                ELSE d.value END)
        FROM jsonb_each(CASE WHEN jsonb_typeof(audit_events.detail::jsonb) = 'object'
                             THEN audit_events.detail::jsonb ELSE '{}'::jsonb END) AS d
        WHERE d.key IN (@KEYS))::text
    FROM audit_events CROSS JOIN redaction r
    WHERE audit_events.case_id = cid AND (NOT reviewdesk_is_seat() OR (@RULE))
    ORDER BY audit_events.id $$"""
            .replace("@S", _SPACE).replace("@KEYS", _sql_list(SHOWN_DETAIL_KEYS))
            .replace("@RULE", _audit_rule()))


def _digest_functions() -> list[str]:
    """One definer function per audited table (but the chunked documents): the digests of the
    rows named, as `store.digests.row_digest` computes them, for a writer who may not read
    every column of the rows it wrote. Only rows the asker sees (the table's read rule; the
    owner sees all). A digest is no more than the trail already records of the row."""
    rules = _read_rules()
    out = []
    for table in audited_tables():
        if AUDITED_TABLES[table.name].chunked is not None:
            continue
        (pk,) = table.primary_key.columns
        kind = "text" if isinstance(pk.type, sa.String) else "bigint" if isinstance(pk.type, sa.BigInteger) \
            else "integer"
        rule = rules.get(table.name, "true")
        out.append(f"""CREATE OR REPLACE FUNCTION {server_function(table)}(ids {kind}[])
            RETURNS TABLE (pk {kind}, digest text) LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = public, pg_temp AS $$
            SELECT "{table.name}"."{pk.name}", {sql_digest(table)} FROM "{table.name}"
            WHERE "{table.name}"."{pk.name}" = ANY (ids) AND (NOT reviewdesk_is_seat() OR ({rule})) $$""")
    return out


def apply(conn: Any) -> None:
    """Grants, helper functions and policies on the current database (run by its owner)."""
    ensure_groups(conn)
    tables = [r[0] for r in conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").fetchall()]
    conn.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")
    conn.execute(f'GRANT USAGE ON SCHEMA public TO "{SEATS}"')
    for table in tables:
        conn.execute(f'REVOKE ALL ON "{table}" FROM PUBLIC, "{SEATS}"')
        privileges = ("SELECT" if table in READ_ONLY else "SELECT, INSERT" if table in APPEND_ONLY
                      else "SELECT, INSERT, UPDATE" + (", DELETE" if table in DELETABLE else ""))
        conn.execute(f'GRANT {privileges} ON "{table}" TO "{SEATS}"')
    conn.execute(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{SEATS}"')
    for statement in (*_helpers(), *_digest_functions(), _case_events()):
        conn.execute(statement)
    conn.execute("REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC")
    conn.execute(f'GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO "{SEATS}"')
    for signature in _SEAT_UNCALLABLE:
        conn.execute(f'REVOKE EXECUTE ON FUNCTION {signature} FROM "{SEATS}"')
    _hidden_columns(conn)
    for table, condition in _read_rules().items():
        conn.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        for name in ("seat_read", "seat_insert", "seat_update", "seat_delete"):
            conn.execute(f'DROP POLICY IF EXISTS {name} ON "{table}"')
        conn.execute(f'CREATE POLICY seat_read ON "{table}" FOR SELECT TO "{SEATS}" USING ({condition})')
        conn.execute(f'CREATE POLICY seat_insert ON "{table}" FOR INSERT TO "{SEATS}" WITH CHECK (true)')
        conn.execute(f'CREATE POLICY seat_update ON "{table}" FOR UPDATE TO "{SEATS}" '
                     f"USING ({condition}) WITH CHECK (true)")
        if table in DELETABLE:
            conn.execute(f'CREATE POLICY seat_delete ON "{table}" FOR DELETE TO "{SEATS}" '
                         f"USING ({condition})")
    for signature in _OBSOLETE_HELPERS:
        conn.execute(f"DROP FUNCTION IF EXISTS {signature}")
    # No JIT for the board's sessions: the policies' subplans make the planner's costs look
    # like analytics, and compiling a list's plan took 180 ms of a 270 ms page.
    database = conn.execute("SELECT current_database()").fetchone()[0]
    conn.execute('ALTER DATABASE "' + database.replace('"', '""') + '" SET jit = off')


def _hidden_columns(conn: Any) -> None:
    """A table privilege covers every column, so for these tables each group gets SELECT on
    the columns its role may read."""
    for table, rules in HIDDEN_COLUMNS.items():
        conn.execute(f'REVOKE SELECT ON "{table}" FROM "{SEATS}"')
        columns = [r[0] for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = %s ORDER BY ordinal_position", (table,)).fetchall()]
        for r in Role:
            hidden = {c for c, actions in rules
                      if not any(r.value in _roles_holding(a) for a in actions)}
            conn.execute(f'REVOKE SELECT ON "{table}" FROM "{group(r)}"')
            if not hidden:
                conn.execute(f'GRANT SELECT ON "{table}" TO "{group(r)}"')
            else:
                visible = ", ".join(f'"{c}"' for c in columns if c not in hidden)
                conn.execute(f'GRANT SELECT ({visible}) ON "{table}" TO "{group(r)}"')


# Logins -----------------------------------------------------------------------------------

def _check_login_name(username: str) -> None:
    if username.startswith(("pg_", "reviewdesk_")) or username in ("postgres", "public"):
        raise InputError(f"username: '{username}' is reserved on the server",
                         ja=f"ユーザー名「{username}」はサーバーで予約されているため使えません")


def create_login(conn: Any, username: str, role: Role | str, password: str) -> None:
    """The member's own login, in their role's group; a secretariat login may manage logins.

    The password reaches the server as a SCRAM verifier computed here, never as text."""
    _check_login_name(username)
    verifier = _verifier(conn, username, password)
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (username,)).fetchone()
    extra = " CREATEROLE" if Role(role) is Role.SECRETARIAT else " NOCREATEROLE"
    verb = "ALTER" if exists else "CREATE"
    conn.execute(f"{verb} ROLE \"{username}\" LOGIN{extra} PASSWORD '{verifier}'")
    for r in Role:
        conn.execute(f'REVOKE "{group(r)}" FROM "{username}"')
    conn.execute(f'GRANT "{group(role)}" TO "{username}"')


def set_password(conn: Any, username: str, password: str) -> None:
    conn.execute(f"ALTER ROLE \"{username}\" PASSWORD '{_verifier(conn, username, password)}'")


def set_login_enabled(conn: Any, username: str, enabled: bool) -> None:
    """NOLOGIN refuses new connections; `end_sessions` ends the open ones after the commit."""
    if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (username,)).fetchone():
        conn.execute(f'ALTER ROLE "{username}" {"LOGIN" if enabled else "NOLOGIN"}')


def end_sessions(conn: Any, username: str) -> int:
    """Terminates the login's open sessions: their next statement fails."""
    rows = conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE usename = %s AND pid <> pg_backend_pid()", (username,)).fetchall()
    return sum(1 for r in rows if r[0])


def _verifier(conn: Any, username: str, password: str) -> str:
    pgconn = conn.pgconn
    return pgconn.encrypt_password(password.encode(), username.encode(), b"scram-sha-256").decode()

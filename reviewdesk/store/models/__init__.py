"""The vault's tables, as typed SQLAlchemy models."""

from reviewdesk.store.models.base import Base, utcnow
from reviewdesk.store.models.cases import (
    CHUNK_BYTES,
    Case,
    Document,
    DocumentChunk,
    DocumentNotice,
    Masking,
)
from reviewdesk.store.models.contracts import Contract, InsuredDoctor
from reviewdesk.store.models.meetings import AgendaItem, Attendance, Finding, Meeting, Recusal, Vote
from reviewdesk.store.models.money import Assessment, Payment
from reviewdesk.store.models.people import Facility, Member, User, UserAffiliation
from reviewdesk.store.models.records import (
                                             AuditEvent,
                                             Letter,
                                             SavedFilter,
                                             Setting,
                                             SignerCertificate,
)
from reviewdesk.store.models.review import Assignment, Opinion

__all__ = [
    "CHUNK_BYTES", "AgendaItem", "Assessment", "Assignment", "Attendance", "AuditEvent", "Base", "Case",
    "Contract", "Document", "DocumentChunk", "DocumentNotice", "Facility", "Finding",
    "InsuredDoctor", "Letter", "Masking", "Meeting",
    "Member", "Opinion", "Payment", "Recusal", "SavedFilter", "Setting", "SignerCertificate", "User",
    "UserAffiliation", "Vote", "utcnow",
]

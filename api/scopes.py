"""What a personal API token may do. A token carries some of these; the site's own pages,
signed in with a session, may do everything their user may."""

SCOPES = {
    "patients:read": "See the patients you can reach: your own record, or those sharing with you.",
    "documents:read": "See documents, their reading progress and the text of their pages.",
    "documents:write": "Upload documents and ask for them to be read again (patients only).",
    "profile:read": "Read the cancer summary (profile), its facts, history and FHIR export.",
    "reviews:read": "Read clinicians' decisions and sign-offs.",
    "reviews:write": "Accept, correct or reject values and sign off (clinicians only).",
    "guidance:read": "Read personalised guidance and trial matches.",
    "trials:read": "Search the trial catalog.",
    "webhooks:manage": "Register webhooks and read their delivery log.",
}
READ_ONLY = [scope for scope in SCOPES if scope.endswith(":read")]


def scopes_for(is_clinician: bool) -> dict[str, str]:
    """The scopes worth offering: a patient uploads, a clinician reviews."""
    left_out = "documents:write" if is_clinician else "reviews:write"
    return {scope: words for scope, words in SCOPES.items() if scope != left_out}

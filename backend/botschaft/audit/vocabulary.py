"""Words for the audit log's codes, in German and English, for its CSV download.

The SPA shows the same words from its own catalog (frontend/src/i18n/labels.ts);
tests/unit/test_audit_vocabulary.py checks that both agree and that every action the backend
records has words here.
"""

from __future__ import annotations

from botschaft.core.labels import Lang

ACTIONS: dict[str, tuple[str, str]] = {
    "auth.login": ("Anmeldung", "Sign-in"),
    "auth.login_failed": ("Anmeldung fehlgeschlagen", "Sign-in failed"),
    "auth.logout": ("Abmeldung", "Sign-out"),
    "auth.sso_refused": ("SSO-Anmeldung abgelehnt", "SSO sign-in refused"),
    "auth.sso_failed": ("SSO-Anmeldung gescheitert", "SSO sign-in failed"),
    "auth.invitation_sent": ("Einladung verschickt", "Invitation sent"),
    "auth.invitation_resent": ("Einladung erneut verschickt", "Invitation sent again"),
    "auth.password_reset_requested": ("Neues Passwort angefordert", "Password reset requested"),
    "auth.password_set_by_invitation": (
        "Passwort über Einladung gesetzt",
        "Password set from an invitation",
    ),
    "auth.password_reset_done": ("Passwort über Link zurückgesetzt", "Password reset from a link"),
    "application.erased": ("Bewerbung gelöscht", "Application erased"),
    "applications.erased": (
        "Bewerbungen gelöscht (Aufbewahrungsfrist)",
        "Applications erased (retention period)",
    ),
    "erasure.requested": ("Löschung beantragt", "Erasure requested"),
    "erasure.withdrawn": ("Löschantrag zurückgezogen", "Erasure request withdrawn"),
    "account.erased": ("Konto gelöscht (Art. 17)", "Account erased (Art. 17)"),
    "data.exported": ("Daten exportiert", "Data exported"),
    "program.created": ("Programm angelegt", "Program created"),
    "program.member_added": ("Mitglied hinzugefügt", "Member added"),
    "program.member_cohort_changed": (
        "Kohorte eines Mitglieds geändert",
        "Member's cohort changed",
    ),
    "program.member_removed": ("Mitglied entfernt", "Member removed"),
    "program.member_role_changed": ("Rolle eines Mitglieds geändert", "Member's role changed"),
    "program.member_status_changed": ("Status eines Mitglieds geändert", "Member's status changed"),
    "program.min_group_size_changed": (
        "Mindestgruppengröße für die Personalleitung geändert",
        "Minimum group size for HR leadership changed",
    ),
    "program.rankings_changed": (
        "Ranglisten für die Personalleitung geändert",
        "Rankings for HR leadership changed",
    ),
    "support_note.created": ("Unterstützungsnotiz geschrieben", "Support note written"),
    "support_note.updated": ("Unterstützungsnotiz geändert", "Support note changed"),
    "support_note.deleted": ("Unterstützungsnotiz gelöscht", "Support note deleted"),
    "selection.confirmed": ("Auswahl bestätigt", "Selection confirmed"),
    "selection.replaced": ("Auswahl ersetzt", "Selection replaced"),
    "selection.replacement_drawn": ("Nachrücker ausgelost", "Replacement drawn"),
    "transparency.annex_downloaded": (
        "Anlage für den Personalrat heruntergeladen",
        "Staff-council annex downloaded",
    ),
    "user.created": ("Konto angelegt", "Account created"),
    "user.role_changed": ("Rolle eines Kontos geändert", "Account's role changed"),
    "user.activated": ("Konto aktiviert", "Account activated"),
    "user.deactivated": ("Konto deaktiviert", "Account deactivated"),
    "user.password_set": ("Passwort gesetzt", "Password set"),
}

TARGETS: dict[str, tuple[str, str]] = {
    "application": ("Bewerbung", "Application"),
    "call": ("Aufruf", "Call"),
    "program": ("Programm", "Program"),
    "selection_round": ("Auswahlrunde", "Selection round"),
    "user": ("Konto", "Account"),
}


def _word(table: dict[str, tuple[str, str]], code: str | None, lang: Lang) -> str:
    if not code:
        return ""
    words = table.get(code)
    return code if words is None else words[0 if lang == "de" else 1]


def action_word(code: str, lang: Lang) -> str:
    return _word(ACTIONS, code, lang)


def target_word(code: str | None, lang: Lang) -> str:
    return _word(TARGETS, code, lang)


# An erased person appears in the log as "erased:" and a token (erasure/service.py).
_ERASED = {"de": "Gelöschte Person ({token})", "en": "Erased person ({token})"}


def person_word(label: str | None, lang: Lang) -> str:
    """An actor or target label as a reader sees it: an erased person's pseudonym in words."""
    if label and label.startswith("erased:"):
        return _ERASED[lang].format(token=label.removeprefix("erased:"))
    return label or ""

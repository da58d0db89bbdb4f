"""Email texts of invitations and password resets (German and English)."""

from botschaft.notifications.templates import register_template

register_template(
    "auth.invitation",
    de=(
        "Ihr Zugang zu Botschaft: {program_name}",
        "Hallo {name},\n\n{inviter} hat Sie zu {program_name} in Botschaft eingeladen. Legen "
        "Sie hier Ihr Passwort fest; danach sind Sie gleich angemeldet:\n{link}\n\nDer Link "
        "funktioniert einmal und {days} Tage lang. Ist er abgelaufen, bitten Sie das Kernteam "
        "um einen neuen.",
    ),
    en=(
        "Your access to Botschaft: {program_name}",
        "Hello {name},\n\n{inviter} has invited you to {program_name} in Botschaft. Set your "
        "password here; you are signed in right after:\n{link}\n\nThe link works once and "
        "for {days} days. If it has expired, ask the core team for a new one.",
    ),
)

register_template(
    "auth.invitation_sso",
    de=(
        "Ihr Zugang zu Botschaft: {program_name}",
        "Hallo {name},\n\n{inviter} hat Sie zu {program_name} in Botschaft eingeladen. Sie "
        "melden sich mit Ihrem Konto der Organisation an (Single Sign-on); ein eigenes Passwort "
        "brauchen Sie nicht:\n{link}",
    ),
    en=(
        "Your access to Botschaft: {program_name}",
        "Hello {name},\n\n{inviter} has invited you to {program_name} in Botschaft. You sign "
        "in with your organisation account (single sign-on); you need no separate password:"
        "\n{link}",
    ),
)

register_template(
    "auth.password_reset",
    de=(
        "Neues Passwort für Botschaft",
        "Hallo {name},\n\nfür Ihr Konto bei Botschaft wurde ein neues Passwort angefordert. "
        "Legen Sie es hier fest:\n{link}\n\nDer Link funktioniert einmal und {minutes} Minuten "
        "lang. Haben Sie nichts angefordert, ignorieren Sie diese Nachricht; Ihr Passwort "
        "bleibt dann, wie es ist.",
    ),
    en=(
        "New password for Botschaft",
        "Hello {name},\n\nsomeone asked for a new password for your Botschaft account. Set it "
        "here:\n{link}\n\nThe link works once and for {minutes} minutes. If you did not ask "
        "for it, ignore this message; your password stays as it is.",
    ),
)

register_template(
    "auth.password_reset_sso",
    de=(
        "Anmeldung bei Botschaft",
        "Hallo {name},\n\nfür Ihr Konto bei Botschaft wurde ein neues Passwort angefordert. "
        "Sie melden sich mit Ihrem Konto der Organisation an (Single Sign-on) und brauchen "
        "kein eigenes Passwort:\n{link}\n\nHaben Sie nichts angefordert, ignorieren Sie diese "
        "Nachricht.",
    ),
    en=(
        "Signing in to Botschaft",
        "Hello {name},\n\nsomeone asked for a new password for your Botschaft account. You "
        "sign in with your organisation account (single sign-on) and need no separate "
        "password:\n{link}\n\nIf you did not ask for it, ignore this message.",
    ),
)

# Sent by an administrator for an account outside any program (e.g. HR leadership, admins).
register_template(
    "auth.invitation_account",
    de=(
        "Ihr Zugang zu Botschaft",
        "Hallo {name},\n\n{inviter} hat für Sie ein Konto bei Botschaft eingerichtet. Legen Sie "
        "hier Ihr Passwort fest; danach sind Sie gleich angemeldet:\n{link}\n\nDer Link "
        "funktioniert einmal und {days} Tage lang. Ist er abgelaufen, bitten Sie {inviter} um "
        "einen neuen.",
    ),
    en=(
        "Your access to Botschaft",
        "Hello {name},\n\n{inviter} has set up a Botschaft account for you. Set your password "
        "here; you are signed in right after:\n{link}\n\nThe link works once and for {days} "
        "days. If it has expired, ask {inviter} for a new one.",
    ),
)

register_template(
    "auth.invitation_account_sso",
    de=(
        "Ihr Zugang zu Botschaft",
        "Hallo {name},\n\n{inviter} hat für Sie ein Konto bei Botschaft eingerichtet. Sie "
        "melden sich mit Ihrem Konto der Organisation an (Single Sign-on); ein eigenes Passwort "
        "brauchen Sie nicht:\n{link}",
    ),
    en=(
        "Your access to Botschaft",
        "Hello {name},\n\n{inviter} has set up a Botschaft account for you. You sign in with "
        "your organisation account (single sign-on); you need no separate password:\n{link}",
    ),
)

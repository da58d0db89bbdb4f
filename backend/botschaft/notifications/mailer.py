"""SMTP delivery (standard library smtplib)."""

from __future__ import annotations

import base64
import smtplib
import ssl
from email.message import EmailMessage as MimeMessage
from email.utils import format_datetime, make_msgid

from botschaft.core.database import utcnow
from botschaft.core.settings import Settings
from botschaft.notifications.models import EmailMessage


def build_mime(settings: Settings, message: EmailMessage) -> MimeMessage:
    mime = MimeMessage()
    mime["From"] = settings.mail_from
    mime["To"] = message.to_address
    mime["Subject"] = message.subject
    mime["Date"] = format_datetime(utcnow())
    mime["Message-ID"] = make_msgid(idstring=str(message.id), domain=settings.mail_domain)
    mime.set_content(message.body)
    if message.html_body:
        mime.add_alternative(message.html_body, subtype="html")
    for item in message.attachments:
        maintype, _, rest = item["content_type"].partition("/")
        subtype, _, params = rest.partition(";")
        extra = dict(p.strip().split("=", 1) for p in params.split(";") if "=" in p)
        mime.add_attachment(
            base64.b64decode(item["content_b64"]),
            maintype=maintype,
            subtype=subtype.strip(),
            filename=item["filename"],
            params=extra,
        )
    # After the content: set_content() drops Content-* headers set before it.
    mime["Content-Language"] = message.locale
    return mime


def deliver(settings: Settings, mime: MimeMessage) -> None:
    security = settings.smtp_security
    context = ssl.create_default_context()
    smtp_class = smtplib.SMTP_SSL if security == "tls" else smtplib.SMTP
    kwargs = {"context": context} if security == "tls" else {}
    with smtp_class(
        settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_seconds, **kwargs
    ) as smtp:
        if security == "starttls":
            smtp.starttls(context=context)
        if settings.smtp_username:
            smtp.login(settings.smtp_username, settings.smtp_password or "")
        smtp.send_message(mime)

"""Email: sent over SMTP when CIVIC_MAIL_SERVER is set, otherwise written to instance/outbox/ to be read."""
from __future__ import annotations

import smtplib
import uuid
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale

from civic.i18n import DEFAULT_LANGUAGE, LANGUAGE_BY_CODE


def render_email(template: str, language_code: str | None, **context) -> tuple[str, str]:
    """Subject and body of templates/<template>.txt in the recipient's language.

    The template's first line is the subject; the rest is the body.
    """
    language = LANGUAGE_BY_CODE.get(language_code or "", DEFAULT_LANGUAGE)
    with force_locale(language.locale):
        text = render_template(f"{template}.txt", **context)
    subject, _, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"


def send_email(to: str, template: str, language_code: str | None = None, **context) -> EmailMessage:
    subject, body = render_email(template, language_code, **context)
    message = EmailMessage()
    config = current_app.config
    message["From"] = config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=config["MAIL_SENDER"].partition("@")[2] or None)
    message.set_content(body)
    if config["MAIL_SERVER"]:
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT"]) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(message)
    else:
        outbox = Path(config["INSTANCE_PATH"]) / "outbox"
        outbox.mkdir(parents=True, exist_ok=True)
        path = outbox / f"{uuid.uuid4().hex}.eml"
        path.write_bytes(bytes(message))
        current_app.logger.info("email to %s written to %s (no CIVIC_MAIL_SERVER set)", to, path)
    return message

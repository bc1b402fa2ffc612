"""Command-line tasks: flask --app civic <command>."""
from __future__ import annotations

import click
from flask import Flask

from civic.extensions import db
from civic.permissions import Role


def register(app: Flask) -> None:
    @app.cli.command("seed-demo")
    def seed_demo_command():
        """Fill the database with Japanese demo content (safe to run twice)."""
        from civic.demo import seed_demo

        seed_demo(click.echo)
        db.session.commit()
        click.echo("demo content is in place")

    @app.cli.command("create-user")
    @click.option("--email", required=True)
    @click.option("--role", type=click.Choice([role.value for role in Role]), default=Role.resident.value)
    @click.option("--name", "display_name", default=None, help="Display name (default: the part before @)")
    @click.option("--password", default=None, help="Asked for when not given")
    def create_user_command(email, role, display_name, password):
        """Create an account with a role."""
        from civic.accounts import operations
        from civic.accounts.passwords import PASSWORD_MIN

        if password is None:
            password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        if len(password) < PASSWORD_MIN:
            raise click.UsageError(f"The password must have at least {PASSWORD_MIN} characters.")
        try:
            user = operations.create_user(email=email, display_name=display_name or email.partition("@")[0],
                                          password=password, role=Role(role))
        except operations.EmailTaken:
            raise click.UsageError(f"An account with the email {email} exists already.")
        db.session.commit()
        click.echo(f"created {user.role} account {user.email}")

    @app.cli.command("purge-audit-log")
    @click.option("--days", type=int, default=None, help="Keep this many days (default: CIVIC_AUDIT_RETENTION_DAYS)")
    def purge_audit_log_command(days):
        """Delete audit events older than the retention period."""
        from civic.audit.operations import purge_older_than

        days = days if days is not None else app.config["AUDIT_RETENTION_DAYS"]
        removed = purge_older_than(days)
        db.session.commit()
        click.echo(f"removed {removed} audit events older than {days} days")

    @app.cli.command("send-reminders")
    def send_reminders_command():
        """Email tomorrow's help-desk reminders (Japan time); each is sent once, so reruns are safe."""
        from civic.helpdesk.operations import send_reminders

        sent = send_reminders()
        db.session.commit()
        click.echo(f"help desk: {sent} reminders sent")

    @app.cli.command("purge-personal-data")
    @click.option("--days", type=int, default=None, help="Days after the session (default: HELPDESK_PURGE_AFTER_DAYS)")
    def purge_personal_data_command(days):
        """Erase personal data of help-desk bookings some days after the session; anonymous statistics stay."""
        from flask import current_app

        from civic.helpdesk.operations import purge_personal_data

        count = purge_personal_data(days if days is not None else current_app.config["HELPDESK_PURGE_AFTER_DAYS"])
        db.session.commit()
        click.echo(f"help desk: personal data of {count} bookings erased")

    @app.cli.command("update-kpis")
    def update_kpis_command():
        """Record a value for every KPI fed from help-desk or survey figures; reruns replace, never duplicate."""
        from civic.helpdesk.operations import tokyo_today
        from civic.insights.operations import update_kpis

        count = update_kpis(tokyo_today())
        db.session.commit()
        click.echo(f"insights: {count} KPIs updated")

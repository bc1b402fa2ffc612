from pathlib import Path

from civic.accounts.models import User
from civic.extensions import db


def count_users(app):
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(User.id)))


def test_create_user_with_role(app, runner):
    result = runner.invoke(args=["create-user", "--email", "Staff@Example.jp", "--role", "helpdesk",
                                 "--password", "a long password"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(db.select(User))
        assert (user.email, user.role) == ("staff@example.jp", "helpdesk")


def test_create_user_prompts_for_the_password(app, runner):
    result = runner.invoke(args=["create-user", "--email", "p@example.jp", "--role", "planner"],
                           input="a long password\na long password\n")
    assert result.exit_code == 0, result.output
    assert count_users(app) == 1


def test_create_user_refuses_short_passwords_and_duplicates(app, runner):
    assert runner.invoke(args=["create-user", "--email", "a@example.jp", "--password", "short"]).exit_code != 0
    assert runner.invoke(args=["create-user", "--email", "a@example.jp", "--password", "long enough"]).exit_code == 0
    result = runner.invoke(args=["create-user", "--email", "A@example.jp", "--password", "long enough"])
    assert result.exit_code != 0 and "exists already" in result.output
    assert count_users(app) == 1


def test_create_user_refuses_unknown_roles(runner):
    assert runner.invoke(args=["create-user", "--email", "a@example.jp", "--role", "boss",
                               "--password", "long enough"]).exit_code != 0


def test_seed_demo_fills_the_site_and_is_safe_to_run_twice(app, runner):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    counts = count_users(app)
    assert counts >= 4
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0, second.output
    assert count_users(app) == counts
    with app.app_context():
        roles = set(db.session.scalars(db.select(User.role)))
    assert roles == {"resident", "helpdesk", "planner", "admin"}


def test_mail_goes_to_the_outbox_folder_without_an_smtp_server(app):
    from civic.mail import send_email

    app.config["MAIL_SERVER"] = ""
    with app.test_request_context():
        from civic.accounts.models import User as U

        send_email("someone@example.jp", "accounts/emails/password_reset", "en",
                   user=U(display_name="Someone"), link="http://localhost/x", minutes=60)
    files = list((Path(app.instance_path) / "outbox").glob("*.eml"))
    assert len(files) == 1
    assert "Your password reset link" in files[0].read_text()


def test_emails_render_outside_a_request(app):
    """Commands (reminders, purges) send mail with no request around them."""
    from civic.accounts.models import User as U
    from civic.mail import render_email

    with app.app_context():
        subject, body = render_email("accounts/emails/password_reset", "en", user=U(display_name="Someone"),
                                     link="http://localhost/x", minutes=60)
    assert subject == "Your password reset link" and "Hello Someone," in body

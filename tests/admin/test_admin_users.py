import re

import pytest

from civic.accounts.models import User
from civic.extensions import db


def role_of(app, user_id):
    with app.app_context():
        return db.session.get(User, user_id).role


@pytest.mark.parametrize("role, expected", [
    (None, 302), ("resident", 403), ("helpdesk", 403), ("planner", 403), ("admin", 200),
])
def test_admin_area_is_for_admins_only(browser, signed_in, role, expected):
    client = signed_in(role) if role else browser
    response = client.get("/admin/")
    assert response.status_code == expected
    if role is None:
        assert response.headers["Location"].startswith("/account/signin")


@pytest.mark.parametrize("role", [None, "resident", "helpdesk", "planner"])
def test_non_admins_cannot_change_roles(app, browser, signed_in, make_user, role):
    target = make_user()
    client = signed_in(role) if role else browser
    response = client.post(f"/admin/users/{target.id}/role", {"role": "admin"}, token_from="/account/signin")
    assert response.status_code in (302, 403)
    assert role_of(app, target.id) == "resident"


def test_admin_lists_and_searches_accounts(signed_in, make_user):
    make_user(display_name="検索される人", email="findme@example.jp")
    make_user(display_name="別の人", email="other@example.jp")
    admin = signed_in("admin")
    html = admin.get("/admin/?q=findme").get_data(as_text=True)
    assert "findme@example.jp" in html and "other@example.jp" not in html
    html = admin.get("/admin/?q=検索").get_data(as_text=True)
    assert "findme@example.jp" in html


def test_admin_changes_a_role(app, signed_in, make_user):
    target = make_user()
    admin = signed_in("admin")
    response = admin.post(f"/admin/users/{target.id}/role", {"role": "planner"}, token_from="/admin/")
    assert response.status_code == 302
    assert role_of(app, target.id) == "planner"


def test_admin_cannot_remove_their_own_admin_role(app, signed_in):
    admin = signed_in("admin")
    admin.post(f"/admin/users/{admin.user.id}/role", {"role": "resident"}, token_from="/admin/")
    assert role_of(app, admin.user.id) == "admin"


def test_unknown_role_is_refused(app, signed_in, make_user):
    target = make_user()
    admin = signed_in("admin")
    response = admin.post(f"/admin/users/{target.id}/role", {"role": "superuser"}, token_from="/admin/")
    assert response.status_code == 400
    assert role_of(app, target.id) == "resident"


def test_deactivated_user_cannot_sign_in_and_can_be_reactivated(app, signed_in, make_user):
    from tests.helpers import Browser

    target = make_user()
    admin = signed_in("admin")
    assert admin.post(f"/admin/users/{target.id}/deactivate", token_from="/admin/").status_code == 302
    other = Browser(app.test_client())
    assert other.submit("/account/signin", {"email": target.email, "password": "correct horse battery"}
                        ).status_code == 422
    admin.post(f"/admin/users/{target.id}/activate", token_from="/admin/")
    other.sign_in(target.email)


def test_admin_adds_a_staff_account_and_the_person_sets_a_password(app, signed_in, outbox):
    admin = signed_in("admin")
    response = admin.submit("/admin/", {"display_name": "窓口 田中", "email": "tanaka@example.jp", "role": "helpdesk"},
                            action="/admin/users/new")
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "tanaka@example.jp"))
        assert user.role == "helpdesk"
    [message] = outbox
    link = re.search(r"http://localhost(/account/password-reset/\S+)", message.get_content()).group(1)
    admin.sign_out()
    assert admin.submit(link, {"password": "tanaka's own pass", "password_confirm": "tanaka's own pass"}
                        ).status_code == 302


def test_adding_a_staff_account_with_errors_keeps_the_input(signed_in):
    admin = signed_in("admin")
    response = admin.submit("/admin/?lang=en", {"display_name": "窓口 田中", "email": "not-an-email",
                                                "role": "helpdesk"}, action="/admin/users/new?lang=en")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'value="窓口 田中"' in html
    assert "Please enter an email address like name@example.jp." in html


@pytest.mark.parametrize("role, expected", [
    (None, 302), ("resident", 403), ("helpdesk", 403), ("planner", 200), ("admin", 200),
])
def test_planner_area_is_for_planners_and_admins(browser, signed_in, role, expected):
    client = signed_in(role) if role else browser
    assert client.get("/planner/").status_code == expected

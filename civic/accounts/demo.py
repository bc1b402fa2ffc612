"""Demo accounts, one per role, all with the same password (shown by seed-demo)."""
from civic.accounts import operations
from civic.extensions import db
from civic.permissions import Role

DEMO_PASSWORD = "demo-password-2026"

DEMO_USERS = [
    # key, email, display name, role
    ("admin", "admin@example.jp", "システム管理者", Role.admin),
    ("planner", "planner@example.jp", "企画課 佐藤", Role.planner),
    ("helpdesk", "helpdesk@example.jp", "相談窓口 鈴木", Role.helpdesk),
    ("resident", "resident@example.jp", "ひかり太郎", Role.resident),
    ("resident2", "hanako@example.jp", "山田花子", Role.resident),
    ("resident3", "minh@example.jp", "Minh", Role.resident),
]


def seed_demo(demo) -> None:
    created = 0
    for key, email, name, role in DEMO_USERS:
        user = operations.find_user_by_email(email)
        if user is None:
            user = operations.create_user(email=email, display_name=name, password=DEMO_PASSWORD, role=role,
                                          language="en" if key == "resident3" else "ja")
            created += 1
        demo.users[key] = user
    db.session.flush()
    if created:
        demo.echo(f"demo accounts: {created} created (password for all: {DEMO_PASSWORD})")
        for _key, email, _name, role in DEMO_USERS:
            demo.echo(f"  {role.value:9} {email}")

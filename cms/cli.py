"""Flask CLI commands: users, tokens, demo content, the one-step `setup` that `make run` calls, and `spam`."""

from __future__ import annotations

import os
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from flask_migrate import upgrade
from sqlalchemy import func, select

from cms.extensions import db
from cms.models import Role, User
from cms.services import spam, users
from cms.services.errors import ServiceError
from cms.spam_cli import spam_cli

users_cli = AppGroup("users", help="Create staff accounts.")
tokens_cli = AppGroup("tokens", help="Issue API tokens.")
demo_cli = AppGroup("demo", help="Demo users and articles.")

DEMO_USERS = (("admin", Role.ADMIN), ("editor", Role.EDITOR), ("moderator", Role.MODERATOR))
CREDENTIALS_FILE = "demo-credentials.txt"
# A starter set of health-blog comments, so the demo's spam checker is sensible before moderators teach it.
SPAM_SEED = Path(__file__).resolve().parent / "demo" / "spam_seed.csv"


@users_cli.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--password", help="Generated and printed when left out.")
def create_user_command(username: str, role: str, password: str | None) -> None:
    """Create a user with ROLE; prints the generated password when none is given."""
    generated = password is None
    password = password or users.generate_password()
    try:
        user = users.create_user(username, role, password)
    except ServiceError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Created {user.role} {user.username}.")
    if generated:
        click.echo(f"Password: {password}")


@tokens_cli.command("create")
@click.argument("username")
@click.option("--label", default="cli", help="A note to recognise the token by.")
def create_token_command(username: str, label: str) -> None:
    """Issue a bearer token for USERNAME; the token alone is the last line printed."""
    user = db.session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise click.ClickException(f"No user named {username!r}.")
    issued = users.issue_token(user, label=label)
    click.echo(f"Token for {user.username} ({user.role}); it is shown only this once:", err=True)
    click.echo(issued.secret)


def credentials_path() -> Path:
    """Where the demo passwords are kept (readable by the owner only)."""
    return Path(current_app.instance_path) / CREDENTIALS_FILE


@demo_cli.command("load")
def demo_load_command() -> None:
    """Create the demo users and articles, unless any user exists already."""
    if db.session.scalar(select(func.count(User.id))):
        click.echo(f"Users exist already; demo content not loaded. Demo passwords: {credentials_path()}")
        return
    from cms.demo.loader import load_demo_articles

    lines = []
    created = {}
    for name, role in DEMO_USERS:
        password = users.generate_password()
        created[name] = users.create_user(name, role, password)
        lines.append(f"{name:<10} {role.value:<10} {password}")
    path = credentials_path()
    path.write_text("username   role       password\n" + "\n".join(lines) + "\n")
    os.chmod(path, 0o600)
    count = load_demo_articles(created["editor"])
    lessons = spam.train_file(SPAM_SEED)
    click.echo(f"Loaded {count} demo articles; taught the spam checker {lessons} example comments ({SPAM_SEED.name}).")
    click.echo(f"Demo users (kept in {path}):")
    click.echo("\n".join(lines))


@click.command("setup")
def setup_command() -> None:
    """Bring the database to the newest schema, and load the demo content on first run."""
    upgrade()
    click.echo("Database is up to date.")
    demo_load_command.callback()  # type: ignore[misc]


def register_cli(app: Flask) -> None:
    """Attach the command groups to `app`."""
    app.cli.add_command(users_cli)
    app.cli.add_command(tokens_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(setup_command)
    app.cli.add_command(spam_cli)

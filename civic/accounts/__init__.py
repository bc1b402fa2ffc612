"""Accounts: sign-up, sign-in and out, password reset, and the person's own account page."""

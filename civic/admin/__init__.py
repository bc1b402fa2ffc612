"""Administration: accounts and their roles."""

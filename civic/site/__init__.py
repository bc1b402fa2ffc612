"""The site itself: home page, display and language settings, health check, privacy notice."""

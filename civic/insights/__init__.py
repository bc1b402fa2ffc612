"""Insights: the planners' area — evidence, local issues (地域課題), KPIs and open data."""

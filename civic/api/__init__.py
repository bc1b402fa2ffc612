"""Open data: public, read-only JSON and CSV of aggregate figures (/api/v1/)."""

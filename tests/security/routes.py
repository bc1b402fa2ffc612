"""Every URL rule of the app, classified: who may use it, and which methods it answers.

A new route must be added here (the inventory test fails otherwise): say who may use it. Surveys add their rules.
Access: "public" (anyone; token links count as public: the token is the secret), "signed_in" (any account),
"helpdesk", "planner", "admin" (admin also passes the helpdesk and planner guards).
"""
from __future__ import annotations

ROLES = ("resident", "helpdesk", "planner", "admin")
ALLOWED = {
    "signed_in": set(ROLES),
    "helpdesk": {"helpdesk", "admin"},
    "planner": {"planner", "admin"},
    "admin": {"admin"},
    "staff": {"helpdesk", "planner", "admin"},  # entering paper answers: help-desk staff and planners
}

# Signed-in routes that only the author of the object may use (others get 403 by design).
OWNER_ONLY = {"/initiatives/comments/<int:comment_id>/edit", "/initiatives/comments/<int:comment_id>/delete"}

# rule -> (access, methods other than HEAD/OPTIONS)
ROUTES: dict[str, tuple[str, str]] = {
    # site
    "/": ("public", "GET"),
    "/healthz": ("public", "GET"),
    "/privacy": ("public", "GET"),
    "/accessibility": ("public", "GET"),
    "/settings": ("public", "GET POST"),
    "/static/<path:filename>": ("public", "GET"),
    "/assets/<path:filename>": ("public", "GET"),
    # accounts
    "/account/signin": ("public", "GET POST"),
    "/account/signin/code": ("public", "GET POST"),
    "/account/signup": ("public", "GET POST"),
    "/account/password-reset": ("public", "GET POST"),
    "/account/password-reset/<token>": ("public", "GET POST"),
    "/account/signout": ("public", "POST"),
    "/account/": ("signed_in", "GET POST"),
    "/account/password": ("signed_in", "POST"),
    "/account/session/extend": ("signed_in", "POST"),
    "/account/sessions/end-others": ("signed_in", "POST"),
    "/account/two-factor": ("signed_in", "GET POST"),
    "/account/two-factor/off": ("signed_in", "POST"),
    "/account/two-factor/recovery-codes": ("signed_in", "POST"),
    # admin
    "/admin/": ("admin", "GET"),
    "/admin/users/new": ("admin", "POST"),
    "/admin/users/<int:user_id>/role": ("admin", "POST"),
    "/admin/users/<int:user_id>/end-sessions": ("admin", "POST"),
    "/admin/users/<int:user_id>/<any(activate, deactivate):action>": ("admin", "POST"),
    "/admin/audit/": ("admin", "GET"),
    "/admin/audit/export.csv": ("admin", "GET"),
    # planner area
    "/planner/": ("planner", "GET"),
    # initiatives (residents)
    "/initiatives/": ("public", "GET"),
    "/initiatives/<slug>": ("public", "GET"),
    "/initiatives/comments/<int:comment_id>/report": ("public", "GET POST"),
    "/initiatives/<slug>/comments": ("signed_in", "POST"),
    "/initiatives/<slug>/<any(follow, unfollow):action>": ("signed_in", "POST"),
    "/initiatives/comments/<int:comment_id>/reply": ("signed_in", "GET POST"),
    "/initiatives/comments/<int:comment_id>/edit": ("signed_in", "GET POST"),
    "/initiatives/comments/<int:comment_id>/delete": ("signed_in", "POST"),
    "/initiatives/comments/<int:comment_id>/helpful": ("signed_in", "POST"),
    # initiatives (planners)
    "/planner/initiatives/": ("planner", "GET"),
    "/planner/initiatives/new": ("planner", "GET POST"),
    "/planner/initiatives/<int:initiative_id>": ("planner", "GET"),
    "/planner/initiatives/<int:initiative_id>/edit": ("planner", "GET POST"),
    "/planner/initiatives/<int:initiative_id>/<any(publish, archive, draft):action>": ("planner", "POST"),
    "/planner/initiatives/<int:initiative_id>/updates/new": ("planner", "GET POST"),
    "/planner/initiatives/<int:initiative_id>/kpis/new": ("planner", "GET POST"),
    "/planner/initiatives/kpis/<int:kpi_id>/values": ("planner", "POST"),
    "/planner/initiatives/<int:initiative_id>/comments/new": ("planner", "GET POST"),
    "/planner/initiatives/moderation": ("planner", "GET"),
    "/planner/initiatives/moderation/<int:comment_id>": ("planner", "GET"),
    "/planner/initiatives/moderation/<int:comment_id>/<any(hide, restore, dismiss):action>": ("planner", "POST"),
    # help desk (residents; the booking token is the secret)
    "/helpdesk/": ("public", "GET"),
    "/helpdesk/where": ("public", "GET"),
    "/helpdesk/when": ("public", "GET"),
    "/helpdesk/book/<int:slot_id>": ("public", "GET POST"),
    "/helpdesk/waitlist/<int:slot_id>": ("public", "GET POST"),
    "/helpdesk/manage": ("public", "GET POST"),
    "/helpdesk/booking/<token>": ("public", "GET"),
    "/helpdesk/booking/<token>/print": ("public", "GET"),
    "/helpdesk/booking/<token>/calendar.ics": ("public", "GET"),
    "/helpdesk/booking/<token>/cancel": ("public", "POST"),
    "/helpdesk/booking/<token>/move": ("public", "GET POST"),
    # help desk (staff)
    "/staff/": ("helpdesk", "GET"),
    "/staff/search": ("helpdesk", "GET"),
    "/staff/calls": ("helpdesk", "GET"),
    "/staff/print": ("helpdesk", "GET"),
    "/staff/stats": ("helpdesk", "GET"),
    "/staff/sessions": ("helpdesk", "GET"),
    "/staff/export": ("helpdesk", "GET"),
    "/staff/export.csv": ("helpdesk", "GET"),
    "/staff/check-in/<code>": ("helpdesk", "GET"),
    "/staff/bookings/new": ("helpdesk", "GET POST"),
    "/staff/bookings/<int:booking_id>": ("helpdesk", "GET POST"),
    "/staff/bookings/<int:booking_id>/called": ("helpdesk", "POST"),
    "/staff/bookings/<int:booking_id>/cancel": ("helpdesk", "POST"),
    "/staff/bookings/<int:booking_id>/check-in": ("helpdesk", "POST"),
    "/staff/bookings/<int:booking_id>/no-show": ("helpdesk", "POST"),
    "/staff/closures/new": ("helpdesk", "GET POST"),
    "/staff/locations/new": ("helpdesk", "GET POST"),
    "/staff/locations/<int:location_id>": ("helpdesk", "GET POST"),
    "/staff/schedules/new": ("helpdesk", "GET POST"),
    "/staff/schedules/generate": ("helpdesk", "POST"),
    "/staff/slots/<int:slot_id>/close": ("helpdesk", "GET POST"),
    # help desk (planners)
    "/planner/helpdesk/topics": ("planner", "GET"),
    "/planner/helpdesk/topics/new": ("planner", "GET POST"),
    "/planner/helpdesk/topics/<int:topic_id>": ("planner", "GET POST"),
    # surveys (residents; who may answer is checked per survey, and the draft cookie is the secret)
    "/surveys/": ("public", "GET"),
    "/surveys/<int:survey_id>/": ("public", "GET"),
    "/surveys/<int:survey_id>/start": ("public", "POST"),
    "/surveys/<int:survey_id>/page/<int:number>": ("public", "GET POST"),
    "/surveys/<int:survey_id>/review": ("public", "GET"),
    "/surveys/<int:survey_id>/submit": ("public", "POST"),
    "/surveys/<int:survey_id>/thanks": ("public", "GET"),
    "/surveys/<int:survey_id>/results": ("public", "GET"),
    "/surveys/<int:survey_id>/revise": ("signed_in", "POST"),
    # surveys (planners)
    "/planner/surveys/": ("planner", "GET"),
    "/planner/surveys/new": ("planner", "GET POST"),
    "/planner/surveys/<int:survey_id>/": ("planner", "GET"),
    "/planner/surveys/<int:survey_id>/settings": ("planner", "GET POST"),
    "/planner/surveys/<int:survey_id>/questions/new": ("planner", "GET POST"),
    "/planner/surveys/<int:survey_id>/questions/<int:question_id>/edit": ("planner", "GET POST"),
    "/planner/surveys/<int:survey_id>/questions/<int:question_id>/move": ("planner", "POST"),
    "/planner/surveys/<int:survey_id>/questions/<int:question_id>/delete": ("planner", "POST"),
    "/planner/surveys/<int:survey_id>/sections": ("planner", "POST"),
    "/planner/surveys/<int:survey_id>/sections/<int:section_id>/edit": ("planner", "GET POST"),
    "/planner/surveys/<int:survey_id>/sections/<int:section_id>/delete": ("planner", "POST"),
    "/planner/surveys/<int:survey_id>/profile-questions": ("planner", "POST"),
    "/planner/surveys/<int:survey_id>/publish": ("planner", "POST"),
    "/planner/surveys/<int:survey_id>/close": ("planner", "POST"),
    "/planner/surveys/<int:survey_id>/publish-results": ("planner", "POST"),
    "/planner/surveys/<int:survey_id>/results": ("planner", "GET"),
    "/planner/surveys/<int:survey_id>/crosstab": ("planner", "GET"),
    "/planner/surveys/<int:survey_id>/export": ("planner", "GET"),
    "/planner/surveys/<int:survey_id>/export/download": ("planner", "GET"),
    "/planner/surveys/<int:survey_id>/codebook.csv": ("planner", "GET"),
    # surveys (paper and phone answers)
    "/staff/surveys/": ("staff", "GET"),
    "/staff/surveys/<int:survey_id>/entry": ("staff", "GET POST"),
    "/staff/surveys/<int:survey_id>/print": ("staff", "GET"),
}

from flask import Blueprint, Response, render_template, request, stream_with_context

from civic.audit import queries
from civic.audit.forms import AuditSearchForm
from civic.audit.operations import record as audit
from civic.extensions import db
from civic.i18n import _
from civic.permissions import Role, guard_blueprint
from civic.timeouts import lift_deadline
from civic.spreadsheet import csv_rows

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")
guard_blueprint(bp, Role.admin)


def _filters(form: AuditSearchForm) -> dict:
    form.validate()
    return {"actor": form.actor.data, "action": form.action.data, "target": form.target.data,
            "since": form.since.data if not form.since.errors else None,
            "until": form.until.data if not form.until.errors else None}


@bp.get("/")
def events():
    form = AuditSearchForm(request.args)
    page = db.paginate(queries.search(**_filters(form)), per_page=100, error_out=False)
    return render_template("audit/events.html", form=form, page=page)


@bp.get("/export.csv")
def export():
    form = AuditSearchForm(request.args)
    filters = _filters(form)
    lift_deadline()  # the rows stream after this view returns
    audit("audit.exported", detail=", ".join(f"{k}={v}" for k, v in filters.items() if v))
    db.session.commit()
    header = [_("When (UTC)"), _("Who"), _("What"), _("Record type"), _("Record"), _("From address"), _("Detail")]

    def rows():
        for event in db.session.scalars(queries.search(**filters).execution_options(yield_per=500)):
            yield [event.occurred_at.isoformat(), event.actor_email, event.action, event.target_type,
                   event.target_id, event.ip_address, event.detail]

    response = Response(stream_with_context(csv_rows(header, rows())), mimetype="text/csv")
    response.headers["Content-Disposition"] = "attachment; filename=audit-log.csv"
    return response

from flask import Blueprint, render_template

from civic.permissions import Role, guard_blueprint

# /planner/: the planners' area. Each domain's planner tools live in its own blueprint under /planner/<domain>/.
bp = Blueprint("planner", __name__, url_prefix="/planner")
guard_blueprint(bp, Role.planner)


@bp.get("/")
def index():
    return render_template("insights/planner_index.html")

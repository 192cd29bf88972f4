"""Reference endpoints (placeholder until the taxonomy domain lands)."""

from flask_smorest import Blueprint

blp = Blueprint("taxonomy", __name__, url_prefix="/api/v1/taxonomy", description="Reference data")

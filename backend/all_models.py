"""Import every domain's models so that Base.metadata is complete (for alembic and tests)."""

from backend.accounts import models as accounts_models
from backend.selfie import models as selfie_models
from backend.taxonomy import models as taxonomy_models

__all__ = ["accounts_models", "selfie_models", "taxonomy_models"]

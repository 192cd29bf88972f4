"""Import every domain's models so that Base.metadata is complete (for alembic and tests)."""

from backend.accounts import models as accounts_models
from backend.insights import models as insights_models
from backend.learning import models as learning_models
from backend.matching import models as matching_models
from backend.notifications import models as notifications_models
from backend.open_hiring import models as open_hiring_models
from backend.selfie import models as selfie_models
from backend.taxonomy import models as taxonomy_models
from backend.vacancies import models as vacancies_models

__all__ = [
    "accounts_models",
    "insights_models",
    "learning_models",
    "matching_models",
    "notifications_models",
    "open_hiring_models",
    "selfie_models",
    "taxonomy_models",
    "vacancies_models",
]

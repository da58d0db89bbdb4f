"""Imports every domain's models so the metadata is complete (Alembic, tests)."""

from botschaft.audit import models as audit_models  # noqa: F401
from botschaft.auth import models as auth_models  # noqa: F401
from botschaft.briefings import models as briefings_models  # noqa: F401
from botschaft.calls import models as calls_models  # noqa: F401
from botschaft.core.database import Base
from botschaft.erasure import models as erasure_models  # noqa: F401
from botschaft.files import models as files_models  # noqa: F401
from botschaft.followers import models as followers_models  # noqa: F401
from botschaft.identity import models as identity_models  # noqa: F401
from botschaft.inbox import models as inbox_models  # noqa: F401
from botschaft.influencers import models as influencers_models  # noqa: F401
from botschaft.jobs import models as jobs_models  # noqa: F401
from botschaft.learning import models as learning_models  # noqa: F401
from botschaft.meetings import models as meetings_models  # noqa: F401
from botschaft.notifications import models as notifications_models  # noqa: F401
from botschaft.nudges import models as nudges_models  # noqa: F401
from botschaft.posts import models as posts_models  # noqa: F401
from botschaft.programs import models as programs_models  # noqa: F401
from botschaft.questions import models as questions_models  # noqa: F401
from botschaft.reports import models as reports_models  # noqa: F401
from botschaft.selection import models as selection_models  # noqa: F401
from botschaft.teams import models as teams_models  # noqa: F401
from botschaft.tenancy import models as tenancy_models  # noqa: F401

metadata = Base.metadata

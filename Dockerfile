# Production image of Yhdistystori: gunicorn serving the Django app on port 8000,
# static files built in (WhiteNoise), no database inside. docs/deployment.md
# explains how to run it; docker-compose.yml is a complete example.
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    PYTHONPATH=/app

WORKDIR /app

# The production dependencies from pyproject.toml (not the [dev] extra), in a
# layer of their own so that a code change does not reinstall them. The project
# itself is not pip-installed: settings find templates/, static/ and locale/
# next to the package (BASE_DIR), so the code runs from /app as copied below.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .

# Build-time steps need the settings to load. With DEBUG off they insist on
# DATABASE_URL and SECRET_KEY; these throwaway values live only in this RUN
# (never in the image's environment) and nothing here connects to a database.
# compile_translations uses polib, so GNU gettext is not needed.
RUN DATABASE_URL=postgres://build@localhost/build \
    SECRET_KEY=build-only-not-a-secret-build-only-not-a-secret-build \
    DEBUG=0 \
    sh -c "python manage.py compile_translations \
        && python manage.py collectstatic --noinput --verbosity 0" \
    && python -m compileall -q yhdistystori associations events grants gunicorn.conf.py

# Run as an unprivileged user. It may write only to media/, where uploads go;
# a named volume mounted there starts with this ownership.
RUN useradd --system --uid 1000 --user-group --home-dir /app --no-create-home app \
    && mkdir -p /app/media \
    && chown app:app /app/media
USER app

EXPOSE 8000

# /healthz answers without touching the database. Django checks the Host header
# against ALLOWED_HOSTS, so the probe sends a host from that list ('.example.fi'
# becomes 'example.fi'). The search dictionaries load for a few seconds at start.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import os, urllib.request; host = os.environ.get('ALLOWED_HOSTS', '').split(',')[0].strip().lstrip('.'); host = 'localhost' if host in ('', '*') else host; urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:8000/healthz', headers={'Host': host}), timeout=4)"

# Apply migrations before starting new code: `python manage.py migrate --noinput`
# (docker-compose.yml runs it as the one-shot `migrate` service).
CMD ["gunicorn", "--config", "gunicorn.conf.py", "yhdistystori.wsgi"]

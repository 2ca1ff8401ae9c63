#!/usr/bin/env bash
# Walk the production path against a real PostgreSQL and Redis, as the Docker
# image would: the image's build steps, migrate as a database owner that is not
# a superuser (the pg_trgm extension must be creatable by it), check --deploy,
# gunicorn with gunicorn.conf.py, /healthz, /readyz, a page through the "proxy"
# headers, static files, the Redis cache, and how much memory the workers share.
#
# Not part of `make test`: it needs the services. Run it from the repository:
#
#   tests/perf/check_production_path.sh
#
# PG_ADMIN_URL   a superuser connection, to create and drop the scratch role and
#                database (default postgres://postgres@localhost:5432/postgres)
# CHECK_DB_NAME  scratch database and role name (default yt_prodcheck); dropped at the end
# REDIS_URL      a Redis database that may be emptied (default redis://127.0.0.1:6379/5)
# CHECK_PORT     where gunicorn listens (default 8765)
set -euo pipefail

cd "$(dirname "$0")/../.."
PY=${PY:-.venv/bin/python}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@localhost:5432/postgres}
CHECK_DB_NAME=${CHECK_DB_NAME:-yt_prodcheck}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/5}
CHECK_PORT=${CHECK_PORT:-8765}
WORK=$(mktemp -d -t yt-prodcheck.XXXXXX)
GUNICORN_PID=

[[ $CHECK_DB_NAME =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "CHECK_DB_NAME must be a plain identifier" >&2; exit 2; }
[[ $REDIS_URL =~ /[1-9][0-9]*$ ]] || { echo "REDIS_URL must name a database other than 0; it is emptied" >&2; exit 2; }

step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

admin_sql() {
    "$PY" - "$PG_ADMIN_URL" "$@" <<'EOF'
import sys
import psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as conn:
    for statement in sys.argv[2:]:
        conn.execute(statement)
EOF
}

flush_redis() {
    "$PY" -c 'import sys, redis; redis.Redis.from_url(sys.argv[1]).flushdb()' "$REDIS_URL"
}

cleanup() {
    status=$?
    if [[ -n $GUNICORN_PID ]] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
        kill "$GUNICORN_PID"
        wait "$GUNICORN_PID" 2>/dev/null || true
    fi
    admin_sql "DROP DATABASE IF EXISTS $CHECK_DB_NAME WITH (FORCE)" \
        "DROP ROLE IF EXISTS $CHECK_DB_NAME" || true
    flush_redis || true
    rm -rf "$WORK"
    if [[ $status -eq 0 ]]; then echo; echo "Production path: all checks passed."; fi
}
trap cleanup EXIT

step "Scratch database $CHECK_DB_NAME, owned by a role that is not a superuser"
PASSWORD=$("$PY" -c 'import secrets; print(secrets.token_hex(16))')
admin_sql "DROP DATABASE IF EXISTS $CHECK_DB_NAME WITH (FORCE)" \
    "DROP ROLE IF EXISTS $CHECK_DB_NAME" \
    "CREATE ROLE $CHECK_DB_NAME LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$PASSWORD'" \
    "CREATE DATABASE $CHECK_DB_NAME OWNER $CHECK_DB_NAME"
SERVER=$("$PY" -c 'import sys, psycopg
with psycopg.connect(sys.argv[1]) as c: v = c.info.server_version; print(c.info.host, c.info.port, f"{v // 10000}.{v % 10000}")' "$PG_ADMIN_URL")
read -r PG_HOST PG_PORT PG_VERSION <<<"$SERVER"
echo "PostgreSQL $PG_VERSION at $PG_HOST:$PG_PORT"
flush_redis

# The production environment, as docker-compose.yml sets it.
export DEBUG=0
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
export SECRET_KEY
export DATABASE_URL="postgres://$CHECK_DB_NAME:$PASSWORD@$PG_HOST:$PG_PORT/$CHECK_DB_NAME"
export REDIS_URL
export ALLOWED_HOSTS=localhost
export BEHIND_PROXY=1 SECURE_SSL_REDIRECT=1 SECURE_HSTS_SECONDS=3600 SECURE_HSTS_INCLUDE_SUBDOMAINS=1
export STATIC_ROOT="$WORK/static" MEDIA_ROOT="$WORK/media"
export GUNICORN_BIND="127.0.0.1:$CHECK_PORT" WEB_CONCURRENCY=2
unset TEST_DB_NAME EMBEDDED_PGDATA EMBEDDED_DB_NAME

step "Build steps of the Dockerfile, with its throwaway build-time settings"
DATABASE_URL=postgres://build@localhost/build SECRET_KEY=build-only-not-a-secret-build-only-not-a-secret-build \
    "$PY" manage.py compile_translations
DATABASE_URL=postgres://build@localhost/build SECRET_KEY=build-only-not-a-secret-build-only-not-a-secret-build \
    "$PY" manage.py collectstatic --noinput --verbosity 0
test -f "$STATIC_ROOT/staticfiles.json" || fail "collectstatic wrote no manifest"

step "migrate as the database owner (creates pg_trgm)"
"$PY" manage.py migrate --noinput --verbosity 1 | tail -n 3
"$PY" - "$PG_ADMIN_URL" "$CHECK_DB_NAME" <<'EOF'
import sys
import psycopg
with psycopg.connect(sys.argv[1], dbname=sys.argv[2]) as conn:
    row = conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'pg_trgm'").fetchone()
if not row:
    sys.exit("FAILED: pg_trgm is not installed")
print(f"pg_trgm {row[0]} installed")
EOF

step "check --deploy"
"$PY" manage.py check --deploy --fail-level WARNING

step "gunicorn on $GUNICORN_BIND"
"$PY" -m gunicorn --config gunicorn.conf.py yhdistystori.wsgi >"$WORK/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
BASE="http://127.0.0.1:$CHECK_PORT"
for _ in $(seq 90); do
    curl -sf -H "Host: localhost" "$BASE/healthz" >/dev/null 2>&1 && break
    kill -0 "$GUNICORN_PID" 2>/dev/null || { cat "$WORK/gunicorn.log"; fail "gunicorn exited"; }
    sleep 1
done

# expect STATUS PATH [curl options...]: the response status must be STATUS.
expect() {
    local want=$1 path=$2
    shift 2
    local got
    got=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "Host: ${HOST_HEADER:-localhost}" "$@" "$BASE$path")
    [[ $got == "$want" ]] || { head -c 500 "$WORK/body"; fail "$path answered $got, expected $want"; }
    echo "$path -> $got"
}
HTTPS=(-H "X-Forwarded-Proto: https")
expect 200 /healthz
expect 200 /readyz
expect 301 / # plain HTTP is redirected to HTTPS
expect 200 / "${HTTPS[@]}"
grep -q "Strict-Transport-Security" <(curl -s -D - -o /dev/null -H "Host: localhost" "${HTTPS[@]}" "$BASE/") \
    || fail "no HSTS header over HTTPS"
STYLESHEET=$(grep -o '/static/css/site\.[0-9a-f]*\.css' "$WORK/body" | head -n 1)
[[ -n $STYLESHEET ]] || fail "the home page links no hashed stylesheet"
expect 200 "$STYLESHEET" "${HTTPS[@]}"
expect 200 "/associations/?q=urheiluseuran+kuoro" "${HTTPS[@]}"
HOST_HEADER=evil.example expect 400 / "${HTTPS[@]}" # a host not in ALLOWED_HOSTS

step "Redis cache"
"$PY" - "$REDIS_URL" <<'EOF'
import sys
import redis
keys = sorted(key.decode() for key in redis.Redis.from_url(sys.argv[1]).keys("*"))
if "yhdistystori:1:site-configuration" not in keys:
    sys.exit(f"FAILED: the site configuration was not cached in Redis; keys: {keys}")
print("cached in Redis:", ", ".join(keys))
EOF

step "Memory: the workers share the preloaded app and dictionaries with the master"
for pid in "$GUNICORN_PID" $(pgrep -P "$GUNICORN_PID"); do
    awk -v pid="$pid" '/^Rss:/ {rss=$2} /^Pss:/ {pss=$2} /^Private_Dirty:/ {priv=$2}
        END {printf "pid %s: resident %d MB, proportional %d MB, private %d MB\n", pid, rss/1024, pss/1024, priv/1024}' \
        "/proc/$pid/smaps_rollup"
done
grep -q "Search dictionaries loaded" "$WORK/gunicorn.log" || fail "the master did not warm the dictionaries"

#!/usr/bin/env bash
# A fault drill with real servers: a throwaway PostgreSQL cluster and redis-server of our
# own (never the machine's shared services), the site under gunicorn, then each server is
# stopped and started again while pages are requested. Prints what readers and the load
# balancer got, and how long the site took to recover.
#
#   bash scripts/fault_drill.sh [APP_PORT] [PG_PORT] [REDIS_PORT]   (defaults 8501 8512 8513)
#
# Needs PostgreSQL's server binaries (initdb, pg_ctl; run as root it uses the postgres
# user), redis-server and the project's .venv. Everything lives in a temporary folder that
# is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
APP_PORT=${1:-8501} PG_PORT=${2:-8512} REDIS_PORT=${3:-8513}
PGBIN=$(dirname "$(command -v pg_ctl || ls /usr/lib/postgresql/*/bin/pg_ctl | tail -1)")
WORK=$(mktemp -d /tmp/newsroom-drill.XXXXXX)
chmod 755 "$WORK"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null || true
  [ -n "${REDIS_PID:-}" ] && kill "$REDIS_PID" 2>/dev/null || true
  as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

pg_start() { as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -o "-p $PG_PORT -k $WORK/run -c listen_addresses=127.0.0.1" -l "$WORK/run/pg.log" -w start >/dev/null; }
pg_stop() { as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null; }
redis_start() { redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >/dev/null & REDIS_PID=$!; sleep 0.3; }
redis_stop() { kill "$REDIS_PID"; wait "$REDIS_PID" 2>/dev/null || true; REDIS_PID=; }

mkdir "$WORK/pg" "$WORK/run" && chown postgres "$WORK/pg" "$WORK/run" 2>/dev/null || true
as_pg "$PGBIN/initdb" -D "$WORK/pg" -U postgres --auth=trust -E UTF8 >/dev/null
pg_start
redis_start

export DJANGO_DEBUG=0 DJANGO_SECRET_KEY=drill-$RANDOM-$RANDOM-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
export DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SESSION_COOKIE_SECURE=0
export DJANGO_CSRF_COOKIE_SECURE=0 NEWSROOM_SITE_URL=http://127.0.0.1:$APP_PORT
export DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/postgres REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
export NEWSROOM_VAR_DIR=$WORK/var DJANGO_LOG_LEVEL=ERROR
DJANGO_DEBUG=1 .venv/bin/python manage.py migrate --noinput >/dev/null  # the demo app too
DJANGO_DEBUG=1 .venv/bin/python manage.py load_demo >/dev/null
.venv/bin/python manage.py collectstatic --noinput >/dev/null
.venv/bin/gunicorn newsroom.wsgi --workers 2 --bind 127.0.0.1:$APP_PORT --timeout 30 \
  --log-level critical >/dev/null 2>&1 & APP_PID=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$APP_PORT/health/" && break; sleep 0.2; done

ARTICLE=$(curl -s "http://127.0.0.1:$APP_PORT/" | grep -m1 -o 'href="/article/[^"]*"' | cut -d'"' -f2 || true)
probe() {  # label: status of home, an article, search, the admin login POST; health body
  local home art search health
  home=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APP_PORT/")
  art=$(curl -s -o "$WORK/page" -w '%{http_code}' "http://127.0.0.1:$APP_PORT$ARTICLE")
  search=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APP_PORT/search/?q=%D8%A7%D9%84%D9%85%D8%BA%D8%B1%D8%A8")
  health=$(curl -s "http://127.0.0.1:$APP_PORT/health/")
  printf '%-28s home %s  article %s  search %s  health %s' "$1" "$home" "$art" "$search" "$health"
  grep -q 'غير متاح مؤقت' "$WORK/page" && printf '  (Arabic 503 page)'
  grep -qi 'traceback' "$WORK/page" && printf '  TRACEBACK!'
  echo
}
recover() {  # seconds until the article page answers 200 again
  local start=$(date +%s.%N)
  for _ in $(seq 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APP_PORT$ARTICLE")" = 200 ] && break
    sleep 0.1
  done
  printf '%-28s %.1f s\n' "$1" "$(echo "$(date +%s.%N) - $start" | bc)"
}

probe "all up"
redis_stop;  probe "redis stopped"; probe "redis stopped (again)"
redis_start; sleep 5.2; probe "redis started"
pg_stop;     probe "postgresql stopped"; probe "postgresql stopped (again)"
pg_start;    recover "recovered after start in"; probe "postgresql started"

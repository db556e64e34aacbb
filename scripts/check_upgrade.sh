#!/usr/bin/env bash
# A database built by the code before the rooms were split (commit c4aa27f) migrates
# forward without losing a row: build it with that commit's own migrate and load_demo,
# count, migrate with this checkout, count again.
#
#   bash scripts/check_upgrade.sh                       # SQLite
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_upgrade bash scripts/check_upgrade.sh
#
# On PostgreSQL the named database is dropped and created again: give a scratch name.
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE=c4aa27fe3bcf81fffa648d9f5afdd71799372d18
PY="$PWD/.venv/bin/python"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

git cat-file -e "$BEFORE^{commit}" 2>/dev/null || git fetch -q origin "$BEFORE" || {
  echo "commit $BEFORE is not in this clone's history"; exit 1; }
mkdir -p "$work/old" && git archive "$BEFORE" | tar -x -C "$work/old"

export DJANGO_DEBUG=1 NEWSROOM_VAR_DIR="$work/var"
if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  name=${DATABASE_URL##*/}
  case "$name" in test|postgres|test_*) echo "use a scratch database name, not $name"; exit 1;; esac
  psql "${DATABASE_URL%/*}/postgres" -qc "DROP DATABASE IF EXISTS \"$name\"" -c "CREATE DATABASE \"$name\""
fi

count() {  # the rows people care about, by table name (the same before and after)
  "$PY" manage.py shell --no-imports -c '
from django.db import connection
tables = {"articles": "articles_article", "tags": "articles_tag", "galleries": "articles_gallery",
          "photos": "articles_photo", "headlines": "ticker_headline", "users": "auth_user",
          "groups": "auth_user_groups", "search": "search_searchdocument"}
views = [t for t in ("articles_articledailyviews", "popularity_articledailyviews")
         if t in connection.introspection.table_names()]
tables["daily views"] = views[0]
with connection.cursor() as cursor:
    for label, table in tables.items():
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        print(label, cursor.fetchone()[0])
'
}

echo "== the database as commit ${BEFORE:0:7} built it"
(cd "$work/old" && "$PY" manage.py migrate -v0 && "$PY" manage.py load_demo >/dev/null)
before=$(cd "$work/old" && count)
echo "$before"

echo "== migrated forward by this checkout"
"$PY" manage.py migrate -v1 | grep -E "Applying|No migrations" || true
after=$(count)
echo "$after"
[ "$before" = "$after" ] || { echo "rows changed by the upgrade"; diff <(echo "$before") <(echo "$after"); exit 1; }
"$PY" manage.py load_demo
[ "$after" = "$(count)" ] || { echo "load_demo on the upgraded database added rows"; exit 1; }
"$PY" manage.py shell --no-imports -c '
from django.contrib.contenttypes.models import ContentType
from popularity.models import ArticleDailyViews
assert ArticleDailyViews.objects.exists()
assert ContentType.objects.get_for_model(ArticleDailyViews).app_label == "popularity"
'
"$PY" manage.py makemigrations --check --dry-run >/dev/null
echo "upgrade from ${BEFORE:0:7}: every row kept"
if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  psql "${DATABASE_URL%/*}/postgres" -qc "DROP DATABASE IF EXISTS \"$name\""
fi

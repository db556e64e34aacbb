#!/usr/bin/env bash
# Start Varnish in front of the newsroom's gunicorn, in the foreground.
#
#   VARNISH_LISTEN=0.0.0.0:80 BACKEND=127.0.0.1:8000 PURGERS="127.0.0.1 10.0.0.0/8" \
#     SITE_HOST=news.example.org deploy/varnish/start-varnish.sh
#
# BACKEND is gunicorn's address, PURGERS the addresses (or networks) of the app servers,
# the only ones whose BAN/PURGE requests are obeyed, SITE_HOST a name in the app's
# DJANGO_ALLOWED_HOSTS for the health probe (/health/; a sick backend gets no requests and
# readers get stale copies for up to a day instead). The app is told where Varnish is by
# NEWSROOM_VARNISH_URLS=http://<VARNISH_LISTEN>. Extra arguments go to varnishd.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
listen="${VARNISH_LISTEN:-127.0.0.1:6081}"
backend="${BACKEND:-127.0.0.1:8000}"
site_host="${SITE_HOST:-${backend%:*}}"
purgers="${PURGERS:-127.0.0.1}"
size="${VARNISH_MEMORY:-256m}"
workdir="${VARNISH_WORKDIR:-$(mktemp -d -t newsroom-varnish.XXXXXX)}"
mkdir -p "$workdir"

{
  echo "backend default {"
  echo "    .host = \"${backend%:*}\";"
  echo "    .port = \"${backend##*:}\";"
  echo "    .connect_timeout = 1s;"
  echo "    .first_byte_timeout = 30s;"
  echo "    .probe = {"
  echo "        .request = \"GET /health/ HTTP/1.1\" \"Host: $site_host\" \"Connection: close\";"
  echo "        .interval = 5s; .timeout = 2s; .window = 3; .threshold = 2; .initial = 2;"
  echo "    }"
  echo "}"
  echo "acl purgers {"
  for address in $purgers; do
    if [[ "$address" == */* ]]; then
      echo "    \"${address%/*}\"/${address#*/};"
    else
      echo "    \"$address\";"
    fi
  done
  echo "}"
} > "$workdir/site.vcl"

# -j none: no privilege separation, so any user (CI, a developer) can run it in a
# private working directory. http_gzip_support off: the application compresses (brotli
# or gzip) and says Vary: Accept-Encoding; Varnish keeps one copy per normalised coding.
exec varnishd -F -j none -n "$workdir" -a "$listen" \
  -p vcl_path="$workdir:$here" -f "$here/newsroom.vcl" \
  -p http_gzip_support=off -s "malloc,$size" "$@"

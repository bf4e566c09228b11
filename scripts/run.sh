#!/bin/sh
# make run: initialise the data folder on first use, then serve.
set -eu
BIN=$1 DATA=$2 LISTEN=$3
if [ ! -f "$DATA/portico.db" ]; then
  "$BIN" init --data "$DATA" --admin-email "${PORTICO_ADMIN_EMAIL:-admin@example.com}"
fi
echo "Admin UI: http://$LISTEN/admin/   Workspace: http://$LISTEN/"
exec "$BIN" serve --data "$DATA" --listen "$LISTEN"

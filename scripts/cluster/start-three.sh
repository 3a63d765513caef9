#!/bin/sh
# Starts three console instances on one PostgreSQL database, on ports 3101-3103
# (after `npm run build`), for a load balancer in front (scripts/cluster/haproxy.cfg).
# Ctrl-C stops all three; each gives the leader lease up as it stops.
set -eu
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database the three instances share}"
cd "$(dirname "$0")/../.."
pids=""
trap 'kill $pids 2>/dev/null; wait' INT TERM
for port in 3101 3102 3103; do
  TRUSTED_PROXIES=127.0.0.1 CONSOLE_ADDRESS="127.0.0.1:$port" node server.mjs -H 127.0.0.1 -p "$port" &
  pids="$pids $!"
  # One at a time: the first start migrates the database, the others find it up to date.
  until curl -fs "http://127.0.0.1:$port/api/health" >/dev/null 2>&1; do sleep 1; done
  echo "instance on :$port is up"
done
wait

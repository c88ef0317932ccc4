#!/usr/bin/env bash
# Sign-up latency through the gateway and the outbox's commit-to-delivery delay, against a running `./stack up`.
# Usage: load-tests/signup-latency.sh [N]   (N sign-ups, one at a time; default 200)
# Prints p50/p90/p99/max of POST /user/register, then user-service's stacks_outbox_delivery_delay quantiles.
set -euo pipefail
n=${1:-200}
here=$(cd "$(dirname "$0")/.." && pwd)
endpoints=${STACKS_DATA_DIR:-$here/.stack}/endpoints.json
[ -f "$endpoints" ] || { echo "no $endpoints: start the stack first (./stack up)" >&2; exit 2; }
field() { sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p" "$endpoints" | head -1; }
gateway=$(field gateway); users=$(field user-service)
run=$(date +%s%N)
times=$(mktemp)
trap 'rm -f "$times"' EXIT
for i in $(seq 1 "$n"); do
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST "$gateway/user/register" \
    -H 'Content-Type: application/json' \
    -d "{\"username\":\"bench-$run-$i@example.com\",\"password\":\"correct-horse-42\"}" >> "$times"
done
bad=$(awk '$1 != 201' "$times" | wc -l)
sort -k2 -n "$times" | awk -v n="$n" -v bad="$bad" '
  function at(q,   i) { i = int(NR * q); if (i < 1) i = 1; return t[i] }
  { t[NR] = $2 * 1000 }
  END {
    printf "sign-up (POST /user/register through the gateway), %d requests, %d not 201\n", n, bad
    printf "  p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms\n", at(0.50), at(0.90), at(0.99), t[NR]
  }'
sleep 3 # let the relay deliver the last mails
echo "outbox: commit to delivery at notification-service (user-service, since it started)"
curl -s "$users/q/metrics" | grep -E '^stacks_outbox_(delivery_delay_seconds\{|delivery_delay_seconds_(count|max)|delivered_total|dead_total)' \
  | sed 's/^/  /'

#!/usr/bin/env bash
# Measures the activity feed's and the statistics' queries on PostgreSQL against candidate indexes, to choose them.
#
# It makes a scratch database (dropped at the end unless BENCH_KEEP=1) on the server that etc/scripts/servers-start.sh
# starts, fills MsgMessages (the columns of the migrated table) with BENCH_ROWS rows spread over 5 tenants (one with
# half of them) and 30 days by generate_series, then, for each index set, runs every query BENCH_RUNS times with
# EXPLAIN (ANALYZE, BUFFERS) and prints the median execution time, the plan's scan node and the buffers it read. The
# queries have the shape of the SQL EF Core generates for the feed (MessageFeedQuery) and the statistics.
#
# Usage:
#   eval "$(etc/scripts/servers-start.sh)"; etc/scripts/bench-feed.sh
# Environment: BENCH_ROWS (5000000), BENCH_RUNS (5), BENCH_KEEP=1 keeps the database (its name is printed).
set -euo pipefail

ROWS="${BENCH_ROWS:-5000000}"
RUNS="${BENCH_RUNS:-5}"
DB="messaging_bench_feed_$$"
: "${ConnectionStrings__PostgreSql:?run eval \"\$(etc/scripts/servers-start.sh)\" first}"

# The server's settings come as an Npgsql connection string; psql reads them from PG* variables.
while IFS='=' read -r key value; do
    case "${key,,}" in
        host) export PGHOST="$value" ;;
        port) export PGPORT="$value" ;;
        username) export PGUSER="$value" ;;
        password) export PGPASSWORD="$value" ;;
    esac
done < <(tr ';' '\n' <<<"$ConnectionStrings__PostgreSql")

log() { printf '[bench-feed %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
on_server() { psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "$1"; }
in_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

cleanup() { [ "${BENCH_KEEP:-}" = 1 ] && log "kept database $DB" || on_server "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)"; }
on_server "CREATE DATABASE \"$DB\""
trap cleanup EXIT

log "loading $ROWS rows"
in_db <<SQL
CREATE TABLE "MsgMessages" (
    "Id" uuid PRIMARY KEY,
    "TenantId" uuid NOT NULL,
    "Channel" varchar(16) NOT NULL,
    "Recipient" varchar(320) NOT NULL,
    "Content" text NOT NULL,
    "Priority" varchar(16) NOT NULL,
    "MetadataJson" text,
    "IdempotencyKey" varchar(128),
    "RequestHash" varchar(64) NOT NULL,
    "AcceptedAt" timestamptz NOT NULL,
    "Status" varchar(16) NOT NULL,
    "StatusChangedAt" timestamptz NOT NULL,
    "ProviderName" varchar(32),
    "ProviderMessageId" varchar(128),
    "DispatchAttempts" integer NOT NULL,
    "DispatchRank" timestamptz,
    "NextAttemptAt" timestamptz,
    "FailureCode" varchar(64),
    "DispatchClaimToken" uuid,
    "DispatchClaimedUntil" timestamptz);
CREATE TABLE tenants (n int PRIMARY KEY, id uuid NOT NULL);
INSERT INTO tenants SELECT n, ('00000000-0000-0000-0000-00000000000' || n)::uuid FROM generate_series(1, 5) n;
-- Tenant 1 has half of the rows, tenants 2 to 5 share the rest; acceptance times spread evenly over 30 days.
INSERT INTO "MsgMessages"
SELECT gen_random_uuid(), t.id, c.channel, '+1415' || lpad((i % 100000)::text, 7, '0'),
       repeat('Your order has shipped and will arrive soon. ', 3), p.priority, NULL, NULL, md5(i::text),
       a.at, s.status, a.at + interval '3 seconds',
       CASE WHEN s.status IN ('Sent', 'Delivered', 'Failed') THEN 'sandbox' END,
       CASE WHEN s.status IN ('Sent', 'Delivered') THEN 'p' || i END,
       CASE WHEN s.status IN ('Accepted', 'Queued') THEN 0 ELSE 1 END,
       CASE WHEN s.status <> 'Accepted' THEN a.at END, NULL,
       CASE WHEN s.status = 'Failed' THEN 'invalid-number' END, NULL, NULL
FROM generate_series(1, $ROWS) i
CROSS JOIN LATERAL (SELECT CASE WHEN i % 2 = 0 THEN 1 ELSE 2 + i % 4 END AS n) tn
JOIN tenants t ON t.n = tn.n
CROSS JOIN LATERAL (SELECT timestamptz '2026-11-01 00:00:00+00' + (i::float8 / $ROWS) * interval '30 days' AS at) a
CROSS JOIN LATERAL (SELECT (ARRAY['Sms', 'Sms', 'Sms', 'WhatsApp', 'WhatsApp', 'Email', 'Webhook'])[1 + i % 7] AS channel) c
CROSS JOIN LATERAL (SELECT (ARRAY['Normal', 'Normal', 'Normal', 'High', 'Low', 'Critical'])[1 + (i / 7) % 6] AS priority) p
CROSS JOIN LATERAL (SELECT CASE WHEN i % 1000 = 3 THEN 'Failed' WHEN i % 50 = 1 THEN 'Queued' WHEN i % 10 = 2 THEN 'Sent'
                                ELSE 'Delivered' END AS status) s;
-- The indexes every migration so far made, but the feed's own.
CREATE UNIQUE INDEX "IX_MsgMessages_TenantId_IdempotencyKey" ON "MsgMessages" ("TenantId", "IdempotencyKey") WHERE "IdempotencyKey" IS NOT NULL;
CREATE INDEX "IX_MsgMessages_Status_DispatchRank" ON "MsgMessages" ("Status", "DispatchRank");
CREATE UNIQUE INDEX "IX_MsgMessages_ProviderName_ProviderMessageId" ON "MsgMessages" ("ProviderName", "ProviderMessageId") WHERE "ProviderMessageId" IS NOT NULL;
VACUUM ANALYZE "MsgMessages";
SQL

TENANT="'00000000-0000-0000-0000-000000000001'"
# A cursor halfway through tenant 1's messages: the row the previous page ended with.
IFS='|' read -r CURSOR_AT CURSOR_ID < <(in_db -At -F '|' -c "SELECT \"AcceptedAt\", \"Id\" FROM \"MsgMessages\" WHERE \"TenantId\" = $TENANT
    ORDER BY \"AcceptedAt\" DESC, \"Id\" DESC OFFSET $((ROWS / 4)) LIMIT 1")
CURSOR_AT="'$CURSOR_AT'"; CURSOR_ID="'$CURSOR_ID'"
FEED_COLUMNS='"Id", "Status", "Channel", "Priority", "Recipient", "AcceptedAt", "StatusChangedAt", "DispatchAttempts", "ProviderName", "FailureCode"'
FEED_ORDER='ORDER BY "AcceptedAt" DESC, "Id" DESC LIMIT 51'
AFTER_CURSOR="\"AcceptedAt\" <= $CURSOR_AT AND (\"AcceptedAt\" < $CURSOR_AT OR \"Id\" < $CURSOR_ID)"

declare -A QUERIES=(
    [feed-first-page]="SELECT $FEED_COLUMNS FROM \"MsgMessages\" WHERE \"TenantId\" = $TENANT $FEED_ORDER"
    [feed-deep-page]="SELECT $FEED_COLUMNS FROM \"MsgMessages\" WHERE \"TenantId\" = $TENANT AND $AFTER_CURSOR $FEED_ORDER"
    [feed-status-failed]="SELECT $FEED_COLUMNS FROM \"MsgMessages\" WHERE \"TenantId\" = $TENANT AND \"Status\" = 'Failed' $FEED_ORDER"
    [feed-channel-email]="SELECT $FEED_COLUMNS FROM \"MsgMessages\" WHERE \"TenantId\" = $TENANT AND \"Channel\" = 'Email' $FEED_ORDER"
    [feed-recipient]="SELECT $FEED_COLUMNS FROM \"MsgMessages\" WHERE \"TenantId\" = $TENANT AND \"Recipient\" = '+14150012346' $FEED_ORDER"
    [feed-range-1h]="SELECT $FEED_COLUMNS FROM \"MsgMessages\" WHERE \"TenantId\" = $TENANT AND \"AcceptedAt\" >= '2026-11-10 10:00:00+00' AND \"AcceptedAt\" < '2026-11-10 11:00:00+00' $FEED_ORDER"
    [stats-1-day-by-hour]="SELECT date_trunc('hour', \"AcceptedAt\" AT TIME ZONE 'UTC'), \"Status\", \"Channel\", count(*) FROM \"MsgMessages\" WHERE \"TenantId\" = $TENANT AND \"AcceptedAt\" >= '2026-11-10 00:00:00+00' AND \"AcceptedAt\" < '2026-11-11 00:00:00+00' GROUP BY 1, 2, 3"
    [stats-7-days-by-day]="SELECT date_trunc('day', \"AcceptedAt\" AT TIME ZONE 'UTC'), \"Status\", \"Channel\", count(*) FROM \"MsgMessages\" WHERE \"TenantId\" = $TENANT AND \"AcceptedAt\" >= '2026-11-10 00:00:00+00' AND \"AcceptedAt\" < '2026-11-17 00:00:00+00' GROUP BY 1, 2, 3"
)
ORDER=(feed-first-page feed-deep-page feed-status-failed feed-channel-email feed-recipient feed-range-1h stats-1-day-by-hour stats-7-days-by-day)

declare -A INDEX_SETS=(
    [none]=""
    [tenant-acceptedat]='CREATE INDEX ix_a ON "MsgMessages" ("TenantId", "AcceptedAt")'
    [tenant-acceptedat-id]='CREATE INDEX ix_a ON "MsgMessages" ("TenantId", "AcceptedAt" DESC, "Id" DESC)'
    [tenant-acceptedat-id-include]='CREATE INDEX ix_a ON "MsgMessages" ("TenantId", "AcceptedAt" DESC, "Id" DESC) INCLUDE ("Status", "Channel")'
    [include+status+recipient]='CREATE INDEX ix_a ON "MsgMessages" ("TenantId", "AcceptedAt" DESC, "Id" DESC) INCLUDE ("Status", "Channel");
        CREATE INDEX ix_b ON "MsgMessages" ("TenantId", "Status", "AcceptedAt" DESC, "Id" DESC);
        CREATE INDEX ix_c ON "MsgMessages" ("TenantId", "Recipient", "AcceptedAt" DESC, "Id" DESC)'
)
SETS=(none tenant-acceptedat tenant-acceptedat-id tenant-acceptedat-id-include include+status+recipient)

printf '| index set | query | median ms | scan | buffers |\n|---|---|---|---|---|\n'
for set in "${SETS[@]}"; do
    in_db -c 'SET client_min_messages = warning; DROP INDEX IF EXISTS ix_a, ix_b, ix_c'
    if [ -n "${INDEX_SETS[$set]}" ]; then
        in_db -c "${INDEX_SETS[$set]}"
        in_db -c 'VACUUM ANALYZE "MsgMessages"'
    fi
    size="$(in_db -At -c "SELECT coalesce(pg_size_pretty(sum(pg_relation_size(c.oid))), '-') FROM pg_class c WHERE c.relname IN ('ix_a', 'ix_b', 'ix_c')")"
    log "index set $set ($size)"
    for name in "${ORDER[@]}"; do
        times=()
        for _ in $(seq "$RUNS"); do
            plan="$(in_db -At -c "EXPLAIN (ANALYZE, BUFFERS) ${QUERIES[$name]}")"
            times+=("$(sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p' <<<"$plan")")
        done
        median="$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")"
        scan="$(grep -oE '(Parallel )?(Seq Scan|Index Only Scan( Backward)?|Index Scan( Backward)?|Bitmap Heap Scan)( using "?[A-Za-z_]+"?)? on "?MsgMessages"?' <<<"$plan" | head -1 || true)"
        buffers="$(grep -m1 -oE 'Buffers: shared [^)]*' <<<"$plan" | sed 's/Buffers: shared //' || true)"
        printf '| %s (%s) | %s | %s | %s | %s |\n' "$set" "$size" "$name" "$median" "$scan" "$buffers"
    done
done

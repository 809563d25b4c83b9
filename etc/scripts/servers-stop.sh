#!/usr/bin/env bash
# Stops the servers etc/scripts/servers-start.sh started and removes their data folders.
set -uo pipefail

root="${MESSAGING_SERVERS_DIR:-${TMPDIR:-/tmp}/messaging-servers}"
postgres_port=25432
redis_port=26379
epmd_port=24369

log() { echo "servers: $*" >&2; }

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Waits for a process to end, then kills it if it has not: the data folder goes next.
stop_pid() {
  local pid=$1 what=$2 i
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  log "$what ($pid) did not stop; killing it"
  kill -9 "$pid" 2>/dev/null
}

if [ -f "$root/postgresql/data/postmaster.pid" ]; then
  log "stopping PostgreSQL on port $postgres_port"
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  pid=$(head -n 1 "$root/postgresql/data/postmaster.pid")
  as_postgres "$bin/pg_ctl" -D "$root/postgresql/data" -m fast -w stop >&2 || true
  stop_pid "$pid" PostgreSQL
fi

if [ -f "$root/redis/redis.pid" ]; then
  log "stopping Redis on port $redis_port"
  pid=$(cat "$root/redis/redis.pid")
  redis-cli -h 127.0.0.1 -p "$redis_port" shutdown nosave >/dev/null 2>&1 || kill "$pid" 2>/dev/null
  stop_pid "$pid" Redis
fi

if [ -f "$root/rabbitmq/rabbitmq.pid" ]; then
  log "stopping RabbitMQ"
  pid=$(cat "$root/rabbitmq/rabbitmq.pid")
  kill "$pid" 2>/dev/null
  stop_pid "$pid" RabbitMQ
fi

if [ -f "$root/s3rver/s3rver.pid" ]; then
  log "stopping s3rver"
  pid=$(cat "$root/s3rver/s3rver.pid")
  kill "$pid" 2>/dev/null
  stop_pid "$pid" s3rver
fi

# The epmd the RabbitMQ node started on its own port; a system one on the default port is left alone.
for epmd in /usr/lib/erlang/erts-*/bin/epmd; do
  [ -x "$epmd" ] && ERL_EPMD_PORT=$epmd_port "$epmd" -kill >/dev/null 2>&1
done

rm -rf "$root"
log "stopped; removed $root"

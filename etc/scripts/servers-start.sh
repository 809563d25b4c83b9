#!/usr/bin/env bash
# Starts throwaway PostgreSQL, Redis and RabbitMQ servers and an S3-compatible server (s3rver, from npm) for development
# and tests, on 127.0.0.1 and on ports that leave any system-wide servers alone. Installs the Debian packages (Postfix
# too, unconfigured, for the tests' smtp-sink; s3rver with npm) first if they are missing.
# Prints only "export NAME=value" lines on stdout, so callers can:  eval "$(etc/scripts/servers-start.sh)"
# Running it again while the servers run just prints the settings. etc/scripts/servers-stop.sh undoes it.
set -euo pipefail

root="${MESSAGING_SERVERS_DIR:-${TMPDIR:-/tmp}/messaging-servers}"
# Below the kernel's ephemeral range (32768-60999 by default): a port in it can be held by any client socket, and a
# benchmark's thousands of connections made RabbitMQ fail to listen on 55672 (eaddrinuse) on a fresh start.
postgres_port=25432
redis_port=26379
amqp_port=25672
# RabbitMQ would derive its distribution port as AMQP + 20000 and the CLI's as that + 10000,
# and share epmd on 4369 with a system RabbitMQ; all are chosen explicitly instead.
rabbit_dist_port=25682
rabbit_ctl_ports=(25683 25692)
epmd_port=24369
s3_port=24580
s3rver_version=3.7.1
# Kept outside the data folder, so servers-stop.sh does not make the next start download it again.
s3rver_dir="${MESSAGING_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/messaging-tools}/s3rver-$s3rver_version"

log() { echo "servers: $*" >&2; }
fail() { echo "servers: $*" >&2; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# PostgreSQL refuses to run as root; as root the postgres system user runs it, otherwise the caller does.
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

postgres_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || fail "no PostgreSQL binaries under /usr/lib/postgresql/*/bin"
  echo "$dir"
}

# Random once per data folder, so a rerun prints the same settings.
secrets() {
  if [ ! -f "$root/secrets" ]; then
    (
      umask 077
      echo "postgres_password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')" >"$root/secrets"
      echo "rabbit_password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')" >>"$root/secrets"
    )
  fi
  # shellcheck disable=SC1091
  . "$root/secrets"
}

wait_until() {
  local what=$1 seconds=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || fail "$what did not answer within ${seconds}s"
    sleep 0.5
  done
}

start_postgres() {
  local bin data=$root/postgresql/data run=$root/postgresql/run
  bin=$(postgres_bin)
  if [ ! -f "$data/PG_VERSION" ]; then
    log "creating a PostgreSQL cluster in $data"
    mkdir -p "$root/postgresql"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$root/postgresql"
    as_postgres test -w "$root/postgresql" \
      || fail "the postgres user cannot write to $root/postgresql; point MESSAGING_SERVERS_DIR at a folder it can reach"
    as_postgres mkdir -p "$data" "$run"
    as_postgres "$bin/initdb" -D "$data" -U postgres --auth-local=peer --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >&2
  fi
  if ! as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "starting PostgreSQL on 127.0.0.1:$postgres_port"
    as_postgres "$bin/pg_ctl" -D "$data" -l "$root/postgresql/server.log" -w -t 60 \
      -o "-p $postgres_port -k $run -c listen_addresses=127.0.0.1 -c max_connections=200" start >&2 \
      || fail "PostgreSQL did not start; see $root/postgresql/server.log"
  fi
  wait_until PostgreSQL 60 "$bin/pg_isready" -q -h 127.0.0.1 -p "$postgres_port"

  as_postgres "$bin/psql" -q -v ON_ERROR_STOP=1 -h "$run" -p "$postgres_port" -U postgres -d postgres \
    -v password="$postgres_password" >&2 <<'SQL'
SELECT format('CREATE ROLE messaging LOGIN CREATEDB PASSWORD %L', :'password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'messaging') \gexec
SELECT 'CREATE DATABASE messaging OWNER messaging'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'messaging') \gexec
-- Tests drop their databases WITH (FORCE); an autovacuum worker in one runs as a superuser, and ending it needs this.
GRANT pg_signal_backend TO messaging;
SQL
}

start_redis() {
  mkdir -p "$root/redis"
  if ! redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG; then
    log "starting Redis on 127.0.0.1:$redis_port"
    redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$root/redis" --daemonize yes \
      --pidfile "$root/redis/redis.pid" --logfile "$root/redis/redis.log" --save "" --appendonly no >&2
  fi
  wait_until Redis 30 bash -c "redis-cli -h 127.0.0.1 -p $redis_port ping | grep -q PONG"
}

# The RabbitMQ scripts read their whole setup from these; HOME holds the Erlang cookie the CLI must share.
rabbit_env() {
  export HOME="$root/rabbitmq/home"
  export RABBITMQ_NODENAME="messaging@localhost"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT=$amqp_port
  export RABBITMQ_DIST_PORT=$rabbit_dist_port
  export RABBITMQ_CTL_DIST_PORT_MIN=${rabbit_ctl_ports[0]}
  export RABBITMQ_CTL_DIST_PORT_MAX=${rabbit_ctl_ports[1]}
  export ERL_EPMD_PORT=$epmd_port
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_MNESIA_BASE="$root/rabbitmq/mnesia"
  export RABBITMQ_LOG_BASE="$root/rabbitmq/log"
  export RABBITMQ_PID_FILE="$root/rabbitmq/rabbitmq.pid"
  export RABBITMQ_CONFIG_FILE="$root/rabbitmq/rabbitmq"
  export RABBITMQ_ADVANCED_CONFIG_FILE="$root/rabbitmq/advanced.config"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$root/rabbitmq/enabled_plugins"
  export RABBITMQ_CONF_ENV_FILE="$root/rabbitmq/rabbitmq-env.conf"
}

rabbit_bin() {
  local dir
  for dir in /usr/lib/rabbitmq/bin /usr/sbin; do
    [ -x "$dir/rabbitmq-server" ] && { echo "$dir"; return; }
  done
  fail "rabbitmq-server not found"
}

start_rabbitmq() {
  local bin
  bin=$(rabbit_bin)
  (
    rabbit_env
    mkdir -p "$HOME" "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
    [ -f "$RABBITMQ_ENABLED_PLUGINS_FILE" ] || echo "[]." >"$RABBITMQ_ENABLED_PLUGINS_FILE"
    touch "$RABBITMQ_CONF_ENV_FILE"
    # A node still booting does not answer yet, but holds the ports: a second one would fail on them.
    if ! kill -0 "$(cat "$RABBITMQ_PID_FILE" 2>/dev/null || echo none)" 2>/dev/null; then
      log "starting RabbitMQ on 127.0.0.1:$amqp_port"
      "$bin/rabbitmq-server" -detached >&2
    fi
    # Each CLI call starts an Erlang VM (a second or more), so a node set up before is only checked on its port below.
    if [ ! -f "$root/rabbitmq/user-created" ]; then
      # await_startup needs a node that epmd knows already; ping waits for that first.
      wait_until RabbitMQ 120 "$bin/rabbitmq-diagnostics" -q ping
      "$bin/rabbitmqctl" -q --timeout 120 await_startup >&2 || fail "RabbitMQ did not start; see $RABBITMQ_LOG_BASE"
      if ! "$bin/rabbitmqctl" -q list_users | grep -q '^messaging\b'; then
        "$bin/rabbitmqctl" -q add_user messaging "$rabbit_password" >&2
      fi
      "$bin/rabbitmqctl" -q set_permissions -p / messaging '.*' '.*' '.*' >&2
      touch "$root/rabbitmq/user-created"
    fi
    # Fault tests stop and start the broker's application; this wrapper gives them the node's CLI settings.
    {
      echo '#!/usr/bin/env bash'
      export -p | grep -E ' (HOME|RABBITMQ_[A-Z_]+|ERL_[A-Z_]+)='
      echo "exec \"$bin/rabbitmqctl\" \"\$@\""
    } >"$root/rabbitmq/rabbitmqctl"
    chmod +x "$root/rabbitmq/rabbitmqctl"
  )
  wait_until RabbitMQ 30 bash -c "exec 3<>/dev/tcp/127.0.0.1/$amqp_port"
}

# s3rver keeps objects as files and checks no credentials; path-style addressing (Blobs:ForcePathStyle) reaches it.
start_s3rver() {
  if [ ! -x "$s3rver_dir/node_modules/.bin/s3rver" ]; then
    log "installing s3rver $s3rver_version with npm into $s3rver_dir"
    mkdir -p "$s3rver_dir"
    npm install --prefix "$s3rver_dir" --no-audit --no-fund --loglevel=error "s3rver@$s3rver_version" >&2 \
      || fail "npm could not install s3rver"
  fi
  mkdir -p "$root/s3rver/data"
  if ! kill -0 "$(cat "$root/s3rver/s3rver.pid" 2>/dev/null || echo none)" 2>/dev/null; then
    log "starting s3rver on 127.0.0.1:$s3_port"
    nohup "$s3rver_dir/node_modules/.bin/s3rver" -d "$root/s3rver/data" -a 127.0.0.1 -p "$s3_port" \
      --configure-bucket attachments --silent >"$root/s3rver/s3rver.log" 2>&1 &
    echo $! >"$root/s3rver/s3rver.pid"
  fi
  wait_until s3rver 30 bash -c "exec 3<>/dev/tcp/127.0.0.1/$s3_port"
}

started=$SECONDS
"$(dirname "$0")/install-debian-packages.sh" postgresql redis-server rabbitmq-server || fail "the test servers cannot be installed"
# Postfix's smtp-sink is the real MTA the email tests meet; without it only those tests fail, saying it is missing.
"$(dirname "$0")/install-smtp-sink.sh" || log "smtp-sink cannot be installed; the tests that send to it will fail"
# A Node.js from elsewhere brings its own npm; Debian's npm package would conflict with it.
command -v npm >/dev/null || "$(dirname "$0")/install-debian-packages.sh" nodejs npm || fail "npm cannot be installed for s3rver"
mkdir -p "$root"
chmod 755 "$root"
secrets
start_postgres
start_redis
start_rabbitmq
start_s3rver
log "ready in $((SECONDS - started))s (data in $root)"

cat <<EOF
export ConnectionStrings__PostgreSql='Host=127.0.0.1;Port=$postgres_port;Database=messaging;Username=messaging;Password=$postgres_password'
export Redis__Configuration='127.0.0.1:$redis_port'
export RabbitMQ__Connections__Default__HostName='127.0.0.1'
export RabbitMQ__Connections__Default__Port='$amqp_port'
export RabbitMQ__Connections__Default__UserName='messaging'
export RabbitMQ__Connections__Default__Password='$rabbit_password'
export MESSAGING_TEST_RABBITMQCTL='$root/rabbitmq/rabbitmqctl'
export MESSAGING_TEST_S3_URL='http://127.0.0.1:$s3_port'
EOF

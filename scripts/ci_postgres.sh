#!/usr/bin/env bash
# Install and start a PostgreSQL server on loopback for the tests, as root on a Debian machine; idempotent.
#
#   url=$(bash scripts/ci_postgres.sh | tail -n 1)   # postgresql+psycopg://indicators:indicators@127.0.0.1:5432/indicators_test
#
# Installs Debian's `postgresql` when its cluster tools are missing, starts the packaged cluster (creating
# one if there is none; as a last resort an initdb into a temporary folder started with pg_ctl as the
# postgres user), creates the role `indicators` (password `indicators`) and the database `indicators_test`,
# checks that a password login over TCP works, and prints the SQLAlchemy URL as the last line of stdout.
# Progress goes to stderr. Exits non-zero when PostgreSQL cannot be installed, started or reached.
set -euo pipefail

ROLE=indicators
PASSWORD=indicators
DATABASE=indicators_test
PORT="${PGPORT_WANTED:-5432}"
START_TIMEOUT=60

say() { echo "ci_postgres: $*" >&2; }
die() { say "FAILED: $*"; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (it installs packages and starts the server as the postgres user)"

if ! command -v pg_lsclusters >/dev/null || ! command -v pg_ctlcluster >/dev/null; then
  say "installing postgresql with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || die "apt-get update failed"
  apt-get install -y -qq postgresql >&2 || die "apt-get install postgresql failed"
fi
command -v pg_lsclusters >/dev/null || die "pg_lsclusters missing after installing postgresql"

version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
[ -n "$version" ] || die "no PostgreSQL server binaries under /usr/lib/postgresql"
bindir="/usr/lib/postgresql/$version/bin"

as_postgres() { runuser -u postgres -- "$@"; }

wait_ready() {  # host port
  local deadline=$((SECONDS + START_TIMEOUT))
  until "$bindir/pg_isready" -q -h "$1" -p "$2"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.5
  done
}

socket_dir=""
# 1. the packaged cluster: "<ver> <name> <port> <status> ..." (pg_lsclusters -h prints no header)
cluster=$(pg_lsclusters -h 2>/dev/null | awk -v v="$version" '$1 == v && $2 == "main" {print; exit}')
if [ -z "$cluster" ] && command -v pg_createcluster >/dev/null; then
  say "creating cluster $version/main on port $PORT"
  pg_createcluster "$version" main --port "$PORT" >&2 || say "pg_createcluster failed; trying initdb"
  cluster=$(pg_lsclusters -h 2>/dev/null | awk -v v="$version" '$1 == v && $2 == "main" {print; exit}')
fi
if [ -n "$cluster" ]; then
  PORT=$(echo "$cluster" | awk '{print $3}')
  if ! echo "$cluster" | awk '{print $4}' | grep -q online; then
    say "starting cluster $version/main on port $PORT"
    pg_ctlcluster "$version" main start >&2 || {
      log=$(echo "$cluster" | awk '{print $7}')
      [ -f "$log" ] && tail -n 20 "$log" >&2
      die "pg_ctlcluster $version main start failed"
    }
  fi
  socket_dir=/var/run/postgresql
else
  # 2. no cluster could be made: initdb into a temporary folder and start it with pg_ctl.
  id postgres >/dev/null 2>&1 || die "no postgres user to run the server as"
  datadir=$(mktemp -d /tmp/indicators-pg-XXXXXX)
  chown postgres:postgres "$datadir"
  socket_dir="$datadir"
  say "initdb into $datadir, starting on port $PORT"
  as_postgres "$bindir/initdb" -D "$datadir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 >&2 \
    || die "initdb failed"
  as_postgres "$bindir/pg_ctl" -D "$datadir/data" -l "$datadir/server.log" -w -t "$START_TIMEOUT" \
    -o "-p $PORT -k $datadir -c listen_addresses=127.0.0.1" start >&2 \
    || { tail -n 20 "$datadir/server.log" >&2 || true; die "pg_ctl start failed"; }
fi

wait_ready 127.0.0.1 "$PORT" || die "PostgreSQL does not accept connections on 127.0.0.1:$PORT"

psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -h "$socket_dir" -p "$PORT" -d postgres "$@"; }
psql_admin -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD';
  ELSE
    ALTER ROLE $ROLE LOGIN PASSWORD '$PASSWORD';
  END IF;
END \$\$;" >&2 || die "cannot create the role $ROLE"
if [ "$(psql_admin -tA -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE $DATABASE OWNER $ROLE" >&2 || die "cannot create the database $DATABASE"
fi
PGPASSWORD="$PASSWORD" psql -X -q -h 127.0.0.1 -p "$PORT" -U "$ROLE" -d "$DATABASE" -tA -c "SELECT 1" >/dev/null \
  || die "cannot log in as $ROLE over TCP on 127.0.0.1:$PORT"

say "PostgreSQL $version is up on 127.0.0.1:$PORT"
echo "postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DATABASE"

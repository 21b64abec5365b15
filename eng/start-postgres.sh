#!/usr/bin/env bash
# Starts the machine's PostgreSQL server (Debian's `postgresql` package, which eng/bootstrap.sh installs) and makes
# sure the role and database the tests use exist, with password login over TCP on 127.0.0.1.
#
# Idempotent and non-interactive; when everything is in place it takes well under a second. The PostgreSQL sample's
# tests run it from their fixture, and it can be run by hand:
#
#   bash eng/start-postgres.sh
#
# On success the last line of standard output is an Npgsql connection string, e.g.
#   Host=127.0.0.1;Port=5432;Database=connect_sdk_test;Username=connect_sdk_test;Password=connect_sdk_test
#
# Exit codes: 0 ready; 3 PostgreSQL is not installed (the tests skip, except under CI=true); anything else is an error.
#
# Environment:
#   CONNECT_SDK_PG_DATABASE, CONNECT_SDK_PG_USER, CONNECT_SDK_PG_PASSWORD   (default connect_sdk_test for all three)
#   CONNECT_SDK_PG_CLUSTER   the cluster of the newest installed version to use (default main)
set -euo pipefail

database="${CONNECT_SDK_PG_DATABASE:-connect_sdk_test}"
user="${CONNECT_SDK_PG_USER:-connect_sdk_test}"
password="${CONNECT_SDK_PG_PASSWORD:-connect_sdk_test}"
cluster_name="${CONNECT_SDK_PG_CLUSTER:-main}"

log() { printf '[start-postgres] %s\n' "$*" >&2; }
die() { printf '[start-postgres] error: %s\n' "$*" >&2; exit 1; }

for name in "$database" "$user"; do
    [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]] || die "'$name' is not a plain lower-case SQL identifier"
done
[[ "$password" != *"'"* ]] || die "the password must not contain a single quote"

if ! command -v pg_lsclusters >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    log "PostgreSQL is not installed (Debian package 'postgresql'; eng/bootstrap.sh installs it)"
    exit 3
fi

# As root directly; otherwise through sudo without a password prompt (stdin may be closed).
if [ "$(id -u)" -eq 0 ]; then
    as_root() { "$@"; }
    as_postgres() { su postgres -s /bin/bash -c "$(printf '%q ' "$@")"; }
else
    command -v sudo >/dev/null 2>&1 || die "not root and no sudo: cannot start PostgreSQL"
    as_root() { sudo -n "$@"; }
    as_postgres() { sudo -n -u postgres "$@"; }
fi

# The newest installed major version.
version="$(ls -d /usr/lib/postgresql/*/bin/postgres | sed -E 's#^/usr/lib/postgresql/([^/]+)/bin/postgres$#\1#' | sort -V | tail -n1)"

# pg_lsclusters -h: "version cluster port status owner datadir logfile".
cluster_line() { pg_lsclusters -h 2>/dev/null | awk -v v="$version" -v c="$cluster_name" '$1 == v && $2 == c'; }

if [ -z "$(cluster_line)" ]; then
    log "creating cluster $version/$cluster_name"
    as_root pg_createcluster "$version" "$cluster_name" >/dev/null </dev/null \
        || die "pg_createcluster $version $cluster_name failed"
fi

if [ "$(cluster_line | awk '{print $4}')" != "online" ]; then
    log "starting cluster $version/$cluster_name"
    if ! as_root pg_ctlcluster "$version" "$cluster_name" start </dev/null; then
        log "last lines of the server log:"
        tail -n 20 "/var/log/postgresql/postgresql-$version-$cluster_name.log" >&2 || true
        die "pg_ctlcluster $version $cluster_name start failed"
    fi
fi

port="$(cluster_line | awk '{print $3}')"
[ -n "$port" ] || die "cannot tell the port of cluster $version/$cluster_name"

for _ in $(seq 1 50); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 0.2
done
pg_isready -q -h 127.0.0.1 -p "$port" || die "the server does not accept connections on 127.0.0.1:$port"

psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres "$@" </dev/null; }

psql_admin -c "DO \$\$ BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = '$user') THEN
        ALTER ROLE $user WITH LOGIN PASSWORD '$password';
    ELSE
        CREATE ROLE $user WITH LOGIN PASSWORD '$password';
    END IF;
END \$\$;" || die "could not create the role $user"

if [ "$(psql_admin -tA -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != "1" ]; then
    log "creating database $database"
    psql_admin -c "CREATE DATABASE $database OWNER $user" || die "could not create the database $database"
fi

# Debian's default pg_hba.conf allows password (scram-sha-256) logins from 127.0.0.1; check that it does here.
PGPASSWORD="$password" psql -X -q -h 127.0.0.1 -p "$port" -U "$user" -d "$database" -c "SELECT 1" >/dev/null </dev/null \
    || die "$user cannot log in to $database over TCP on 127.0.0.1:$port with its password (check pg_hba.conf)"

echo "Host=127.0.0.1;Port=$port;Database=$database;Username=$user;Password=$password"

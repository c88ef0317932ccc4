#!/bin/bash
# The official mysql image's entrypoint, reduced to what docker-compose.yml uses, for MariaDB: on an empty data
# directory it initialises it, sets the root password (MYSQL_ROOT_PASSWORD, MYSQL_RANDOM_ROOT_PASSWORD or
# MYSQL_ALLOW_EMPTY_PASSWORD), creates MYSQL_USER/MYSQL_PASSWORD at '%' (and MYSQL_DATABASE) and runs
# /docker-entrypoint-initdb.d/*.sql|*.sql.gz|*.sh as root on a temporary socket-only server; then it runs the
# server on 0.0.0.0:3306.
set -euo pipefail

log() { echo "$(date -u +%FT%TZ) [Entrypoint]: $*" >&2; }

case "${1:-mysqld}" in
  mysqld|mariadbd) shift || true ;;
  -*) ;;
  *) exec "$@" ;;
esac

datadir=/var/lib/mysql
rundir=/var/run/mysqld
if [ ! -w "$rundir" ]; then
  # podman 4.3 with --read-only mounts a tmpfs on /run first, and a `/var/run/mysqld:mode=1777` tmpfs inside it then
  # comes out 1755 root (Docker makes it 1777). Only the socket and the pid file live there; clients use TCP.
  log "$rundir is not writable by $(id -u): the socket and pid file go to /tmp"
  rundir=/tmp
fi
socket=$rundir/mysqld.sock
server=(mariadbd --datadir="$datadir" --socket="$socket" --pid-file="$rundir/mysqld.pid" --skip-name-resolve)
install=(mariadb-install-db --datadir="$datadir" --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve)
if [ "$(id -u)" = 0 ]; then
  chown mysql:mysql "$datadir"
  server+=(--user=mysql)
  install+=(--user=mysql)
fi

sql_string() { local v=${1//\\/\\\\}; printf "'%s'" "${v//\'/\\\'}"; }

if [ ! -d "$datadir/mysql" ]; then
  if [ -z "${MYSQL_ROOT_PASSWORD:-}" ] && [ -z "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ] && [ -z "${MYSQL_ALLOW_EMPTY_PASSWORD:-}" ]; then
    log "Database is uninitialized and password option is not specified"
    log "  You need to specify one of MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD and MYSQL_RANDOM_ROOT_PASSWORD"
    exit 1
  fi
  log "Initializing database files in $datadir"
  "${install[@]}" >/dev/null
  log "Starting temporary server"
  "${server[@]}" --skip-networking "$@" &
  pid=$!
  for _ in $(seq 1 60); do
    mariadb-admin --protocol=socket --socket="$socket" -uroot ping --silent 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { log "the temporary server exited"; exit 1; }
    sleep 1
  done
  root_password=${MYSQL_ROOT_PASSWORD:-}
  if [ -n "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ]; then
    root_password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
    log "GENERATED ROOT PASSWORD: $root_password"
  fi
  {
    echo "DROP USER IF EXISTS ''@'localhost', ''@'$(hostname)', 'root'@'$(hostname)';"
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY $(sql_string "$root_password");"
    echo "CREATE USER 'root'@'${MYSQL_ROOT_HOST:-%}' IDENTIFIED BY $(sql_string "$root_password");"
    echo "GRANT ALL ON *.* TO 'root'@'${MYSQL_ROOT_HOST:-%}' WITH GRANT OPTION;"
    if [ -n "${MYSQL_DATABASE:-}" ]; then
      echo "CREATE DATABASE IF NOT EXISTS \`$MYSQL_DATABASE\`;"
    fi
    if [ -n "${MYSQL_USER:-}" ] && [ -n "${MYSQL_PASSWORD:-}" ]; then
      echo "CREATE USER $(sql_string "$MYSQL_USER")@'%' IDENTIFIED BY $(sql_string "$MYSQL_PASSWORD");"
      if [ -n "${MYSQL_DATABASE:-}" ]; then
        echo "GRANT ALL ON \`$MYSQL_DATABASE\`.* TO $(sql_string "$MYSQL_USER")@'%';"
      fi
    fi
    echo "FLUSH PRIVILEGES;"
  } | mariadb --protocol=socket --socket="$socket" -uroot
  export MYSQL_PWD=$root_password
  client=(mariadb --protocol=socket --socket="$socket" -uroot ${MYSQL_DATABASE:+"$MYSQL_DATABASE"})
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh) log "running $f"; . "$f" ;;
      *.sql) log "running $f"; "${client[@]}" < "$f" ;;
      *.sql.gz) log "running $f"; gunzip -c "$f" | "${client[@]}" ;;
      *) if [ -e "$f" ]; then log "ignoring $f"; fi ;;
    esac
  done
  mariadb-admin --protocol=socket --socket="$socket" -uroot shutdown
  wait "$pid"
  unset MYSQL_PWD
  log "MySQL init process done. Ready for start up."
fi

exec "${server[@]}" --bind-address=0.0.0.0 --port=3306 "$@"

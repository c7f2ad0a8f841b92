#!/usr/bin/env bash
# Runs a locally built Asterisk (ASTERISK_PREFIX) on 127.0.0.1 with exactly the sample
# configuration in deploy/asterisk/, pointed at a Switchboard database over ODBC.
#
#   scripts/asterisk/run.sh start|stop|status
#
# Settings (environment):
#   ASTERISK_PREFIX   install prefix of a built Asterisk 20/22 (sbin/asterisk, lib/asterisk/modules)
#   DATABASE_URL      mysql://user[:password]@host[:port]/database with Switchboard's ARA tables
#   ASTERISK_RUN_DIR  private run directory (default .data/asterisk)
#   ASTERISK_SIP_PORT (5060)  ASTERISK_HTTP_PORT (8088)  ARI_USERNAME (switchboard)  ARI_PASSWORD
#   (default change-me-ari-password, the sample's)
#   ASTERISK_EXTRA_CONF  optional directory of extra *.conf files for test/bench setups only (e.g.
#                     bench:acd's app_queue). Each one is appended to the sample of the same name
#                     (use [section](+) to add to a sample's section), or copied if no sample has
#                     that name. Unset: exactly the samples.
#   Sounds: Asterisk's data directory is <run dir>/data, the prefix's var/lib/asterisk entry by
#   entry (symlinks) except sounds/, a real directory: a test adds its own prompt as
#   <run dir>/data/sounds/<name>.wav and plays it as sound:<name>, without touching the install.
# Only paths, ports, the ODBC DSN/credentials and the ARI password differ from the samples.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SAMPLES="$ROOT/deploy/asterisk"
: "${ASTERISK_PREFIX:?set ASTERISK_PREFIX to the install prefix of a built Asterisk}"
RUN="${ASTERISK_RUN_DIR:-$ROOT/.data/asterisk}"
mkdir -p "$RUN"
RUN="$(cd "$RUN" && pwd)"
SIP_PORT="${ASTERISK_SIP_PORT:-5060}"
HTTP_PORT="${ASTERISK_HTTP_PORT:-8088}"
ARI_USER="${ARI_USERNAME:-switchboard}"
ARI_PASS="${ARI_PASSWORD:-change-me-ari-password}"
BIN="$ASTERISK_PREFIX/sbin/asterisk"
PIDFILE="$RUN/run/asterisk.pid"

pid() { [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && cat "$PIDFILE"; }

configure() {
  local url="${DATABASE_URL:?set DATABASE_URL (mysql://user[:password]@host[:port]/database)}"
  local rest="${url#*://}" cred hostport db user pass host port
  cred="${rest%%@*}"; rest="${rest#*@}"
  hostport="${rest%%/*}"; db="${rest#*/}"; db="${db%%\?*}"
  user="${cred%%:*}"; pass=""; [[ "$cred" == *:* ]] && pass="${cred#*:}"
  host="${hostport%%:*}"; port=3306; [[ "$hostport" == *:* ]] && port="${hostport#*:}"
  mkdir -p "$RUN"/{etc,log,run,lib,spool/recording,odbc,data/sounds}
  local data="$ASTERISK_PREFIX/var/lib/asterisk" e
  for e in "$data"/*; do
    if [[ -e "$e" && "$(basename "$e")" != sounds ]]; then ln -sfn "$e" "$RUN/data/"; fi
  done
  for e in "$data"/sounds/*; do
    if [[ -e "$e" ]]; then ln -sfn "$e" "$RUN/data/sounds/"; fi
  done
  rm -f "$RUN"/etc/*.conf
  # Samples, copied as they are, then only the lines that must differ here.
  for f in "$SAMPLES"/*.conf; do cp "$f" "$RUN/etc/"; done
  sed -i -E "s/^bind = 0\.0\.0\.0:5060$/bind = 127.0.0.1:$SIP_PORT/; s/^bind = 0\.0\.0\.0$/bind = 127.0.0.1/" "$RUN/etc/pjsip.conf"
  sed -i -E "s/^bindaddr = .*/bindaddr = 127.0.0.1/; s/^bindport = .*/bindport = $HTTP_PORT/; s/^tlsenable = .*/tlsenable = no/" "$RUN/etc/http.conf"
  sed -i -E "s/^\[switchboard\]$/[$ARI_USER]/; s/^password = .*/password = $ARI_PASS/" "$RUN/etc/ari.conf"
  sed -i -E "s/^username => .*/username => $user/; s/^password => .*/password => $pass/" "$RUN/etc/res_odbc.conf"
  if [[ -n "${ASTERISK_EXTRA_CONF:-}" ]]; then
    [[ -d "$ASTERISK_EXTRA_CONF" ]] || { echo "ASTERISK_EXTRA_CONF=$ASTERISK_EXTRA_CONF is not a directory" >&2; exit 1; }
    for f in "$ASTERISK_EXTRA_CONF"/*.conf; do
      [[ -e "$f" ]] || continue
      { echo; echo "; --- appended from $f (ASTERISK_EXTRA_CONF) ---"; cat "$f"; } >>"$RUN/etc/$(basename "$f")"
    done
  fi
  # ODBC: the sample DSN in a private ODBCSYSINI, with this database.
  cp "$SAMPLES/odbcinst.ini" "$RUN/odbc/odbcinst.ini"
  sed -E "s/^SERVER( *)= .*/SERVER\1= $host/; s/^PORT( *)= .*/PORT\1= $port/; s/^DATABASE( *)= .*/DATABASE\1= $db/" "$SAMPLES/odbc.ini" >"$RUN/odbc/odbc.ini"
  # Files only this runner needs (not samples): where things live, and logging.
  cat >"$RUN/etc/asterisk.conf" <<CONF
[directories]
astetcdir => $RUN/etc
astmoddir => $ASTERISK_PREFIX/lib/asterisk/modules
astvarlibdir => $RUN/lib
astdbdir => $RUN/lib
astkeydir => $RUN/lib
astdatadir => $RUN/data
astagidir => $RUN/lib/agi-bin
astspooldir => $RUN/spool
astrundir => $RUN/run
astlogdir => $RUN/log
astsbindir => $ASTERISK_PREFIX/sbin

[options]
verbose = 3
nofork = no
CONF
  cat >"$RUN/etc/logger.conf" <<CONF
[general]
[logfiles]
messages.log => notice,warning,error,verbose
CONF
}

case "${1:-}" in
  start)
    if p=$(pid); then echo "asterisk already running (pid $p)"; exit 0; fi
    configure
    : >"$RUN/log/messages.log"
    ODBCSYSINI="$RUN/odbc" "$BIN" -C "$RUN/etc/asterisk.conf" -g
    for _ in $(seq 1 100); do
      if p=$(pid) && "$BIN" -C "$RUN/etc/asterisk.conf" -rx "core waitfullybooted" >/dev/null 2>&1; then
        echo "asterisk started (pid $p): SIP udp/tcp 127.0.0.1:$SIP_PORT, ARI http://127.0.0.1:$HTTP_PORT ($ARI_USER), logs $RUN/log/messages.log"
        exit 0
      fi
      sleep 0.2
    done
    echo "asterisk did not start; see $RUN/log/messages.log" >&2
    exit 1
    ;;
  stop)
    if p=$(pid); then
      kill "$p"
      for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || { echo "asterisk stopped"; exit 0; }; sleep 0.2; done
      kill -9 "$p" 2>/dev/null || true
      echo "asterisk killed"
    else
      echo "asterisk not running"
    fi
    ;;
  status)
    if p=$(pid); then echo "asterisk running (pid $p)"; else echo "asterisk not running"; exit 3; fi
    ;;
  cli)
    shift
    "$BIN" -C "$RUN/etc/asterisk.conf" -rx "$*"
    ;;
  *)
    echo "usage: $0 start|stop|status|cli <command>" >&2
    exit 2
    ;;
esac

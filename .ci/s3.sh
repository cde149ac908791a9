#!/usr/bin/env bash
# Throwaway S3-compatible peer for the S3 media lane (and local tries): moto's
# standalone server, from the project's virtualenv (requirements-dev.txt).
#
#   .ci/s3.sh start    start moto on 127.0.0.1:$S3_PORT, wait until it answers; prints the URL
#   .ci/s3.sh stop     stop it (by its pid file) and delete its log
#   .ci/s3.sh url      print http://127.0.0.1:$S3_PORT
#   .ci/s3.sh status   exit 0 when our server answers, 1 otherwise
#
# moto keeps every bucket in memory: a stop forgets them all, nothing to clean up on
# disk. It accepts any credentials, but boto3 still wants some (AWS_ACCESS_KEY_ID,
# AWS_SECRET_ACCESS_KEY): the lane exports dummy ones.
#
# Environment:
#   S3_PORT            port, default 5390
#   PASSERELLE_CACHE   where the pid and log files live (run/), default $HOME/.cache/passerelle
#   S3_START_TIMEOUT   seconds to wait for the server, default 30
set -euo pipefail
cd "$(dirname "$0")/.."

readonly S3_PORT="${S3_PORT:-5390}"
readonly URL="http://127.0.0.1:${S3_PORT}"
readonly STATE_DIR="${PASSERELLE_CACHE:-$HOME/.cache/passerelle}/run"
readonly PID_FILE="${STATE_DIR}/moto-${S3_PORT}.pid"
readonly LOG_FILE="${STATE_DIR}/moto-${S3_PORT}.log"
readonly START_TIMEOUT="${S3_START_TIMEOUT:-30}"
readonly MOTO="${MOTO_SERVER:-.venv/bin/moto_server}"

log() { printf 's3: %s\n' "$*" >&2; }

# answers: moto's S3 answers a ListBuckets (any HTTP answer from it will do).
answers() {
  curl --silent --output /dev/null --max-time 2 "${URL}/" 2>/dev/null
}

# server_pid: the pid of our server when it is alive and really moto on our port.
server_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  # Guard against a recycled pid: the process must be moto_server on our port.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "moto_server.*-p ${S3_PORT}" \
    || return 1
  echo "$pid"
}

cmd_start() {
  local pid
  if pid="$(server_pid)" && answers; then
    log "already running (pid $pid)"
    echo "$URL"
    return 0
  fi
  if answers; then
    log "error: something else already answers on $URL (set S3_PORT to another port)"
    exit 1
  fi
  [[ -x "$MOTO" ]] || { log "error: $MOTO not found (pip install -r requirements-dev.txt)"; exit 1; }
  mkdir -p "$STATE_DIR"
  # Its own session (setsid): a Ctrl-C in the shell that started it does not stop it.
  setsid "$MOTO" -H 127.0.0.1 -p "$S3_PORT" </dev/null >"$LOG_FILE" 2>&1 &
  echo $! >"$PID_FILE"
  local started=$SECONDS
  until answers; do
    if ! server_pid >/dev/null; then
      log "error: moto exited during start-up"
      tail -n 20 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE"
      exit 1
    fi
    if ((SECONDS - started >= START_TIMEOUT)); then
      log "error: no answer after ${START_TIMEOUT} s"
      cmd_stop
      exit 1
    fi
    sleep 0.2
  done
  log "ready in $((SECONDS - started)) s (pid $(cat "$PID_FILE"))"
  echo "$URL"
}

cmd_stop() {
  local pid i
  if pid="$(server_pid)"; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    log "stopped pid $pid"
  else
    log "not running"
  fi
  rm -f "$PID_FILE" "$LOG_FILE"
}

cmd_status() {
  local pid
  if pid="$(server_pid)" && answers; then
    log "running (pid $pid) at $URL"
    return 0
  fi
  log "not running"
  return 1
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  url) echo "$URL" ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|url|status" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Throwaway single-node OpenSearch or Elasticsearch for the search test lanes (and for
# local tries). SEARCH_ENGINE picks the engine: opensearch (default) or elasticsearch
# (.ci/elasticsearch.sh is this script with SEARCH_ENGINE=elasticsearch).
#
#   .ci/search-engine.sh start    download (once), start, wait for health; prints the URL
#   .ci/search-engine.sh stop     stop the node and delete its data and logs
#   .ci/search-engine.sh url      print http://127.0.0.1:PORT
#   .ci/search-engine.sh status   exit 0 when our node answers, 1 otherwise
#
# Everything comes from Maven Central through `mvn dependency:copy`:
#   org.opensearch.distribution.integ-test-zip:opensearch:<version>:zip
#   org.opensearch.plugin:analysis-common:<version>:jar
#   org.elasticsearch.distribution.integ-test-zip:elasticsearch:<version>:zip
# The integ-test zip is the bare server: its only module is transport-netty4 and it has no
# plugins (so no security plugin: plain HTTP, no TLS, no auth). It lacks the analysis-common
# module, which holds every filter our French+Arabic chain needs (elision, decimal_digit,
# arabic_normalization, arabic_stem, stemmer/light_french, asciifolding, edge_ngram), so the
# module jar is installed into modules/analysis-common/ with a plugin descriptor written here.
# The descriptor leaves out `extended.plugins=lang-painless` (lang-painless is not installed):
# only the painless whitelist extension of the module is lost, not any analysis component.
#
# Elasticsearch's integ-test zip has x-pack core and security (disabled here:
# xpack.security.enabled=false, plain HTTP on loopback) and no analysis-common (Maven
# Central serves no jar of it for 8.x): search.backends.elasticsearch runs the Python
# analysis chain and indexes with the built-in `whitespace` analyzer. Its `GET /` answers
# 405, so health is read from /_cluster/health only.
#
# Both engines refuse to run as root; as root the node runs as an unprivileged user
# (SEARCH_RUN_AS, default passerelle-search, created here as a system user when missing),
# from a hard-linked copy of the unpacked distribution in a fresh temporary folder, because
# $HOME (/root) is not readable by that user.
#
# Environment:
#   SEARCH_ENGINE         opensearch (default) or elasticsearch
#   SEARCH_PORT           HTTP port, default 9201 (OpenSearch) / 9202 (Elasticsearch);
#                         transport takes a free port in 9300-9400
#   PASSERELLE_CACHE      download/unpack cache, default $HOME/.cache/passerelle
#   OPENSEARCH_VERSION    default 2.19.6 (newest 2.19.x on Maven Central; 2.x runs on JDK 17)
#   ELASTICSEARCH_VERSION default 8.19.21 (newest 8.19.x on Maven Central)
#   OPENSEARCH_JAVA_HOME  JDK for the node; default: Debian's OpenJDK 17 (OpenSearch needs
#                         11..23, since 2.19 relies on the Java security manager, gone in
#                         JDK 24; Elasticsearch 8.19 needs 17 or newer)
#   SEARCH_HEAP           heap size, default 512m (-Xms = -Xmx)
#   SEARCH_START_TIMEOUT  seconds to wait for health, default 120
#   SEARCH_RUN_AS         user to run the node as when invoked as root
#   SEARCH_KEEP_RUN_DIR   set to 1 to keep data/logs after a failed start or a stop
set -euo pipefail

readonly ENGINE="${SEARCH_ENGINE:-opensearch}"
case "$ENGINE" in
opensearch)
    readonly VERSION="${OPENSEARCH_VERSION:-2.19.6}" DEFAULT_PORT=9201 JAVA_MIN=11 JAVA_MAX=23
    readonly DIST_ARTIFACT="org.opensearch.distribution.integ-test-zip:opensearch:${VERSION}:zip"
    readonly ANALYSIS_ARTIFACT="org.opensearch.plugin:analysis-common:${VERSION}:jar"
    readonly ENV_PREFIX=OPENSEARCH
    ;;
elasticsearch)
    readonly VERSION="${ELASTICSEARCH_VERSION:-8.19.21}" DEFAULT_PORT=9202 JAVA_MIN=17 JAVA_MAX=99
    readonly DIST_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${VERSION}:zip"
    readonly ANALYSIS_ARTIFACT=""
    readonly ENV_PREFIX=ES
    ;;
*)
    echo "search-engine: SEARCH_ENGINE must be opensearch or elasticsearch" >&2
    exit 2
    ;;
esac
readonly SEARCH_PORT="${SEARCH_PORT:-$DEFAULT_PORT}"
readonly CACHE_DIR="${PASSERELLE_CACHE:-$HOME/.cache/passerelle}"
readonly HEAP="${SEARCH_HEAP:-512m}"
readonly START_TIMEOUT="${SEARCH_START_TIMEOUT:-120}"
readonly RUN_AS="${SEARCH_RUN_AS:-passerelle-search}"
readonly KEEP_RUN_DIR="${SEARCH_KEEP_RUN_DIR:-0}"

readonly URL="http://127.0.0.1:${SEARCH_PORT}"
readonly DOWNLOAD_DIR="${CACHE_DIR}/downloads"
readonly INSTALL_DIR="${CACHE_DIR}/${ENGINE}-${VERSION}"
readonly STATE_FILE="${CACHE_DIR}/run/${ENGINE}-${SEARCH_PORT}.rundir"

log() { printf 'search-engine: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# --- HTTP ---------------------------------------------------------------------------------

# http_get PATH: print the body of GET $URL/PATH; non-zero when unreachable or not 2xx.
http_get() {
    if command -v curl >/dev/null 2>&1; then
        curl --silent --show-error --fail --max-time 5 "${URL}/$1"
    else
        python3 - "${URL}/$1" <<'PY'
import sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1], timeout=5) as response:
        sys.stdout.write(response.read().decode("utf-8"))
except Exception as exc:  # connection refused, HTTP error, timeout
    sys.stderr.write(f"{exc}\n")
    sys.exit(1)
PY
    fi
}

# cluster_ready: the node answers and the cluster is green, or yellow (replicas that a single
# node can never allocate are the only thing yellow means here).
cluster_ready() {
    local body
    body="$(http_get '_cluster/health?wait_for_status=yellow&timeout=1s' 2>/dev/null)" || return 1
    [[ "$body" == *'"status":"green"'* || "$body" == *'"status":"yellow"'* ]]
}

# --- state --------------------------------------------------------------------------------

run_dir() { [[ -f "$STATE_FILE" ]] && cat "$STATE_FILE"; }

# node_pid: pid of our node when its process is alive (and really ours), else non-zero.
node_pid() {
    local dir pid
    dir="$(run_dir)" || return 1
    [[ -n "$dir" && -f "$dir/${ENGINE}.pid" ]] || return 1
    pid="$(cat "$dir/${ENGINE}.pid")"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    # Guard against a recycled pid: the process must be the JVM started from our run dir.
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dir" || return 1
    echo "$pid"
}

# --- provisioning -------------------------------------------------------------------------

# fetch ARTIFACT: copy a Maven Central artifact into $DOWNLOAD_DIR (cached in ~/.m2 as usual).
fetch() {
    command -v mvn >/dev/null 2>&1 || die "mvn not found (Debian package: maven)"
    mkdir -p "$DOWNLOAD_DIR"
    log "fetching $1"
    # Run from the download dir so that no project pom.xml is picked up; Maven's output
    # (colour escapes even with --quiet) is shown only when it fails.
    local output
    if ! output="$(cd "$DOWNLOAD_DIR" && mvn --batch-mode --quiet dependency:copy \
        -Dartifact="$1" -DoutputDirectory="$DOWNLOAD_DIR" 2>&1)"; then
        printf '%s\n' "$output" >&2
        die "could not download $1 from Maven Central"
    fi
}

java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

pick_java_home() {
    local candidate major
    for candidate in "${OPENSEARCH_JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-* "${JAVA_HOME:-}"; do
        [[ -n "$candidate" && -x "$candidate/bin/java" ]] || continue
        major="$(java_major "$candidate")"
        if [[ -n "$major" ]] && ((major >= JAVA_MIN && major <= JAVA_MAX)); then
            echo "$candidate"
            return 0
        fi
    done
    if command -v java >/dev/null 2>&1; then
        candidate="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
        major="$(java_major "$candidate")"
        if [[ -n "$major" ]] && ((major >= JAVA_MIN && major <= JAVA_MAX)); then
            echo "$candidate"
            return 0
        fi
    fi
    die "no JDK ${JAVA_MIN}..${JAVA_MAX} found for ${ENGINE} ${VERSION} (set OPENSEARCH_JAVA_HOME)"
}

# install: unpack the distribution once into $INSTALL_DIR (OpenSearch: with analysis-common).
install() {
    if [[ -x "$INSTALL_DIR/bin/$ENGINE" ]]; then
        return 0
    fi
    command -v unzip >/dev/null 2>&1 || die "unzip not found (Debian package: unzip)"
    local zip="$DOWNLOAD_DIR/${ENGINE}-${VERSION}.zip"
    local jar="$DOWNLOAD_DIR/analysis-common-${VERSION}.jar"
    [[ -s "$zip" ]] || fetch "$DIST_ARTIFACT"
    local staging
    staging="$(mktemp -d "${CACHE_DIR}/.unpack.XXXXXX")"
    log "unpacking $(basename "$zip")"
    unzip -q "$zip" -d "$staging"
    local home="$staging/${ENGINE}-${VERSION}"
    [[ -x "$home/bin/$ENGINE" ]] || die "unexpected layout in $zip"
    if [[ -n "$ANALYSIS_ARTIFACT" && ! -d "$home/modules/analysis-common" ]]; then
        [[ -s "$jar" ]] || fetch "$ANALYSIS_ARTIFACT"
        mkdir -p "$home/modules/analysis-common"
        cp "$jar" "$home/modules/analysis-common/"
        # Same fields as the descriptor the full distribution ships for this module, minus
        # extended.plugins=lang-painless (not installed; only painless whitelists need it).
        cat >"$home/modules/analysis-common/plugin-descriptor.properties" <<EOF
description=Adds "built in" analyzers to OpenSearch.
version=${VERSION}
name=analysis-common
classname=org.opensearch.analysis.common.CommonAnalysisPlugin
java.version=11
opensearch.version=${VERSION}
custom.foldername=
extended.plugins=
has.native.controller=false
EOF
    fi
    chmod -R a+rX "$home"
    rm -rf "$INSTALL_DIR"
    mv "$home" "$INSTALL_DIR"
    rm -rf "$staging"
}

# ensure_user NAME: create NAME as a system user without home or shell when missing.
ensure_user() {
    id -u "$1" >/dev/null 2>&1 && return 0
    log "creating the unprivileged user $1"
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
        "$1" || die "could not create the user $1 (set SEARCH_RUN_AS to an existing one)"
}

# --- commands -----------------------------------------------------------------------------

print_log_tail() {
    local dir="$1" file
    for file in "$dir/console.log" "$dir/logs/passerelle-search.log"; do
        if [[ -s "$file" ]]; then
            log "--- last lines of $file ---"
            tail -n 40 "$file" >&2
        fi
    done
}

remove_run_dir() {
    local dir="$1"
    if [[ "$KEEP_RUN_DIR" == 1 ]]; then
        log "kept $dir"
    else
        rm -rf "$dir"
    fi
}

# kill_node PID: TERM, then KILL after 30 s.
kill_node() {
    local pid="$1" i
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 60; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.5
    done
    log "node $pid ignored SIGTERM for 30 s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
}

cmd_start() {
    local pid
    if pid="$(node_pid)"; then
        if cluster_ready; then
            log "already running (pid $pid)"
            echo "$URL"
            return 0
        fi
        die "our node (pid $pid) is running but not healthy; run '$0 stop' first"
    fi
    # Any listener on the port, HTTP or not (Elasticsearch answers GET / with 405).
    if (exec 3<>"/dev/tcp/127.0.0.1/${SEARCH_PORT}") 2>/dev/null; then
        die "something else already answers on $URL (set SEARCH_PORT to another port)"
    fi
    # A stale state file (node died, machine rebooted): clean it up.
    if [[ -f "$STATE_FILE" ]]; then
        remove_run_dir "$(run_dir)"
        rm -f "$STATE_FILE"
    fi

    install
    local java_home
    java_home="$(pick_java_home)"

    local dir
    dir="$(mktemp -d "${TMPDIR:-/tmp}/passerelle-search.XXXXXX")"
    mkdir -p "$dir/data" "$dir/logs" "$dir/tmp" "$(dirname "$STATE_FILE")"
    echo "$dir" >"$STATE_FILE"
    # Hard links keep the copy cheap; fall back to a real copy across file systems.
    if ! cp -al "$INSTALL_DIR" "$dir/home" 2>/dev/null; then
        rm -rf "${dir:?}/home"
        cp -a "$INSTALL_DIR" "$dir/home"
    fi
    rm -rf "$dir/home/config" "$dir/home/logs"
    cp -a "$INSTALL_DIR/config" "$dir/config"
    # jvm.options writes GC logs, heap dumps and crash files relative to the home folder.
    sed -i -e "s#file=logs/gc.log#file=${dir}/logs/gc.log#" \
        -e "s#HeapDumpPath=data#HeapDumpPath=${dir}/data#" \
        -e "s#ErrorFile=logs/#ErrorFile=${dir}/logs/#" \
        -e "s#file=gc.log#file=${dir}/logs/gc.log#" \
        -e "s#ErrorFile=hs_err#ErrorFile=${dir}/logs/hs_err#" "$dir/config/jvm.options"

    local -a as_user=()
    if [[ "$(id -u)" == 0 ]]; then
        local uid gid
        ensure_user "$RUN_AS"
        uid="$(id -u "$RUN_AS")" || die "no user $RUN_AS to run the node as"
        gid="$(id -g "$RUN_AS")"
        chown -R "$uid:$gid" "$dir/config" "$dir/data" "$dir/logs" "$dir/tmp"
        chown "$uid:$gid" "$dir"
        chmod 755 "$dir"
        as_user=(setpriv "--reuid=$uid" "--regid=$gid" --clear-groups --)
    fi

    local -a engine_args=()
    if [[ "$ENGINE" == elasticsearch ]]; then
        # Security off (plain HTTP on loopback, as OpenSearch's bare zip); the tests
        # delete their indexes by wildcard (prefix_*), which 8.x refuses by default.
        engine_args=(-Expack.security.enabled=false -Eaction.destructive_requires_name=false)
    fi
    log "starting ${ENGINE} ${VERSION} on $URL (java: $java_home, data: $dir)"
    local started=$SECONDS
    (
        cd "$dir"
        exec env \
            HOME="$dir" \
            "${ENV_PREFIX}_JAVA_HOME=$java_home" \
            "${ENV_PREFIX}_PATH_CONF=$dir/config" \
            "${ENV_PREFIX}_TMPDIR=$dir/tmp" \
            "${ENV_PREFIX}_JAVA_OPTS=-Xms${HEAP} -Xmx${HEAP}" \
            "${as_user[@]}" \
            setsid --wait nohup "$dir/home/bin/$ENGINE" \
            -p "$dir/${ENGINE}.pid" \
            -Ecluster.name=passerelle-search \
            -Enode.name="passerelle-search-${SEARCH_PORT}" \
            -Enetwork.host=127.0.0.1 \
            -Ehttp.port="$SEARCH_PORT" \
            -Ediscovery.type=single-node \
            -Epath.data="$dir/data" \
            -Epath.logs="$dir/logs" \
            -Ecluster.routing.allocation.disk.threshold_enabled=false \
            -Eaction.auto_create_index=true \
            "${engine_args[@]}" \
            </dev/null >"$dir/console.log" 2>&1
    ) &
    local launcher=$!

    trap 'log "interrupted"; cmd_stop; exit 130' INT TERM
    until cluster_ready; do
        if ((SECONDS - started >= START_TIMEOUT)); then
            log "not healthy after ${START_TIMEOUT} s"
            break
        fi
        if ! pid="$(node_pid)" && ! kill -0 "$launcher" 2>/dev/null; then
            log "the node exited during start-up"
            break
        fi
        sleep 1
    done
    trap - INT TERM

    if ! cluster_ready; then
        print_log_tail "$dir"
        # The launcher execs down to the JVM (setsid does not fork here), so its pid is the
        # node's pid even before the node has written its pid file.
        if pid="$(node_pid)"; then kill_node "$pid"; fi
        kill_node "$launcher"
        remove_run_dir "$dir"
        rm -f "$STATE_FILE"
        exit 1
    fi

    # The analyzers of search/engine_settings.py need the analysis-common module.
    # (_cat/plugins lists plugins only; modules appear under _nodes/plugins -> "modules").
    if [[ -n "$ANALYSIS_ARTIFACT" ]] && ! http_get '_nodes/_local/plugins' | grep -q '"name":"analysis-common"'; then
        log "analysis-common module is not loaded"
        print_log_tail "$dir"
        cmd_stop
        exit 1
    fi
    log "ready in $((SECONDS - started)) s (pid $(node_pid || echo '?'))"
    echo "$URL"
}

cmd_stop() {
    local dir pid
    dir="$(run_dir)" || { log "not running"; return 0; }
    if pid="$(node_pid)"; then
        log "stopping pid $pid"
        kill_node "$pid"
    else
        log "not running (removing stale state)"
    fi
    [[ -n "$dir" ]] && remove_run_dir "$dir"
    rm -f "$STATE_FILE"
}

cmd_status() {
    local pid
    if pid="$(node_pid)" && cluster_ready; then
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
*)
    echo "usage: $0 start|stop|url|status" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# compare-sessions.sh — the session demo under wrk, with its sessions in memory, in Larder and in
# Redis through Spring Session, in one run.
#
# Usage: larder-benchmarks/scripts/compare-sessions.sh [--help]
#
# Builds and installs the demo (larder-examples/session-demo) and what it depends on, then runs the
# same demo three times, each as its own JVM with the same flags, on free loopback ports:
#   in-memory       the servlet container's sessions (--larder.session.enabled=false)
#   larder          Larder's sessions (--larder.url=...), on a Larder server started from a private
#                   copy of larder-server/target (its defaults: append-only log, fsync every second)
#   spring-session  Spring Session Data Redis (spring-boot-starter-session-data-redis added to the
#                   class path, Larder's starter switched off) on redis-server with the same
#                   durability as Larder's: --appendonly yes --appendfsync everysec --save ''
# The class paths come from larder-benchmarks/session-variants/pom.xml, the demo's classes from its
# target/classes; both are copied to a temporary directory, so a rebuild during the run cannot
# change what runs.
#
# Each demo gets SESSIONS sessions made with curl beforehand; wrk (sessions.lua) sends every request
# with one of their cookies. Before any timing, each demo is checked and warmed up: its sessions must
# land where they belong (Larder's or Redis's DBSIZE grows by at least SESSIONS, the other store's
# not at all; in-memory touches neither) and, after the warm-up, a session's visit counter must show
# that wrk's requests reached it. Then ROUNDS rounds, each running every workload against every
# variant in turn (the order of the variants rotates from round to round), so all three share the
# machine's background noise. The tables at the end give the median requests/s, p50 and p99 latency
# per workload and variant, and the ratios larder/in-memory and larder/spring-session. They also
# give the CPU time (user + system, from /proc) that the demo's JVM and its store spent per request
# during the run: when the machine's CPUs are the limit, as on a small machine with wrk, the demo
# and the store all on it, these decide the throughput.
# Every process the script started is stopped (by PID) when it exits, however it exits.
#
# Workloads (WORKLOADS, all by default):
#   cart  GET /api/cart: reads the session (Spring Session still writes its last access time)
#   page  GET /: the HTML page, writes the session's visit counter on every request
#   mix   of every 10 requests: 8 GET /api/cart, 1 GET /, 1 POST /cart/add
#
# Environment (default in brackets):
#   ROUNDS [3]              measured rounds
#   DURATION [10]           seconds per measured wrk run
#   WARMUP [20]             seconds of each workload per variant before the rounds (JIT)
#   THREADS [2]             wrk threads (-t)
#   CONNECTIONS [32]        wrk connections (-c)
#   SESSIONS [CONNECTIONS]  sessions per variant; wrk's threads share them out (see sessions.lua)
#   WORKLOADS [cart page mix]
#   DEMO_JAVA_OPTS [-Xmx512m]   flags of all three demo JVMs (default GC)
#   LARDER_JAVA_OPTS [-XX:+UseParallelGC -Xss512k, as ./larder uses]   flags of the Larder server
#   LARDER_SETTINGS         more arguments for the larder demo only, space-separated, e.g.
#                           --larder.session.read-only-patterns=/api/cart
#   JFR_DIR                 if set, each demo JVM records a JFR profile (settings=profile) of its
#                           whole life to JFR_DIR/VARIANT.jfr (the directory must exist)
#   SKIP_BUILD [0]          1: use the demo and server as last built and installed
#
# Needs wrk, redis-server and redis-cli (Debian: apt-get install wrk redis-server), curl, Java 17
# and Maven. The build installs Larder's modules and the demo (0.1.0-SNAPSHOT) into the local Maven
# repository. Everything listens on 127.0.0.1 only.
set -euo pipefail

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,/^set -euo pipefail$/p' "$0" | sed '$d; s/^# \{0,1\}//'
  exit 0
fi

ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-20}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
SESSIONS="${SESSIONS:-$CONNECTIONS}"
read -r -a WORKLOADS <<<"${WORKLOADS:-cart page mix}"
read -r -a DEMO_OPTS <<<"${DEMO_JAVA_OPTS:--Xmx512m}"
read -r -a LARDER_OPTS <<<"${LARDER_JAVA_OPTS:--XX:+UseParallelGC -Xss512k}"
SKIP_BUILD="${SKIP_BUILD:-0}"
# A wrk run that takes this much longer than asked counts as failed.
RUN_GRACE=30
ticks_per_second="$(getconf CLK_TCK)"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lua="$root/larder-benchmarks/scripts/sessions.lua"
variants_pom="$root/larder-benchmarks/session-variants/pom.xml"
demo_classes="$root/larder-examples/session-demo/target/classes"
server_jar="$root/larder-server/target/larder-server.jar"
variants=(in-memory larder spring-session)
# Larder's cache "default" and Redis's user "default" take the same key.
key="compare-sessions-benchmark-key"

for tool in wrk redis-server redis-cli curl java mvn timeout; do
  command -v "$tool" >/dev/null || {
    echo "compare-sessions: $tool is not installed (Debian: apt-get install wrk redis-server curl)" >&2
    exit 1
  }
done
for workload in "${WORKLOADS[@]}"; do
  [[ "$workload" =~ ^(cart|page|mix)$ ]] || { echo "compare-sessions: unknown workload $workload" >&2; exit 1; }
done
if ((SESSIONS < THREADS)); then
  echo "compare-sessions: SESSIONS ($SESSIONS) must be at least THREADS ($THREADS)" >&2
  exit 1
fi

work="$(mktemp -d -t larder-sessions.XXXXXX)"
pids=()    # the stores and the demos
wrk_pid="" # the running load, if any (timeout, which passes a TERM on to wrk)
cleanup() {
  local status=$?
  if [[ -n "$wrk_pid" ]]; then kill "$wrk_pid" 2>/dev/null || true; fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if ((status != 0)); then
    for log in "$work"/*.log; do
      [[ -f "$log" ]] && { echo "--- last lines of $(basename "$log"):" >&2; tail -n 20 "$log" >&2; }
    done
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

BENCH_NAME=compare-sessions
# shellcheck source=bench-lib.sh
source "$root/larder-benchmarks/scripts/bench-lib.sh"

# ---------------------------------------------------------------------------------------- build
if [[ "$SKIP_BUILD" != 1 ]]; then
  log "Building and installing the demo and Larder's modules (mvn install -DskipTests)..."
  (cd "$root" && mvn -q -B -pl larder-examples/session-demo -am install -DskipTests \
    -Dspotless.check.skip=true) >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "the build failed"; }
fi
[[ -f "$server_jar" && -d "$demo_classes" ]] || fail "no $server_jar or $demo_classes (SKIP_BUILD=1 before a build?)"

# Private copies: the server jar with its lib/, the demo's classes, and every jar of both class
# paths (the local repository's SNAPSHOTs change whenever someone runs mvn install).
mkdir -p "$work/server" "$work/lib"
cp "$server_jar" "$work/server/larder-server.jar"
cp -r "$(dirname "$server_jar")/lib" "$work/server/lib"
cp -r "$demo_classes" "$work/demo-classes"
declare -A copied=() # jar in the local repository -> its copy
# class_path VARIANT [-Pspring-session] — sets classpath[VARIANT] to the demo's class path, of
# private copies (not run in a subshell, so that each jar is copied once)
declare -A classpath=()
class_path() {
  local variant="$1" list="$work/classpath.txt" jar copy entries=("$work/demo-classes")
  shift
  mvn -q -B -f "$variants_pom" "$@" dependency:build-classpath -Dmdep.includeScope=runtime \
    -DexcludeArtifactIds=session-demo -Dmdep.outputFile="$list" >"$work/build.log" 2>&1 ||
    { cat "$work/build.log" >&2; fail "cannot resolve the class path of $variants_pom $*"; }
  while IFS= read -r -d ':' jar; do
    [[ -n "$jar" ]] || continue
    if [[ -z "${copied[$jar]:-}" ]]; then
      copy="$work/lib/${#copied[@]}-$(basename "$jar")"
      cp "$jar" "$copy"
      copied[$jar]="$copy"
    fi
    entries+=("${copied[$jar]}")
  done < <(cat "$list"; echo ':')
  classpath[$variant]="$(IFS=':'; echo "${entries[*]}")"
}
log "Resolving the class paths (session-variants/pom.xml)..."
class_path in-memory
class_path larder
class_path spring-session -Pspring-session
[[ "${classpath[spring-session]}" == *spring-session-data-redis* ]] ||
  fail "Spring Session Data Redis is not on the spring-session class path"

# ---------------------------------------------------------------------------------------- stores
free_port redis_port
mkdir "$work/redis"
redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$work/redis" --daemonize no \
  --appendonly yes --appendfsync everysec --save '' --requirepass "$key" \
  --logfile "$work/redis.log" &
pids+=($!)
redis_pid=$!
wait_store redis "$redis_port" "$redis_pid"

free_port larder_port
# Larder's defaults are appendonly yes, appendfsync everysec: the same durability as above.
LARDER_DEFAULT_KEY="$key" java "${LARDER_OPTS[@]}" -jar "$work/server/larder-server.jar" start \
  --port "$larder_port" --admin-port 0 --data-dir "$work/larder" >"$work/larder.log" 2>&1 &
pids+=($!)
larder_pid=$!
wait_store larder "$larder_port" "$larder_pid"

# ---------------------------------------------------------------------------------------- demos
declare -A port=() pid=() settings=() store_pid=() store_port=()
store_pid[in-memory]=""
store_pid[larder]="$larder_pid"
store_pid[spring-session]="$redis_pid"
store_port[in-memory]=""
store_port[larder]="$larder_port"
store_port[spring-session]="$redis_port"
settings[in-memory]="--larder.session.enabled=false"
settings[larder]="--larder.url=redis://default:$key@127.0.0.1:$larder_port ${LARDER_SETTINGS:-}"
settings[spring-session]="--larder.session.enabled=false --spring.data.redis.host=127.0.0.1
  --spring.data.redis.port=$redis_port --spring.data.redis.username=default
  --spring.data.redis.password=$key"
for variant in "${variants[@]}"; do
  free_port "port[$variant]"
  jfr=()
  if [[ -n "${JFR_DIR:-}" ]]; then
    jfr=("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$JFR_DIR/$variant.jfr")
  fi
  # ${settings[...]} is deliberately split into words (no value holds a space).
  # shellcheck disable=SC2086
  java "${DEMO_OPTS[@]}" "${jfr[@]}" -cp "${classpath[$variant]}" \
    io.larder.examples.sessiondemo.SessionDemoApplication \
    --server.port="${port[$variant]}" --server.address=127.0.0.1 --demo.instance=bench \
    --spring.main.banner-mode=off ${settings[$variant]} >"$work/$variant.log" 2>&1 &
  pids+=($!)
  pid[$variant]=$!
done

wait_demo() { # wait_demo VARIANT — any HTTP answer will do (a 404 makes no session)
  local variant="$1" deadline=$((SECONDS + 180)) code
  while true; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
      "http://127.0.0.1:${port[$variant]}/ready" 2>/dev/null || true)"
    [[ "$code" =~ ^[1-5][0-9][0-9]$ ]] && return
    kill -0 "${pid[$variant]}" 2>/dev/null || fail "the $variant demo exited during start-up"
    ((SECONDS < deadline)) || fail "the $variant demo is not serving after 180 s"
    sleep 0.5
  done
}
for variant in "${variants[@]}"; do wait_demo "$variant"; done

# ---------------------------------------------------------------------------------------- load
make_sessions() { # make_sessions VARIANT — SESSIONS new sessions' cookies, one a line
  local variant="$1" i cookie
  : >"$work/$variant.cookies"
  for ((i = 0; i < SESSIONS; i++)); do
    cookie="$(curl -s -o /dev/null -D - --max-time 10 "http://127.0.0.1:${port[$variant]}/api/cart" |
      tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: *\([^;]*\).*/\1/p' | head -n 1)"
    [[ -n "$cookie" ]] || fail "$variant: GET /api/cart without a cookie set no cookie"
    echo "$cookie" >>"$work/$variant.cookies"
  done
}

cpu_ticks() { # cpu_ticks [PID] — user + system CPU time the process has used so far, in ticks
  if [[ -n "${1:-}" ]]; then awk '{ print $14 + $15 }' "/proc/$1/stat"; else echo 0; fi
}

store_commands() { # store_commands [PORT] — commands the store has processed so far
  if [[ -n "${1:-}" ]]; then
    cli "$1" INFO stats | tr -d '\r' | sed -n 's/^total_commands_processed://p'
  else
    echo 0
  fi
}

# run_wrk VARIANT WORKLOAD SECONDS — sets figures to "requests/s p50-ms p99-ms demo-cpu store-cpu
# store-commands": the CPU times in microseconds per request, of the demo's JVM and of its store
# (Larder or Redis), then the store's commands per request. Fails (saying why) on a wrk failure, a
# socket error or a response that is not 2xx or 3xx. wrk runs in the background and the shell waits
# for it, so that Ctrl-C stops the script at once rather than after the run.
figures=""
run_wrk() {
  local variant="$1" workload="$2" seconds="$3" status=0 result requests micros p50 p99 errors bad
  local demo0 store0 demo1 store1 commands0 commands1
  commands0="$(store_commands "${store_port[$variant]}")"
  demo0="$(cpu_ticks "${pid[$variant]}")"
  store0="$(cpu_ticks "${store_pid[$variant]}")"
  timeout $((seconds + RUN_GRACE)) wrk -t "$THREADS" -c "$CONNECTIONS" -d "${seconds}s" \
    --timeout 10s -s "$lua" "http://127.0.0.1:${port[$variant]}" \
    -- "$work/$variant.cookies" "$THREADS" "$workload" >"$work/wrk.out" 2>&1 &
  wrk_pid=$!
  wait "$wrk_pid" || status=$?
  wrk_pid=""
  demo1="$(cpu_ticks "${pid[$variant]}")"
  store1="$(cpu_ticks "${store_pid[$variant]}")"
  commands1="$(store_commands "${store_port[$variant]}")"
  result="$(grep '^RESULT ' "$work/wrk.out" || true)"
  if ((status != 0)) || [[ -z "$result" ]]; then
    log "  $variant $workload: wrk failed (status $status): $(head -c 300 "$work/wrk.out")"
    return 1
  fi
  read -r _ requests micros p50 p99 errors bad <<<"$result"
  if ((errors + bad > 0)); then
    log "  $variant $workload: $errors socket errors, $bad responses not 2xx/3xx of $requests"
    return 1
  fi
  figures="$(awk -v n="$requests" -v us="$micros" -v p50="$p50" -v p99="$p99" -v hz="$ticks_per_second" \
    -v demo=$((demo1 - demo0)) -v store=$((store1 - store0)) \
    -v commands=$((commands1 - commands0)) 'BEGIN {
      printf "%.1f %.2f %.2f %.0f %.0f %.2f\n", n / (us / 1e6), p50 / 1000, p99 / 1000,
        demo * 1e6 / hz / n, store * 1e6 / hz / n, commands / n }')"
}

visits() { # visits VARIANT — the visit counter of the first session, as GET / shows it
  curl -s --max-time 10 -H "Cookie: $(head -n 1 "$work/$1.cookies")" \
    "http://127.0.0.1:${port[$1]}/" | sed -n 's/.*<span id="visits">\([0-9]*\)<.*/\1/p'
}

# prepare VARIANT — makes its sessions, warms it up with every workload, and checks that its
# sessions went where they should and that wrk's requests reached them.
prepare() {
  local variant="$1" larder0 redis0 larder1 redis1 workload count
  larder0="$(cli "$larder_port" DBSIZE)"
  redis0="$(cli "$redis_port" DBSIZE)"
  make_sessions "$variant"
  for workload in cart page mix; do
    run_wrk "$variant" "$workload" "$WARMUP" || fail "$variant: the warm-up failed"
    log "  warm-up $variant $workload: $figures (requests/s, p50 ms, p99 ms, CPU us/request demo, store, store commands/request)"
  done
  larder1="$(cli "$larder_port" DBSIZE)"
  redis1="$(cli "$redis_port" DBSIZE)"
  log "  $variant: keys added to Larder $((larder1 - larder0)), to Redis $((redis1 - redis0))"
  case "$variant" in
    in-memory)
      ((larder1 == larder0 && redis1 == redis0)) || fail "in-memory: keys in Larder or Redis" ;;
    larder)
      count=$((larder1 - larder0))
      ((redis1 == redis0)) || fail "larder: keys in Redis" ;;
    spring-session)
      count=$((redis1 - redis0))
      ((larder1 == larder0)) || fail "spring-session: keys in Larder" ;;
  esac
  # Fewer keys: the sessions are not stored there; far more: requests came without a known session.
  if [[ "$variant" != in-memory ]] && ((count < SESSIONS || count > 2 * SESSIONS + 10)); then
    fail "$variant: $count keys for $SESSIONS sessions"
  fi
  count="$(visits "$variant")"
  ((${count:-0} > 2)) || fail "$variant: a session's visit counter is '${count}' after the warm-up"
  log "  $variant: the first session's visit counter stands at $count"
}

log "Larder: $server_jar (built $(date -r "$server_jar" '+%F %T')) on port $larder_port"
log "Redis: $(redis-server --version | cut -d' ' -f1-3) on port $redis_port"
log "Demos: in-memory on ${port[in-memory]}, larder on ${port[larder]}, spring-session on ${port[spring-session]}; java ${DEMO_OPTS[*]}; $(java -version 2>&1 | head -n 1)"
log "Load: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, $SESSIONS sessions per variant, $ROUNDS rounds, workloads: ${WORKLOADS[*]}"
log "Machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
log "Warm-up: ${WARMUP}s of each workload per variant, with checks..."
for variant in "${variants[@]}"; do prepare "$variant"; done

declare -A results=() # "workload|variant|metric" -> space-separated values, one per round
for ((round = 1; round <= ROUNDS; round++)); do
  log "Round $round of $ROUNDS (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  # The variants take turns in an order that rotates from round to round.
  order=("${variants[@]:$(((round - 1) % 3))}" "${variants[@]:0:$(((round - 1) % 3))}")
  for workload in "${WORKLOADS[@]}"; do
    for variant in "${order[@]}"; do
      run_wrk "$variant" "$workload" "$DURATION" || continue
      read -r rps p50 p99 demo_cpu store_cpu commands <<<"$figures"
      log "  $workload $variant: $rps requests/s, p50 $p50 ms, p99 $p99 ms," \
        "CPU per request: demo $demo_cpu us, store $store_cpu us; store commands/request $commands"
      results["$workload|$variant|rps"]+=" $rps"
      results["$workload|$variant|p50"]+=" $p50"
      results["$workload|$variant|p99"]+=" $p99"
      results["$workload|$variant|demo_cpu"]+=" $demo_cpu"
      results["$workload|$variant|store_cpu"]+=" $store_cpu"
      results["$workload|$variant|commands"]+=" $commands"
    done
  done
done
log "Load average $(cut -d' ' -f1-3 /proc/loadavg) at end"

# ---------------------------------------------------------------------------------------- report
fmt() { # fmt FORMAT VALUE — printf, passing "n/a" through
  # shellcheck disable=SC2059 # the format is the caller's
  if [[ "$2" == n/a ]]; then echo n/a; else printf "$1" "$2"; fi
}
ratio() { # ratio A B — A/B to two places, or n/a
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%.2f", a / b }'
}
declare -A med=()
for workload in "${WORKLOADS[@]}"; do
  for variant in "${variants[@]}"; do
    for metric in rps p50 p99 demo_cpu store_cpu commands; do
      # Word splitting turns the space-separated rounds into arguments.
      # shellcheck disable=SC2086
      med["$workload|$variant|$metric"]="$(median ${results["$workload|$variant|$metric"]:-})"
    done
  done
done

printf '\n%-8s %-14s %10s %8s %8s %9s %9s %10s\n' "" "" "" "" "" "CPU us/request" "" "store"
printf '%-8s %-14s %10s %8s %8s %9s %9s %10s\n' workload variant "requests/s" "p50 ms" "p99 ms" \
  "demo JVM" "store" "cmds/req"
for workload in "${WORKLOADS[@]}"; do
  for variant in "${variants[@]}"; do
    printf '%-8s %-14s %10s %8s %8s %9s %9s %10s\n' "$workload" "$variant" \
      "$(fmt %.0f "${med["$workload|$variant|rps"]}")" \
      "$(fmt %.2f "${med["$workload|$variant|p50"]}")" \
      "$(fmt %.2f "${med["$workload|$variant|p99"]}")" \
      "$(fmt %.0f "${med["$workload|$variant|demo_cpu"]}")" \
      "$(fmt %.0f "${med["$workload|$variant|store_cpu"]}")" \
      "$(fmt %.2f "${med["$workload|$variant|commands"]}")"
  done
done

printf '\n%-8s %-28s %-28s %s\n' "" "larder/in-memory" "larder/spring-session" "target"
printf '%-8s %8s %9s %9s %8s %9s %9s   %s\n' workload "req/s" "p50" "p99" "req/s" "p50" "p99" \
  ">=0.80 and >1.00 req/s"
for workload in "${WORKLOADS[@]}"; do
  row=()
  for other in in-memory spring-session; do
    for metric in rps p50 p99; do
      row+=("$(ratio "${med["$workload|larder|$metric"]}" "${med["$workload|$other|$metric"]}")")
    done
  done
  verdict="$(awk -v m="${row[0]}" -v s="${row[3]}" 'BEGIN {
    if (m == "n/a" || s == "n/a") print "n/a"; else if (m >= 0.8 && s > 1) print "met";
    else print "missed" }')"
  printf '%-8s %8s %9s %9s %8s %9s %9s   %s\n' "$workload" "${row[@]}" "$verdict"
done
echo "(median of $ROUNDS rounds of ${DURATION}s, wrk -t$THREADS -c$CONNECTIONS; latency ratios"
echo " below 1 mean Larder answers faster; ratios compare within this run only)"

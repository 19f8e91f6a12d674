#!/usr/bin/env bash
# compare-redis.sh — redis-benchmark against redis-server and against Larder, in one run.
#
# Usage: larder-benchmarks/scripts/compare-redis.sh [--help]
#
# Starts redis-server and Larder on free loopback ports, each in a temporary data directory with
# comparable persistence (append-only log, fsync once a second; no RDB snapshots for Redis), and
# runs the same redis-benchmark commands against both, interleaved: round 1 Redis, round 1 Larder,
# round 2 Redis, ... Interleaving spreads the machine's background noise over both servers alike.
# Before the rounds, one untimed pass warms Larder's JIT. The table at the end gives, per test,
# the median requests/s of each server over the rounds and the ratio larder/redis.
# Both servers are stopped when the script exits, however it exits.
#
# Tests (all with -c CLIENTS -r KEYSPACE): SET, GET and HSET with -P 1 and -P 16, each with
# -d 3 and -d 1024; HGETALL of a 10-field hash with -P 1 and -P 16.
#
# Environment (default in brackets):
#   ROUNDS [3]                    measured rounds
#   REQUESTS [200000]             requests per test without pipelining (-P 1)
#   PIPELINED_REQUESTS [2000000]  requests per test with -P 16 (pipelining is ~10x faster)
#   CLIENTS [50]                  parallel connections (-c)
#   KEYSPACE [100000]             range of the random keys (-r)
#   BENCH_TIMEOUT [600]           seconds one redis-benchmark run may take before it counts as failed
#   LARDER_JAR                    [larder-server/target/larder-server.jar, built when missing]
#   LARDER_JAVA_OPTS              [-XX:+UseParallelGC -Xss512k, as ./larder uses]
#   Other LARDER_* settings (e.g. LARDER_IO_THREADS=1) apply to Larder as usual.
#
# Needs redis-server, redis-cli and redis-benchmark from Redis 7 (for -t hset), Java 17, and Maven
# when the jar must be built. Everything listens on 127.0.0.1 only.
set -euo pipefail

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,/^set -euo pipefail$/p' "$0" | sed '$d; s/^# \{0,1\}//'
  exit 0
fi

ROUNDS="${ROUNDS:-3}"
REQUESTS="${REQUESTS:-200000}"
PIPELINED_REQUESTS="${PIPELINED_REQUESTS:-2000000}"
CLIENTS="${CLIENTS:-50}"
KEYSPACE="${KEYSPACE:-100000}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-600}"
read -r -a JAVA_OPTS <<<"${LARDER_JAVA_OPTS:--XX:+UseParallelGC -Xss512k}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="${LARDER_JAR:-$root/larder-server/target/larder-server.jar}"
# Both servers take the same password for user "default", so every client command is the same.
key="compare-redis-benchmark-key"
# Not "myhash": redis-benchmark's HSET test adds up to KEYSPACE fields to that one.
hgetall_key="bench:hgetall"
# Each case: pipelining, then redis-benchmark's test selection. -d only matters for SET and HSET.
cases=(
  "-P 1 -d 3|-t set,get,hset"
  "-P 1 -d 1024|-t set,get,hset"
  "-P 16 -d 3|-t set,get,hset"
  "-P 16 -d 1024|-t set,get,hset"
  "-P 1|HGETALL $hgetall_key"
  "-P 16|HGETALL $hgetall_key"
)

for tool in redis-server redis-cli redis-benchmark java timeout; do
  command -v "$tool" >/dev/null || { echo "compare-redis: $tool is not installed" >&2; exit 1; }
done

work="$(mktemp -d -t larder-compare.XXXXXX)"
pids=()
cleanup() {
  local status=$?
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

BENCH_NAME=compare-redis
# shellcheck source=bench-lib.sh
source "$root/larder-benchmarks/scripts/bench-lib.sh"

if [[ ! -f "$jar" ]]; then
  log "Building larder-server (no jar at $jar)..."
  (cd "$root" && mvn -q -pl larder-server -am package -DskipTests -Dspotless.check.skip=true) >&2
fi
# Run a private copy (the jar and the lib/ its manifest points to), so a rebuild during the run
# cannot replace the jar under the running JVM.
mkdir "$work/jar"
cp "$jar" "$work/jar/larder-server.jar"
cp -r "$(dirname "$jar")/lib" "$work/jar/lib"

free_port redis_port
mkdir "$work/redis"
redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$work/redis" --daemonize no \
  --appendonly yes --appendfsync everysec --save '' --requirepass "$key" \
  --logfile "$work/redis.log" &
pids+=($!)
wait_store redis "$redis_port" "${pids[-1]}"

free_port larder_port
# Larder's defaults are appendonly yes, appendfsync everysec: the same durability as above.
LARDER_DEFAULT_KEY="$key" java "${JAVA_OPTS[@]}" -jar "$work/jar/larder-server.jar" start \
  --port "$larder_port" --admin-port 0 --data-dir "$work/larder" >"$work/larder.log" 2>&1 &
pids+=($!)
wait_store larder "$larder_port" "${pids[-1]}"

# The same hash on both, and a check that both answer every benchmarked command alike: an error
# reply would still count as a reply, so a missing command would show as a fast one.
check_commands() { # check_commands PORT — prints the replies
  cli "$1" DEL "$hgetall_key" bench:check >/dev/null
  for i in $(seq 1 10); do cli "$1" HSET "$hgetall_key" "field-$i" "value-$i" >/dev/null; done
  cli "$1" SET bench:check xyz
  cli "$1" GET bench:check
  cli "$1" HSET bench:check-hash element:1 xyz
  cli "$1" HGETALL "$hgetall_key"
}
redis_replies="$(check_commands "$redis_port")"
larder_replies="$(check_commands "$larder_port")"
if [[ "$redis_replies" != "$larder_replies" ]]; then
  log "compare-redis: Redis and Larder answer the benchmarked commands differently:"
  diff <(echo "$redis_replies") <(echo "$larder_replies") >&2 || true
  exit 1
fi

declare -A results=() # "server|test" -> space-separated requests/s, one per round
declare -A seen=()    # test label -> 1
tests=()              # test labels in first-seen order

# run_pass SERVER PORT ROUND — every case once; ROUND "warm-up" is not recorded.
run_pass() {
  local server="$1" port="$2" round="$3" case flags pipeline selection requests name rps label status
  for case in "${cases[@]}"; do
    flags="${case%%|*}"
    selection="${case#*|}"
    read -r _ pipeline _ <<<"$flags" # "-P 16 -d 3" -> 16
    requests="$REQUESTS"
    ((pipeline == 1)) || requests="$PIPELINED_REQUESTS"
    status=0
    # $flags and $selection are deliberately split into words.
    # shellcheck disable=SC2086
    timeout "$BENCH_TIMEOUT" redis-benchmark -h 127.0.0.1 -p "$port" --user default -a "$key" \
      -c "$CLIENTS" -n "$requests" -r "$KEYSPACE" $flags -q --csv $selection \
      >"$work/bench.csv" 2>"$work/bench.err" || status=$?
    if ((status != 0)); then
      log "  $server, $round: redis-benchmark $flags $selection failed (status $status): $(head -c 300 "$work/bench.err")"
      continue
    fi
    # CSV rows: "SET","61349.69",... ; a custom command's row is named by the whole command.
    while IFS=, read -r name rps _; do
      label="${name%% *} $flags"
      log "  $server, $round: $label: $rps requests/s (-n $requests)"
      [[ "$round" == "warm-up" ]] && continue
      [[ -n "${seen[$label]:-}" ]] || { seen[$label]=1; tests+=("$label"); }
      results["$server|$label"]="${results["$server|$label"]:-} $rps"
    done < <(tail -n +2 "$work/bench.csv" | tr -d '"')
  done
}

log "Redis: $(redis-server --version | cut -d' ' -f1-3) on port $redis_port"
log "Larder: $jar (built $(date -r "$jar" '+%F %T')) on port $larder_port, $(java -version 2>&1 | head -n 1)"
log "Machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
log "Flags: -c $CLIENTS -r $KEYSPACE, -n $REQUESTS (-P 1) / $PIPELINED_REQUESTS (-P 16), $ROUNDS rounds"
log "Warm-up: one untimed pass against Larder so the JIT has compiled the hot paths..."
run_pass larder "$larder_port" warm-up
for round in $(seq 1 "$ROUNDS"); do
  log "Round $round of $ROUNDS"
  run_pass redis "$redis_port" "round $round"
  run_pass larder "$larder_port" "round $round"
done
log "Load average $(cut -d' ' -f1-3 /proc/loadavg) at end"

printf '\n%-22s %14s %14s %14s\n' "test" "redis rps" "larder rps" "larder/redis"
for label in "${tests[@]}"; do
  # Word splitting turns the space-separated rounds into arguments.
  # shellcheck disable=SC2086
  redis_rps="$(median ${results["redis|$label"]:-})"
  # shellcheck disable=SC2086
  larder_rps="$(median ${results["larder|$label"]:-})"
  ratio="$(awk -v l="$larder_rps" -v r="$redis_rps" \
    'BEGIN { if (l == "n/a" || r == "n/a" || r == 0) print "n/a"; else printf "%.2f", l / r }')"
  printf '%-22s %14s %14s %14s\n' "$label" "$redis_rps" "$larder_rps" "$ratio"
done
echo "(median of $ROUNDS rounds; requests/s; ratios compare within this run only)"

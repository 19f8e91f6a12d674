# Functions the comparison scripts share; sourced, not run. The script sets BENCH_NAME (for
# messages) and key (the password of user "default" on every store it starts).

log() { echo "$*" >&2; }
fail() { log "$BENCH_NAME: $*"; exit 1; }

# free_port VAR — sets VAR to a port below Linux's ephemeral range (32768+), so no outgoing
# connection holds it, on which nothing listens (the connection attempt is refused), and not one
# handed out before (not run in a subshell, so that it remembers those).
taken_ports=" "
free_port() {
  local candidate
  while true; do
    candidate=$((20000 + RANDOM % 12000))
    [[ "$taken_ports" == *" $candidate "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
      taken_ports+="$candidate "
      printf -v "$1" '%s' "$candidate"
      return
    fi
  done
}

cli() { # cli PORT ARGS... — one command, authenticated
  local port="$1"
  shift
  redis-cli -h 127.0.0.1 -p "$port" --user default --pass "$key" --no-auth-warning "$@"
}

wait_store() { # wait_store NAME PORT PID — until the store answers PING, or fail
  local name="$1" port="$2" pid="$3" deadline=$((SECONDS + 120))
  until [[ "$(cli "$port" PING 2>/dev/null)" == "PONG" ]]; do
    kill -0 "$pid" 2>/dev/null || fail "$name exited during start-up"
    ((SECONDS < deadline)) || fail "$name not ready after 120 s"
    sleep 0.2
  done
}

median() { # median NUMBERS... — prints "n/a" when there are none
  printf '%s\n' "$@" | sort -g | awk 'NF { v[++n] = $1 }
    END { if (!n) print "n/a"; else if (n % 2) print v[(n + 1) / 2]; else print (v[n / 2] + v[n / 2 + 1]) / 2 }'
}

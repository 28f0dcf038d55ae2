# shellcheck shell=bash
# free_port: prints a loopback TCP port that nothing listens on, below Linux's ephemeral range (32768 and up by
# default), where outgoing connections (test clients, database pools) take ports and a listener could not bind.
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 12000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  echo "no free loopback port found" >&2
  return 1
}

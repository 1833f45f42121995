#!/usr/bin/env bash
# A Spark standalone cluster on this machine, for trying cluster runs and for the cluster tests:
# one Master and K Workers, separate JVMs bound to 127.0.0.1, made from the Spark jars Maven
# already resolved (driver/target/launch/classpath.txt) — no Spark download.
#
#   deploy/cluster.sh start [--workers K] [--cores C] [--memory M] [--dir DIR] [--defaults FILE]
#                           [--worker-env I VAR=VALUE]...
#   deploy/cluster.sh status [--dir DIR]
#   deploy/cluster.sh stop [--dir DIR]
#
#   defaults: 2 workers of 1 core and 1g each; DIR = .cluster in the project (or $RWSWEEP_CLUSTER_DIR)
#
# `start` prints the master URL and the web UI and writes DIR/env.sh; then
#   source DIR/env.sh && deploy/submit.sh sweeps/quickstart.yaml --out /tmp/qs
# submits to it (env.sh sets SPARK_HOME, SPARK_MASTER and the loopback settings). --defaults copies
# a site's spark-defaults.conf into the cluster's SPARK_HOME/conf (deploy/spark-defaults.conf is one
# to start from); --worker-env gives one Worker, and so its executors, an environment variable (a
# node-local setting, or a fault the cluster tests inject). `stop` ends exactly the JVMs `start` started — by the pids in DIR/pids, never by
# name — TERM first (a Worker's shutdown hook stops its executors), KILL after 15 s.
#
# DIR holds: spark-home/ (jars linked from ~/.m2, bin/spark-submit, conf/), pids/, logs/
# (master.log, worker-N.log), work/ (the Workers' work directories: executor logs), local/
# (scratch), master-url, webui-url, env.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$root/driver/target"

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }
die() { echo "cluster.sh: $*" >&2; exit 2; }

command=${1:-}
[[ -n "$command" ]] || { usage >&2; exit 2; }
shift
workers=2 cores=1 memory=1g dir="${RWSWEEP_CLUSTER_DIR:-$root/.cluster}" defaults=""
declare -A worker_env=()   # worker number -> "VAR=VALUE ..." for that Worker (and so its executors) only
while [[ $# -gt 0 ]]; do
  case "$1" in
    --workers) workers=${2:?--workers needs a number}; shift 2 ;;
    --cores) cores=${2:?--cores needs a number}; shift 2 ;;
    --memory) memory=${2:?--memory needs a size like 1g}; shift 2 ;;
    --dir) dir=${2:?--dir needs a directory}; shift 2 ;;
    --defaults) defaults=${2:?--defaults needs a file}; shift 2 ;;
    --worker-env)
      [[ "${2:-}" =~ ^[1-9][0-9]*$ && "${3:-}" =~ ^[A-Za-z_][A-Za-z0-9_]*=.*$ ]] \
        || die "--worker-env: got '${2:-} ${3:-}'; allowed: a worker number and VAR=VALUE"
      worker_env[$2]="${worker_env[$2]:-} $3"; shift 3 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument '$1'; allowed: --workers K, --cores C, --memory M, --dir DIR, --defaults FILE, --worker-env I VAR=VALUE" ;;
  esac
done
[[ "$workers" =~ ^[1-9][0-9]*$ ]] || die "--workers: got '$workers'; allowed: a whole number >= 1"
[[ "$cores" =~ ^[1-9][0-9]*$ ]] || die "--cores: got '$cores'; allowed: a whole number >= 1"
[[ "$memory" =~ ^[1-9][0-9]*[mMgG]$ ]] || die "--memory: got '$memory'; allowed: a size such as 512m or 2g"
[[ -z "$defaults" || -f "$defaults" ]] || die "--defaults: no file $defaults"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
spark_home="$dir/spark-home"

# A pid file's process, if it is still alive and still the JVM we started (its command line names
# the class recorded beside the pid: a reused pid of another program is never signalled).
live_pid() {
  local file=$1 pid class
  [[ -f "$file" ]] || return 1
  read -r pid class < "$file"
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$class" || return 1
  echo "$pid"
}

stop_pid() {
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 75; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -9 "$pid" 2>/dev/null || true
}

# Waits until FILE has a line matching PATTERN; exits 1 if PID dies first or SECONDS pass.
wait_for_line() {
  local file=$1 pattern=$2 pid=$3 seconds=$4 what=$5
  for ((i = 0; i < seconds * 5; i++)); do
    grep -Eq -- "$pattern" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "cluster.sh: $what: the process exited; last lines of $file:" >&2; tail -n 20 "$file" >&2; exit 1; }
    sleep 0.2
  done
  echo "cluster.sh: $what: not within $seconds s; last lines of $file:" >&2
  tail -n 20 "$file" >&2
  exit 1
}

status() {
  local any=0 file pid
  for file in "$dir"/pids/*.pid; do
    [[ -f "$file" ]] || continue
    if pid=$(live_pid "$file"); then
      echo "$(basename "$file" .pid) running, pid $pid"; any=1
    else
      echo "$(basename "$file" .pid) not running"
    fi
  done
  if (( any )); then
    echo "master: $(cat "$dir/master-url")  web UI: $(cat "$dir/webui-url")  (source $dir/env.sh to submit)"
    return 0
  fi
  echo "no cluster running from $dir"
  return 3
}

stop_all() {
  local file pid
  # Workers first, so that none tries to re-register with a Master that is going away.
  for file in "$dir"/pids/worker-*.pid "$dir"/pids/master.pid; do
    [[ -f "$file" ]] || continue
    if pid=$(live_pid "$file"); then stop_pid "$pid"; echo "stopped $(basename "$file" .pid) (pid $pid)"; fi
    rm -f "$file"
  done
}

make_spark_home() {
  if [[ ! -f "$target/rwsweep.jar" || ! -f "$target/launch/classpath.txt" || ! -f "$target/launch/jvm.flags" ]]; then
    echo "building $target/rwsweep.jar ..." >&2
    (cd "$root" && mvn -B -q -DskipTests package)
  fi
  rm -rf "$spark_home/jars" "$spark_home/bin"
  mkdir -p "$spark_home/jars" "$spark_home/bin" "$spark_home/conf" "$dir/pids" "$dir/logs" "$dir/work" "$dir/local"
  tr ':' '\n' < "$target/launch/classpath.txt" | while IFS= read -r jar; do
    [[ -n "$jar" ]] && ln -s "$jar" "$spark_home/jars/"
  done
  # spark-submit as Spark's bin/spark-class works: org.apache.spark.launcher.Main prints what it
  # has to say, a NUL and a newline, then the driver's java command as NUL-terminated words (and,
  # added here, its own exit code); the script execs that command.
  cat > "$spark_home/bin/spark-submit" <<'EOF'
#!/usr/bin/env bash
set -euo pipefail
words=()
while IFS= read -r -d '' word; do words+=("$word"); done < <(
  java -Xmx128m -cp "$SPARK_HOME/jars/*" org.apache.spark.launcher.Main org.apache.spark.deploy.SparkSubmit "$@"
  printf '%d\0' $?)
status=${words[${#words[@]} - 1]}
(( status == 0 && ${#words[@]} > 2 )) || exit $(( status ? status : 1 ))
[[ -z "${words[0]}" ]] || printf '%s\n' "${words[0]}" >&2
command=("${words[@]:1:${#words[@]}-2}")
command[0]=${command[0]#$'\n'}
exec "${command[@]}"
EOF
  chmod +x "$spark_home/bin/spark-submit"
  # The daemons at WARN but the lines an operator (and the cluster tests) read at INFO: start,
  # registration, executors launched and lost, tasks finished.
  [[ -f "$spark_home/conf/log4j2.properties" ]] || cp "$root/deploy/log4j2.properties" "$spark_home/conf/log4j2.properties"
  if [[ -n "$defaults" ]]; then cp "$defaults" "$spark_home/conf/spark-defaults.conf"; fi
}

start() {
  if status > /dev/null 2>&1; then die "a cluster is already running from $dir (deploy/cluster.sh stop --dir $dir)"; fi
  stop_all > /dev/null
  make_spark_home
  local flags daemon_cp master_pid master_url webui pid i
  flags="$(cat "$target/launch/jvm.flags")"
  daemon_cp="$spark_home/conf/:$spark_home/jars/*"
  # Spark 4 is Scala 2.13 only (a distribution's load-spark-env.sh exports this); every process
  # binds to and advertises 127.0.0.1 and keeps its scratch space in DIR/local.
  export SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.13
  export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=127.0.0.1 SPARK_LOCAL_DIRS="$dir/local"
  # Port 0: each JVM binds a free port itself (no race with other programs); the logs say which.
  # setsid: the daemons outlive the shell that started them, and a Ctrl-C there does not reach them.
  # shellcheck disable=SC2086  # the flags file holds several flags, split on spaces on purpose
  setsid java $flags -Xmx256m -Dspark.master.rest.enabled=false -cp "$daemon_cp" \
    org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 0 --webui-port 0 \
    > "$dir/logs/master.log" 2>&1 < /dev/null &
  master_pid=$!
  echo "$master_pid org.apache.spark.deploy.master.Master" > "$dir/pids/master.pid"
  wait_for_line "$dir/logs/master.log" 'Starting Spark master at spark://127\.0\.0\.1:[0-9]+' "$master_pid" 90 "the Master did not start"
  master_url=$(grep -Eo 'spark://127\.0\.0\.1:[0-9]+' "$dir/logs/master.log" | head -n 1)
  wait_for_line "$dir/logs/master.log" 'started at http://[^ ]+:[0-9]+' "$master_pid" 30 "the Master's web UI did not start"
  webui=$(grep -Eo 'started at http://[^ ]+:[0-9]+' "$dir/logs/master.log" | head -n 1 | sed 's/^started at //')
  echo "$master_url" > "$dir/master-url"
  echo "$webui" > "$dir/webui-url"
  for ((i = 1; i <= workers; i++)); do
    mkdir -p "$dir/work/worker-$i"
    # Workers run without OPENBLAS_NUM_THREADS, as on a node whose environment does not set it:
    # executors get it from spark.executorEnv (deploy/submit.sh sets it). --worker-env adds
    # variables to one Worker, whose executors inherit them (a node-local setting or fault).
    # shellcheck disable=SC2086
    env -u OPENBLAS_NUM_THREADS ${worker_env[$i]:-} setsid java $flags -Xmx256m -cp "$daemon_cp" \
      org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --port 0 --webui-port 0 \
      --cores "$cores" --memory "$memory" --work-dir "$dir/work/worker-$i" "$master_url" \
      > "$dir/logs/worker-$i.log" 2>&1 < /dev/null &
    pid=$!
    echo "$pid org.apache.spark.deploy.worker.Worker" > "$dir/pids/worker-$i.pid"
  done
  for ((i = 1; i <= workers; i++)); do
    read -r pid _ < "$dir/pids/worker-$i.pid"
    wait_for_line "$dir/logs/worker-$i.log" "Successfully registered with master $master_url" "$pid" 90 "worker $i did not register"
  done
  cat > "$dir/env.sh" <<EOF
# source this to submit to the cluster of $dir (deploy/submit.sh reads SPARK_MASTER and SPARK_HOME)
export SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.13 SPARK_MASTER="$master_url"
export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=127.0.0.1 SPARK_LOCAL_DIRS="$dir/local"
EOF
  echo "master: $master_url  web UI: $webui  ($workers worker(s) of $cores core(s), $memory each; logs in $dir/logs)"
  echo "submit: source $dir/env.sh && deploy/submit.sh SWEEP.yaml --out DIR;  stop: deploy/cluster.sh stop --dir $dir"
}

case "$command" in
  start) start ;;
  stop) stop_all ;;
  status) status ;;
  -h|--help|help) usage ;;
  *) die "unknown command '$command'; allowed: start, stop, status" ;;
esac

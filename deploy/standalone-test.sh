#!/usr/bin/env bash
# Deploy test of the cluster path: deploy/submit.sh against a real Spark standalone cluster on this
# machine, bound to 127.0.0.1 only. No Spark distribution is needed: the cluster is Spark's own
# Master, Worker and SparkSubmit classes from the Spark jars Maven already has, started by
# deploy/cluster.sh into a throwaway directory (its SPARK_HOME links the jars of
# driver/target/launch/classpath.txt).
#
#   bash deploy/standalone-test.sh     # about a minute on 2 cores; one PASS or FAIL line, exit 0 or 1
#
# The cluster: deploy/cluster.sh with one Worker (2 cores, 2 GiB), each daemon a JVM with the project's flags
# (driver/target/launch/jvm.flags). The Worker starts executors as on any cluster, from
# SPARK_HOME/jars; rwsweep reaches them only inside rwsweep.jar, which the driver ships.
# SPARK_HOME/bin/spark-submit does what Spark's bin/spark-class does: org.apache.spark.launcher.Main
# builds the driver's java command (classpath, spark.driver.extraJavaOptions, Spark's module
# options, heap), the script execs it. So deploy/submit.sh runs unchanged, with SPARK_HOME set.
#
# On a sweep of 8 small trials (bundled MNIST sample, n 200, depths 2 and 3, width 16, two g,
# 2 epochs, 2 seeds) it checks:
#  1. submit.sh exits 0; trials.csv holds 8 rows, all OK; DIR/summary/index.html exists.
#  2. The trials ran in the Worker's executor JVM, not in the driver. Provenance cannot tell (same
#     host, same JVM build), so two records of Spark's are compared: the driver's event log puts
#     all 8 tasks of the training job on a non-driver executor at 127.0.0.1, and that executor's
#     own log (in the Worker's work directory) reports finishing the same 8 task ids, and choosing
#     the BLAS backend the rows' provenance names. Its directory also holds the rwsweep.jar the
#     driver shipped.
#  3. The executors computed what this machine computes without Spark: their launch command has
#     the project's flags (the vector module: trials.csv says tanh=vector), their environment
#     OPENBLAS_NUM_THREADS=1 (the Worker's has none), and `rwsweep replay` retrains the deepest
#     trial here, bit for bit equal to the executor's curves.
#  4. A site's own JVM options in SPARK_HOME/conf/spark-defaults.conf reach the driver and the
#     executors: submit.sh adds to a cluster's settings, it does not replace them.
#  5. The sweep file and --out are relative paths; the executors, in their own work directories,
#     still write into the right --out.
#  6. Resume on a cluster: the same submit into the same --out runs 0 trials, and every stored
#     record (key, finishedAt) stays as it was.
#  7. The Master and the Worker listen on 127.0.0.1 only (checked with `ss` when it is installed).
# Each step has its own time limit; the Master and the Worker are stopped on any exit. The temp
# directory is removed on PASS and kept on FAIL (its path is printed, with the relevant log).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$root/driver/target"
start=$SECONDS

if [[ ! -f "$target/rwsweep.jar" || ! -f "$target/launch/classpath.txt" || ! -f "$target/launch/jvm.flags" ]]; then
  echo "building $target/rwsweep.jar ..." >&2
  (cd "$root" && mvn -B -q -DskipTests package)
fi
flags="$(cat "$target/launch/jvm.flags")"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/rwsweep-standalone.XXXXXX")"
watcher_pid=""
show_log=""   # the log whose tail a FAIL prints

# fail writes to fd 3, the script's own stdout: a trap can run while a command's output is
# redirected into a log, and the FAIL line must not end up in that log.
exec 3>&1
fail() {
  {
    echo "FAIL standalone-test: $*"
    if [[ -n "$show_log" && -f "$show_log" ]]; then
      echo "--- last lines of $show_log:"
      tail -n 40 "$show_log"
    fi
    echo "(logs kept in $tmp)"
  } >&3
  exit 1
}

# Stops a JVM this script started: TERM (Spark's shutdown hooks stop a Worker's executors), then
# KILL if it is still there after 15 s.
stop() {
  local pid=$1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 75; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -9 "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  stop "$watcher_pid"
  if [[ -d "$tmp/cluster/pids" ]]; then "$root/deploy/cluster.sh" stop --dir "$tmp/cluster" > /dev/null 2>&1 || true; fi
  if [[ $status -eq 0 ]]; then rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'fail "interrupted"' INT TERM

# Waits until FILE has a line matching the extended regex PATTERN; fails if PID dies first or
# SECONDS pass.
wait_for_line() {
  local file=$1 pattern=$2 pid=$3 seconds=$4 what=$5
  for ((i = 0; i < seconds * 5; i++)); do
    grep -Eq -- "$pattern" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { show_log=$file; fail "$what: the process exited"; }
    sleep 0.2
  done
  show_log=$file
  fail "$what: not within $seconds s"
}

# The value of column NAME in every data row of a trials.csv (text fields holding a comma are
# quoted: they are blanked first, so that splitting on commas is right for every other column).
column() {
  sed -E 's/"([^"]|"")*"/""/g' "$2" | awk -F, -v name="$1" '
    NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; if (!c) exit 2; next }
    { print $c }'
}

# --- the cluster: deploy/cluster.sh, one Worker of 2 cores ---------------------------------------
# A site's own JVM options, as a cluster's spark-defaults.conf sets them (here: JVM temp files on
# the scratch disk). rwsweep must run with them, not instead of them.
cluster="$tmp/cluster"
mkdir -p "$tmp/events"
site_option="-Djava.io.tmpdir=$cluster/local"
cat > "$tmp/spark-defaults.conf" <<EOF
spark.driver.extraJavaOptions $site_option
spark.executor.extraJavaOptions $site_option
EOF
show_log="$tmp/cluster.log"
timeout --foreground 200 "$root/deploy/cluster.sh" start --dir "$cluster" --workers 1 --cores 2 --memory 2g \
  --defaults "$tmp/spark-defaults.conf" > "$show_log" 2>&1 || fail "deploy/cluster.sh start: status $?"
# shellcheck disable=SC1091  # written by cluster.sh: SPARK_HOME, SPARK_MASTER, loopback settings
source "$cluster/env.sh"
master_url=$SPARK_MASTER
read -r master_pid _ < "$cluster/pids/master.pid"
read -r worker_pid _ < "$cluster/pids/worker-1.pid"
work="$cluster/work/worker-1"
wait_for_line "$cluster/logs/master.log" 'Registering worker 127\.0\.0\.1:[0-9]+ with 2 cores' "$master_pid" 10 "the Master did not list the Worker"
cluster_up=$((SECONDS - start))

if command -v ss > /dev/null; then
  for pid in "$master_pid" "$worker_pid"; do
    sockets=$(ss -H -ltnp | grep -F "pid=$pid," | awk '{print $4}')
    [[ -n "$sockets" ]] || fail "ss shows no listening socket of JVM $pid"
    wide=$(grep -Ev '^(\[::ffff:)?127\.0\.0\.1\]?:[0-9]+$' <<< "$sockets" || true)
    [[ -z "$wide" ]] || fail "JVM $pid listens beyond loopback: $wide"
  done
  loopback="listening on 127.0.0.1 only"
else
  loopback="listening addresses not checked: no ss"
fi

# --- the sweep, submitted twice -------------------------------------------------------------------
# The sweep file and --out are given relative to the submitting shell's directory: executors run
# in their own work directories, so the driver must hand them absolute paths.
cat > "$tmp/standalone-test.yaml" <<'EOF'
# 8 small trials: 2 depths x 2 g x 2 seeds
name: standalone-test
data: {source: mnist-sample, n: 200}
depths: [2, 3]
width: 16
g: [1.0, 1.3]
lambda: [[0.05, 0.05]]
epochs: 2
batch: 20
seeds: [1, 2]
EOF
out="$tmp/out"
submit() {
  (cd "$tmp" && SPARK_MASTER="$master_url" SPARK_SUBMIT_ARGS="$1" timeout --foreground 180 \
    "$root/deploy/submit.sh" standalone-test.yaml --out out "${@:2}")
}
submit_args="--total-executor-cores 2 --executor-memory 1g --conf spark.eventLog.enabled=true"
submit_args+=" --conf spark.eventLog.dir=file://$tmp/events --conf spark.eventLog.compress=false"

# While the first submit runs, the environment of every executor the Worker starts is recorded
# (once its java command is exec'd: /proc/PID/environ is then final). An executor lives for its
# whole application, seconds, against 0.2 s between looks.
watch_executors() {
  while :; do
    for pid in $(pgrep -P "$worker_pid" -f CoarseGrainedExecutorBackend || true); do
      [[ -s "$tmp/executor-env.$pid" ]] && continue
      environment=$(tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null) && echo "$environment" > "$tmp/executor-env.$pid"
    done
    sleep 0.2
  done
}
watch_executors &
watcher_pid=$!

t=$SECONDS
show_log="$tmp/submit-1.log"
submit "$submit_args" > "$show_log" 2>&1 || fail "the first submit exited with status $? (124: timed out after 180 s)"
first_submit=$((SECONDS - t))
stop "$watcher_pid"

csv="$out/trials.csv"
[[ -f "$csv" ]] || fail "no $csv"
rows=$(($(wc -l < "$csv") - 1))
[[ $rows -eq 8 ]] || fail "trials.csv has $rows data rows, not 8"
not_ok=$(column status "$csv" | grep -cvx OK || true)
[[ $not_ok -eq 0 ]] || fail "$not_ok of 8 trials are not OK: $(column status "$csv" | sort | uniq -c | xargs)"
[[ -f "$out/summary/index.html" ]] || fail "no $out/summary/index.html"
tanh=$(column tanh "$csv" | sort -u | xargs)
[[ "$tanh" == vector ]] || fail "executors trained with tanh path '$tanh', not vector: did they get the vector module?"

# Where the trials ran: the driver's event log (Spark 4 writes one directory per application;
# the summary at the end of `run` is a second application) ...
show_log="$tmp/submit-1.log"
events=$(grep -rlF '"spark.job.description":"rwsweep standalone-test: 8 trials"' "$tmp/events" || true)
[[ -n "$events" && $(wc -l <<< "$events") -eq 1 ]] || fail "not one event log in $tmp/events with the job 'rwsweep standalone-test: 8 trials'"
app=$(grep -F '"Event":"SparkListenerApplicationStart"' "$events" | sed -E 's/.*"App ID":"([^"]*)".*/\1/')
job=$(grep -F '"Event":"SparkListenerJobStart"' "$events" | grep -F '"spark.job.description":"rwsweep standalone-test: 8 trials"')
stages=$(sed -E 's/.*"Stage IDs":\[([0-9,]*)\].*/\1/' <<< "$job")
[[ "$stages" =~ ^[0-9]+$ ]] || fail "the training job has stages '$stages', not one stage"
# one line per successful task of that stage: TASK_ID EXECUTOR_ID HOST
tasks=$(grep -F '"Event":"SparkListenerTaskEnd"' "$events" | grep -F "\"Stage ID\":$stages," \
  | grep -F '"Task End Reason":{"Reason":"Success"}' \
  | sed -E 's/.*"Task ID":([0-9]+),.*"Executor ID":"([^"]*)","Host":"([^"]*)".*/\1 \2 \3/' | sort -n)
[[ $(wc -l <<< "$tasks") -eq 8 ]] || fail "the training job has $(wc -l <<< "$tasks") successful tasks, not 8: $tasks"
placed=$(awk '{print $2 "@" $3}' <<< "$tasks" | sort -u | xargs)
[[ "$placed" != *driver* && "$placed" =~ ^[0-9]+@127\.0\.0\.1( [0-9]+@127\.0\.0\.1)*$ ]] \
  || fail "the training tasks ran on '$placed', not on cluster executors at 127.0.0.1"
# ... and the executors' own logs, in the Worker's work directory of that application.
show_log="$cluster/logs/worker-1.log"
[[ -n "$app" && -d "$work/$app" ]] || fail "the Worker's work directory has no directory for application '$app'"
finished=$(cat "$work/$app"/*/stderr | grep -Eo 'Finished task [0-9.]+ in stage [0-9.]+ \(TID [0-9]+\)' \
  | sed -E 's/.*TID ([0-9]+)\)/\1/' | sort)
missing=$(comm -23 <(awk '{print $1}' <<< "$tasks" | sort) <(echo "$finished") | xargs)
[[ -z "$missing" ]] || fail "the executor logs of $app do not report finishing training tasks $missing"
ls "$work/$app"/*/rwsweep.jar > /dev/null 2>&1 || fail "no executor of $app fetched rwsweep.jar"
# The rows' provenance names the BLAS backend the training JVM chose; the executor logged choosing it.
blas=$(column blas "$csv" | sort -u | xargs)
grep -qF "BLAS backend $blas," "$work/$app"/*/stderr \
  || fail "trials.csv says blas '$blas', but no executor of $app logged choosing that backend"
# Every flag the project needs, and the site's option, are on each executor's command line (the
# first line of its stderr); the driver ran with the site's option too (its system properties are
# in the event log).
for executor in "$work/$app"/*/; do
  # shellcheck disable=SC2086  # one word per flag
  for flag in $flags $site_option; do
    head -n 1 "$executor/stderr" | grep -qF -- "\"$flag\"" \
      || fail "executor $executor was launched without $flag: $(head -n 1 "$executor/stderr")"
  done
done

grep -F '"Event":"SparkListenerEnvironmentUpdate"' "$events" | grep -qF "\"java.io.tmpdir\":\"$cluster/local\"" \
  || fail "the driver did not run with the site's option $site_option from spark-defaults.conf"

# Every executor had OPENBLAS_NUM_THREADS=1, which only spark.executorEnv can have given it.
watched=("$tmp"/executor-env.*)
[[ -f "${watched[0]}" ]] || fail "saw no executor process of the Worker (is pgrep installed?)"
for environment in "${watched[@]}"; do
  grep -qx OPENBLAS_NUM_THREADS=1 "$environment" \
    || fail "executor ${environment##*.} ran without OPENBLAS_NUM_THREADS=1 (has: $(grep OPENBLAS_NUM_THREADS "$environment" || echo nothing))"
done

# The executors' numbers against this machine's: retrain the deepest trial here.
key=$(paste -d' ' <(column depth "$csv") <(column key "$csv") | sort -n | tail -n 1 | cut -d' ' -f2)
t=$SECONDS
show_log="$tmp/replay.log"
timeout --foreground 120 "$root/deploy/rwsweep" replay "$out" "$key" > "$show_log" 2>&1 \
  || fail "rwsweep replay of trial $key: status $? (1: curves differ from the executor's; 124: timed out)"
grep -q "^reproduced $key" "$show_log" || fail "rwsweep replay did not report 'reproduced $key'"
replay=$((SECONDS - t))

# Resume: the same submit again.
before=$(paste -d' ' <(column key "$csv") <(column finishedAt "$csv") | sort)
t=$SECONDS
show_log="$tmp/submit-2.log"
submit "--total-executor-cores 2 --executor-memory 1g" --no-progress > "$show_log" 2>&1 \
  || fail "the second submit exited with status $? (124: timed out after 180 s)"
second_submit=$((SECONDS - t))
grep -q '^8 trials: 8 already done, 0 run ' "$show_log" || fail "the second submit did not skip all 8 trials"
after=$(paste -d' ' <(column key "$csv") <(column finishedAt "$csv") | sort)
[[ "$before" == "$after" ]] || fail "the second submit changed the stored records"

echo "PASS standalone-test: 8 trials on the executors of a standalone cluster ($placed), $loopback;" \
  "replayed here bit for bit; resubmitted: 0 run. Cluster up ${cluster_up} s, submit ${first_submit} s," \
  "replay ${replay} s, resubmit ${second_submit} s, ${SECONDS} s in all"

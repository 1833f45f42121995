#!/usr/bin/env bash
# Fault tests on a real two-worker Spark standalone cluster (deploy/cluster.sh: two Workers of one
# core on 127.0.0.1): processes are killed by pid while a sweep runs, and every check counts keys in
# the store and compares curves. One PASS or FAIL line; exit 0 or 1. About 5 minutes on 2 cores.
#
#   bash deploy/fault-test.sh
#
# The sweep: 16 trials of a few seconds (tanh, 1,000 bundled digits, depth 24, width 96, 4 g x 4 seeds).
#  0. Determinism across engines: the sweep on local[1] and on local[2] (no cluster) gives
#     bit-identical curves per trial; this is the reference the cluster runs are held to.
#  1. Executor loss: SIGKILL an executor JVM of worker 1 while it trains. The Worker starts a new
#     one, Spark re-runs the lost tasks; the sweep completes with every trial stored exactly once,
#     each one's curves bit for bit the reference's.
#  2. Driver loss: SIGKILL the driver JVM once 4 trials are recorded; resubmit. The trials recorded
#     before the kill are not recomputed (their finishedAt unchanged), none is duplicated, and the
#     summary's tables equal the reference's.
#  3. A trial that throws on one executor only: worker 2 was started with RWSWEEP_FAULT_SWEEP naming
#     the sweep "fault-poisoned", so every trial of it that lands on worker 2's executor fails there.
#     Each such trial is FAILED with that message, the others are OK and equal the reference, the
#     run goes on to the end (exit 1: a run with FAILED trials), every key exactly once.
#  4. Worker loss for good: stop worker 2 (and with it its executor) mid-sweep; the sweep finishes
#     on worker 1, every trial exactly once and equal to the reference.
# The temp directory is removed on PASS and kept on FAIL (its path is printed with the relevant log).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$root/driver/target"
start=$SECONDS
if [[ ! -f "$target/rwsweep.jar" || ! -f "$target/launch/classpath.txt" ]]; then
  (cd "$root" && mvn -B -q -DskipTests package)
fi
tmp="$(mktemp -d "${TMPDIR:-/tmp}/rwsweep-fault.XXXXXX")"
cluster="$tmp/cluster"
show_log=""
exec 3>&1
fail() {
  {
    echo "FAIL fault-test: $*"
    if [[ -n "$show_log" && -f "$show_log" ]]; then echo "--- last lines of $show_log:"; tail -n 30 "$show_log"; fi
    echo "(logs kept in $tmp)"
  } >&3
  exit 1
}
cleanup() {
  local status=$?
  if [[ -d "$cluster/pids" ]]; then "$root/deploy/cluster.sh" stop --dir "$cluster" > /dev/null 2>&1 || true; fi
  if [[ $status -eq 0 ]]; then rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'fail "interrupted"' INT TERM

sweep() {  # NAME: a sweep file of 16 trials of a few seconds each
  cat > "$tmp/$1.yaml" <<EOF
name: $1
data: {source: mnist-sample, n: 1000}
nonlinearities: tanh
depths: 24
width: 96
init: gaussian
g: [1.0, 1.1, 1.2, 1.3]
lambda: [[0.01, 0.02]]
epochs: 4
batch: 50
seeds: [1, 2, 3, 4]
EOF
}
sweep fault
sweep fault-poisoned

# check.py: the store-level assertions, in one place (trials.csv parsed as CSV, not by hand).
cat > "$tmp/check.py" <<'EOF'
import csv, json, glob, os, sys
def rows(d):
    with open(os.path.join(d, "trials.csv"), newline="") as f:
        return list(csv.DictReader(f))
def fail(msg):
    print(msg); sys.exit(1)
cmd = sys.argv[1]
if cmd == "same":          # DIR REF [ALLOW_FAILED_MESSAGE]: every key once, curves equal REF's
    got, ref = rows(sys.argv[2]), {r["key"]: r for r in rows(sys.argv[3])}
    allow = sys.argv[4] if len(sys.argv) > 4 else None
    keys = [r["key"] for r in got]
    if len(keys) != len(set(keys)): fail(f"duplicated keys in {sys.argv[2]}: {len(keys)} rows, {len(set(keys))} keys")
    if set(keys) != set(ref): fail(f"{sys.argv[2]} holds {len(set(keys))} keys, the reference {len(ref)}; differ: {sorted(set(keys) ^ set(ref))}")
    failed = 0
    for r in got:
        s = r["status"].upper()
        if s == "FAILED" and allow is not None:
            if allow not in r["message"]: fail(f"trial {r['key']} FAILED with '{r['message']}', not the injected fault")
            failed += 1
            continue
        if s != "OK": fail(f"trial {r['key']} is {r['status']}: {r['message']}")
        for col in ("trainError", "meanLoss"):
            if r[col] != ref[r["key"]][col]: fail(f"trial {r['key']}: {col} differs from the reference run")
    print(failed)
elif cmd == "records":     # DIR: key finishedAt of every pending record
    for p in glob.glob(os.path.join(sys.argv[2], "pending", "*.json")):
        try:
            with open(p) as f: rec = json.loads(f.readline())
        except Exception:
            continue
        print(rec["key"], rec["finishedAt"])
elif cmd == "kept":        # DIR FILE: every (key, finishedAt) of FILE is in DIR's trials.csv
    stored = {(r["key"], r["finishedAt"]) for r in rows(sys.argv[2])}
    before = [tuple(l.split()) for l in open(sys.argv[3]) if l.strip()]
    lost = [b for b in before if b not in stored]
    if lost: fail(f"{len(lost)} trials recorded before the driver died were recomputed or lost: {lost[:3]}")
    print(len(before))
EOF
check() { python3 "$tmp/check.py" "$@"; }
pending_count() { find "$1/pending" -name '*.json' 2>/dev/null | wc -l; }

# 0. The reference, and determinism across local[1] / local[2]
for m in 1 2; do
  show_log="$tmp/local-$m.log"
  timeout --foreground 600 "$root/deploy/rwsweep" run "$tmp/fault.yaml" --out "$tmp/local-$m" --master "local[$m]" --no-progress \
    > "$show_log" 2>&1 || fail "the local[$m] run exited with status $?"
done
check same "$tmp/local-1" "$tmp/local-2" > /dev/null || fail "local[1] and local[2] differ: $(check same "$tmp/local-1" "$tmp/local-2")"
show_log="$tmp/local-poisoned.log"
timeout --foreground 600 "$root/deploy/rwsweep" run "$tmp/fault-poisoned.yaml" --out "$tmp/local-poisoned" --master "local[2]" --no-progress \
  > "$show_log" 2>&1 || fail "the local run of the poisoned sweep exited with status $?"
reference=$((SECONDS - start))

# The cluster: worker 2's executors fail every trial of the sweep "fault-poisoned" (check 3).
show_log="$tmp/cluster.log"
timeout --foreground 200 "$root/deploy/cluster.sh" start --dir "$cluster" --workers 2 --cores 1 --memory 1g \
  --worker-env 2 RWSWEEP_FAULT_SWEEP=fault-poisoned > "$show_log" 2>&1 || fail "deploy/cluster.sh start: status $?"
# shellcheck disable=SC1091
source "$cluster/env.sh"
read -r worker1 _ < "$cluster/pids/worker-1.pid"
read -r worker2 _ < "$cluster/pids/worker-2.pid"
submit() {  # SWEEP OUT: deploy/submit.sh in the background; sets submit_pid (the driver JVM)
  SPARK_SUBMIT_ARGS="--executor-memory 512m" "$root/deploy/submit.sh" "$tmp/$1.yaml" --out "$2" --no-progress \
    > "$2.log" 2>&1 &
  submit_pid=$!
}
wait_records() {  # OUT N SECONDS: until OUT has N records; fails if the submit ends first
  for ((i = 0; i < $3 * 5; i++)); do
    (( $(pending_count "$1") >= $2 )) && return 0
    kill -0 "$submit_pid" 2>/dev/null || { show_log="$1.log"; fail "the submit into $1 ended before $2 trials were recorded"; }
    sleep 0.2
  done
  show_log="$1.log"; fail "$1: fewer than $2 trials recorded within $3 s"
}
finish() {  # OUT EXPECTED_STATUS: waits for the background submit
  local status=0
  wait "$submit_pid" || status=$?
  show_log="$1.log"
  [[ $status -eq $2 ]] || fail "the submit into $1 exited with status $status, not $2"
}

# 1. Executor loss
out="$tmp/executor-loss"
submit fault "$out"
wait_records "$out" 2 300
executor=$(pgrep -P "$worker1" -f CoarseGrainedExecutorBackend | head -n 1 || true)
[[ -n "$executor" ]] || fail "worker 1 has no executor to kill"
kill -9 "$executor"
for ((i = 0; i < 50; i++)); do kill -0 "$executor" 2>/dev/null || break; sleep 0.2; done
kill -0 "$executor" 2>/dev/null && fail "executor $executor survived SIGKILL"
finish "$out" 0
check same "$out" "$tmp/local-2" > "$tmp/check-1.txt" || fail "after losing an executor: $(cat "$tmp/check-1.txt")"

# 2. Driver loss, then a resubmit
out="$tmp/driver-loss"
submit fault "$out"
wait_records "$out" 4 300
kill -9 "$submit_pid"
wait "$submit_pid" 2>/dev/null || true
check records "$out" > "$tmp/before-kill.txt"
recorded=$(wc -l < "$tmp/before-kill.txt")
show_log="$out-2.log"
SPARK_SUBMIT_ARGS="--executor-memory 512m" timeout --foreground 600 "$root/deploy/submit.sh" "$tmp/fault.yaml" --out "$out" --no-progress \
  > "$show_log" 2>&1 || fail "the resubmit after the driver's death exited with status $?"
check same "$out" "$tmp/local-2" > "$tmp/check-2.txt" || fail "after losing the driver: $(cat "$tmp/check-2.txt")"
check kept "$out" "$tmp/before-kill.txt" > /dev/null || fail "$(check kept "$out" "$tmp/before-kill.txt")"
for table in "$tmp/local-2"/summary/tables/*.csv; do
  # runs.csv is the log of the runs themselves (their times, command lines, hosts): it differs by design
  [[ "$(basename "$table")" == runs.csv ]] && continue
  cmp -s "$table" "$out/summary/tables/$(basename "$table")" || fail "summary table $(basename "$table") differs from the undisturbed run's"
done

# 3. A trial that throws on one executor only
out="$tmp/poisoned"
submit fault-poisoned "$out"
finish "$out" 1
failed=$(check same "$out" "$tmp/local-poisoned" "fault injected on executor") || fail "poisoned sweep: $failed"
(( failed >= 1 )) || fail "no trial of the poisoned sweep ran on worker 2's executor"

# 4. Worker loss for good
out="$tmp/worker-loss"
submit fault "$out"
wait_records "$out" 2 300
kill "$worker2"
finish "$out" 0
check same "$out" "$tmp/local-2" > "$tmp/check-4.txt" || fail "after losing worker 2: $(cat "$tmp/check-4.txt")"

echo "PASS fault-test: 16 trials each, exactly once and bit for bit the local run's (local[1] = local[2] = cluster)" \
  "after an executor kill, a driver kill ($recorded trials kept through the resubmit), $failed trial(s) failing on one" \
  "executor only, and a worker stopped for good; reference runs ${reference} s, ${SECONDS} s in all"

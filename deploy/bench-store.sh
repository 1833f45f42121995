#!/usr/bin/env bash
# The results store's speed, each figure beside its target (issue 16), on this machine:
#
#   deploy/bench-store.sh [QUICKSTART_DIR]     # default results/quickstart (run first if missing)
#
#   summarize of the quickstart store, fresh JVM          target <= 3 s
#   replay DIR no-such-key, fresh JVM                     target <= 2 s
#   compaction of 112 records (as at a run's end)         target <= 1 s
#   compaction of a synthetic store of 100,000 trials     target <= 10 s, heap -Xmx1g
#   summarize of that store, fresh JVM                    target <= 15 s, heap -Xmx1g
#
# Fresh-JVM figures are wall times of deploy/rwsweep, as a user types it. The compactions run in
# StoreBenchmark (driver test sources, not shipped): records land in pending/ as executors write
# them, then one compaction is timed; "fresh" is the first in its JVM (class loading included),
# "warm" the next, as a run's end compaction follows its start one. Nothing here starts Spark.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target="$root/driver/target"
qs="${1:-$root/results/quickstart}"
if [[ ! -f "$target/rwsweep.jar" || ! -f "$target/test-classes/rwsweep/driver/store/StoreBenchmark.class" \
      || ! -f "$target/launch/classpath.txt" ]]; then
  (cd "$root" && mvn -B -q -DskipTests package)
fi
if [[ ! -f "$qs/store.properties" ]]; then
  echo "no store at $qs: running the quickstart first ..." >&2
  "$root/deploy/rwsweep" run "$root/sweeps/quickstart.yaml" --out "$qs" --no-progress >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# seconds of wall time of one command (its output dropped; a refusal's exit 2 is expected)
timed() {
  local start=$EPOCHREALTIME
  "$@" >"$work/last.log" 2>&1 || true
  python3 -c "print(f'{$EPOCHREALTIME - $start:.2f}')"
}

# untimed: the first command after a build records the class-data archive (see deploy/rwsweep)
timed "$root/deploy/rwsweep" summarize "$qs" >/dev/null
summarize_qs=$(timed "$root/deploy/rwsweep" summarize "$qs")
replay_unknown=$(timed "$root/deploy/rwsweep" replay "$qs" 0000000000000000)
grep -q "holds no trial 0000000000000000" "$work/last.log" || { cat "$work/last.log" >&2; exit 1; }

export OPENBLAS_NUM_THREADS=1
# shellcheck disable=SC2046  # the flags file holds several flags on purpose
java $(cat "$target/launch/jvm.flags") -Xmx1g -Xlog:gc:file="$work/gc.log" \
  -cp "$target/test-classes:$target/rwsweep.jar:$(cat "$target/launch/classpath.txt")" \
  rwsweep.driver.store.StoreBenchmark "$work/bench" 100000 >"$work/bench.txt" 2>"$work/bench.log"
figure() { sed -n "s/^$1 //p" "$work/bench.txt"; }
grep "compacted the trial records" "$work/bench.log" | sed 's/^.*INFO Compaction: /  /' >&2
summarize_big=$(RWSWEEP_JAVA_OPTS="-Xmx1g" timed "$root/deploy/rwsweep" summarize "$work/bench/big")
grep -q "^summary: " "$work/last.log" || { echo "summarize of 100,000 trials failed:" >&2; tail -5 "$work/last.log" >&2; }

row() { python3 -c "import sys; m=float('$2'); t=float('$3'); print(f'| {sys.argv[1]} | {m:.2f} s | <= {t:g} s | {\"met\" if m <= t else \"NOT met\"} |')" "$1"; }
echo "store benchmark on $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), $(java -version 2>&1 | head -n 1), load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| figure | measured | target | |"
echo "|---|---|---|---|"
row "summarize quickstart store (112 trials), fresh JVM" "$summarize_qs" 3
row "replay DIR no-such-key, fresh JVM" "$replay_unknown" 2
row "compaction of 112 records, warm (a run's end compaction)" "$(figure compact-112-warm)" 1
row "compaction of 112 records, first in a fresh JVM" "$(figure compact-112-fresh)" 1
row "compaction of 100,000 records, -Xmx1g" "$(figure compact-100000)" 10
row "summarize of 100,000 trials, fresh JVM, -Xmx1g" "$summarize_big" 15

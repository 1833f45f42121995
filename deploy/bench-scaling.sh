#!/usr/bin/env bash
# Scaling benchmark: one grid of 16 trials of about 2 s each (tanh, 2,000 bundled digits, depth 48,
# width 128, 4 g x 4 seeds, 10 epochs), run on local[1], local[2] and a two-worker standalone cluster
# (deploy/cluster.sh: two Workers of one core on 127.0.0.1), each into a fresh directory, printing
# per engine the makespan of the trial phase (from the runner's log), the speed-up against local[1]
# (target >= 1.9x on 2 cores) and the makespan over its bound max(total/cores, longest trial)
# (target <= 1.10), side by side in one run — the machines are shared, so compare only within a run.
#
#   bash deploy/bench-scaling.sh
#
# The BLAS backend and OpenBLAS core type of the trials are printed from their provenance.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$root/driver/target"
[[ -f "$target/rwsweep.jar" ]] || (cd "$root" && mvn -B -q -DskipTests package)
tmp="$(mktemp -d "${TMPDIR:-/tmp}/rwsweep-scaling.XXXXXX")"
cluster="$tmp/cluster"
cleanup() {
  if [[ -d "$cluster/pids" ]]; then "$root/deploy/cluster.sh" stop --dir "$cluster" > /dev/null 2>&1 || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
cat > "$tmp/scaling.yaml" <<'EOF'
name: scaling
data: {source: mnist-sample, n: 2000}
nonlinearities: tanh
depths: 48
width: 128
init: gaussian
g: [1.0, 1.1, 1.2, 1.3]
lambda: [[0.01, 0.02]]
epochs: 10
batch: 50
seeds: [1, 2, 3, 4]
EOF

# "trials ran in 21.3 s on 2 cores; their own time gives a lower bound of 19.8 s (8% over it)"
phase() { grep -Eo 'trials ran in [0-9.]+ s on [0-9]+ cores; their own time gives a lower bound of [0-9.]+ s' "$1" | tail -n 1; }

declare -A makespan bound cores
for m in 1 2; do
  "$root/deploy/rwsweep" run "$tmp/scaling.yaml" --out "$tmp/local-$m" --master "local[$m]" --no-progress > "$tmp/local-$m.log" 2>&1
  line=$(phase "$tmp/local-$m.log")
  makespan[local-$m]=$(awk '{print $4}' <<< "$line"); cores[local-$m]=$(awk '{print $7}' <<< "$line")
  bound[local-$m]=$(awk '{print $NF-0}' <<< "${line% s}")
done
"$root/deploy/cluster.sh" start --dir "$cluster" --workers 2 --cores 1 --memory 1g > "$tmp/cluster.log" 2>&1
# shellcheck disable=SC1091
source "$cluster/env.sh"
SPARK_SUBMIT_ARGS="--executor-memory 512m" "$root/deploy/submit.sh" "$tmp/scaling.yaml" --out "$tmp/cluster-out" --no-progress \
  > "$tmp/cluster-run.log" 2>&1
line=$(phase "$tmp/cluster-run.log")
makespan[cluster]=$(awk '{print $4}' <<< "$line"); cores[cluster]=$(awk '{print $7}' <<< "$line")
bound[cluster]=$(awk '{print $NF-0}' <<< "${line% s}")

prov=$(python3 - "$tmp/cluster-out/trials.csv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
print(", ".join(sorted({f"{r['blas']} core {r['coreType']}" for r in rows})))
EOF
)
echo "16 trials of ~2 s; BLAS: $prov; $(nproc) cores on this machine"
printf '%-26s %6s %12s %10s %8s %16s %8s\n' engine cores makespan_s speedup target over_bound target
for e in local-1 local-2 cluster; do
  name=$e; [[ $e == cluster ]] && name="standalone, 2 workers"
  awk -v n="$name" -v c="${cores[$e]}" -v m="${makespan[$e]}" -v b="${bound[$e]}" -v base="${makespan[local-1]}" -v e="$e" 'BEGIN {
    t1 = (e == "local-1") ? "" : ">=1.9"; printf "%-26s %6d %12.1f %9.2fx %8s %15.2f %8s\n", n, c, m, base / m, t1, m / b, "<=1.10" }'
done

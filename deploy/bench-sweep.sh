#!/usr/bin/env bash
# Sweep-level benchmark (issue 14): a sweep run end to end from a fresh JVM, and beside each
# target the figure measured in this run —
#   ETA error:  the first ETA the progress lines print (the calibrated cost model, before any
#               trial ended) against the trial phase's own wall time (target: within 25%);
#   makespan:   the trial phase against its lower bound max(total/cores, longest trial), both from
#               the run's own log line (target: <= 1.05x);
#   end to end: fresh JVM to the written report, wall clock of the whole command (target: <= 15 s
#               for the quickstart on 2 cores with native OpenBLAS).
#
#   deploy/bench-sweep.sh                          # sweeps/quickstart.yaml
#   deploy/bench-sweep.sh sweeps/fig3-g-sweep.yaml # any sweep file
#
# Each run writes into a fresh temporary directory (no trial is skipped) and removes it. The
# machine's load is printed too: on a shared machine the wall times stretch with it, the ratios less.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sweep=${1:-$root/sweeps/quickstart.yaml}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-<unset: OpenBLAS picks>}"
# The first run of a new build also writes the JVM's class-data archive at exit (deploy/rwsweep),
# 10-20 s that later runs do not pay: say so beside the figure.
jsa="$root/driver/target/launch/rwsweep-run.jsa"
archive=""
[[ -f "$jsa" && "$jsa" -nt "$root/driver/target/rwsweep.jar" ]] || archive="  (this run also wrote the JVM's class-data archive: run again for the figure)"
start=$(date +%s.%N)
# the log is not a terminal: progress comes as plain lines, each with its ETA
"$root/deploy/rwsweep" run "$sweep" --out "$out/results" > "$out/log" 2>&1 || { cat "$out/log" >&2; exit 1; }
end=$(date +%s.%N)
grep -E 'BLAS backend|cost model:' "$out/log" | sed 's/^[0-9:]* INFO [A-Za-z]*: //' | sort -u
first_eta=$(grep -m1 -E '^[a-z ]+ 0/[0-9]+ done' "$out/log" | sed -n 's/.*ETA \([0-9:]*\)$/\1/p')
phase=$(grep -m1 'their own time gives a lower bound' "$out/log")
job=$(sed -n 's/.* ran in \([0-9.]*\) s on.*/\1/p' <<<"$phase")
bound=$(sed -n 's/.*lower bound of \([0-9.]*\) s.*/\1/p' <<<"$phase")
ls "$out/results/summary/index.html" > /dev/null
awk -v archive="$archive" -v eta="$first_eta" -v job="$job" -v bound="$bound" -v start="$start" -v end="$end" -v sweep="$(basename "$sweep")" 'BEGIN {
  n = split(eta, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i];
  printf "%-34s %12s  %s\n", "figure (" sweep ")", "measured", "target";
  printf "%-34s %10.1f s  %s\n", "first ETA", s, "";
  printf "%-34s %10.1f s  %s\n", "trial phase (wall)", job, "";
  printf "%-34s %+10.0f %%  %s\n", "first ETA error", 100 * (s / job - 1), "within +-25%";
  printf "%-34s %10.1f s  %s\n", "bound max(total/cores, longest)", bound, "";
  printf "%-34s %10.2f x  %s\n", "trial phase / bound", job / bound, "<= 1.05x";
  printf "%-34s %10.1f s  %s%s\n", "end to end (fresh JVM to report)", end - start, "<= 15 s (quickstart, 2 cores, OpenBLAS)", archive;
}'

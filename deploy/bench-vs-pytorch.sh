#!/usr/bin/env bash
# rwsweep against PyTorch on the same core (issue 5): for each (D, N) the two run alternately,
# ROUNDS times, each a fresh process with its own warm-up; the table gives the median examples/s
# of each, their ratio, and rwsweep's share of the sgemm peak measured in its own run and of the
# same sgemm calls at the net's own shapes timed alone (what any trainer on this BLAS can reach).
#
#   deploy/bench-vs-pytorch.sh                              # all five configurations, 3 rounds
#   ROUNDS=5 deploy/bench-vs-pytorch.sh 32x128 8x256        # chosen configurations
#
# Needs: apt-get install -y python3-torch python3-numpy (PyTorch runs with /usr/bin/python3).
# Both clip at global norm 1 (rwsweep's --clip 1, PyTorch's clip_grad_norm_(params, 1.0)).
# One thread each: OPENBLAS_NUM_THREADS=1 and torch.set_num_threads(1). OPENBLAS_CORETYPE is left
# as the environment has it and printed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
configs=("$@")
[ ${#configs[@]} -gt 0 ] || configs=(32x128 128x64 1000x64 8x256 32x512)
rounds=${ROUNDS:-3}
export OPENBLAS_NUM_THREADS=1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "PyTorch missing: apt-get install -y python3-torch python3-numpy" >&2; exit 2; }
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-<unset: OpenBLAS picks>}"
for config in "${configs[@]}"; do
  for ((r = 1; r <= rounds; r++)); do
    "$root/deploy/bench.sh" --configs "$config" --clip 1 --reps 5 --csv 2>/dev/null | tail -n +2 >> "$out/rwsweep-$config.csv"
    /usr/bin/python3 "$root/bench/pytorch_mlp.py" --configs "$config" --reps 5 | tail -n +2 >> "$out/pytorch-$config.csv"
  done
  echo "measured $config" >&2
done
median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
printf '%-9s %12s %12s %8s %10s %8s %10s   %s\n' "D x N" "rwsweep ex/s" "PyTorch ex/s" "ratio" "GFLOP/s" "of peak" "of shapes" "backend / coretype / tanh"
for config in "${configs[@]}"; do
  ours=$(cut -d, -f8 "$out/rwsweep-$config.csv" | median)
  theirs=$(cut -d, -f5 "$out/pytorch-$config.csv" | median)
  gflops=$(cut -d, -f10 "$out/rwsweep-$config.csv" | median)
  share=$(cut -d, -f12 "$out/rwsweep-$config.csv" | median)
  shapes=$(cut -d, -f14 "$out/rwsweep-$config.csv" | median)
  what=$(head -1 "$out/rwsweep-$config.csv" | cut -d, -f1-3 | tr , /)
  awk -v c="$config" -v o="$ours" -v t="$theirs" -v g="$gflops" -v s="$share" -v h="$shapes" -v w="$what" \
    'BEGIN {printf "%-9s %12.0f %12.0f %7.2fx %10.1f %7.0f%% %9.0f%%   %s\n", c, o, t, o / t, g, 100 * s, 100 * h, w}'
done

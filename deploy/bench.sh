#!/usr/bin/env bash
# Training-speed benchmark of one trial on one core (issue 5): examples/s, GFLOP/s and share of the
# single-thread sgemm peak measured in the same run, per (D, N), as a table and CSV.
#
#   deploy/bench.sh                                # native OpenBLAS, D×N = 32x128,128x64,1000x64,8x256,32x512
#   deploy/bench.sh --backend all --reps 7         # also the pure-Java (Vector API) backend
#   deploy/bench.sh --configs 32x128 --csv         # one configuration, CSV only
#   deploy/bench.sh --batch 20 --configs 64x34       # another minibatch (default 100; the quickstart trains at 20)
#   deploy/bench.sh --clip off,every               # clip modes per net (default off,armed,every):
#                                                  #   off none, armed a clip never reached, every a
#                                                  #   clip reached on every step, or a threshold
#
# OpenBLAS is held to one thread (a trial owns one core); OPENBLAS_CORETYPE is left as the
# environment has it and reported in every row. Builds the worker if needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
launch="$root/worker/target/launch"
jar="$root/worker/target/rwsweep-worker-0.1.0-SNAPSHOT.jar"
# The benchmark lives with the tests (worker/src/test/java/rwsweep/worker/bench), outside the shipped jar.
bench="$root/worker/target/test-classes"
if [ ! -f "$jar" ] || [ ! -f "$bench/rwsweep/worker/bench/TrainingBenchmark.class" ] \
    || [ ! -f "$launch/classpath.txt" ] || [ ! -f "$launch/jvm.flags" ]; then
  (cd "$root" && mvn -B -q -pl worker -DskipTests package)
fi
export OPENBLAS_NUM_THREADS=1
cp="$jar:$bench:$(cat "$launch/classpath.txt")"
# Which kernels OpenBLAS picked when OPENBLAS_CORETYPE does not pin them: it says so on stderr at
# load with OPENBLAS_VERBOSE=2 ("Core: Haswell"); the benchmark reports it as coretype auto:NAME.
# shellcheck disable=SC2046 # the flags file holds several words on purpose
core=$(OPENBLAS_VERBOSE=2 java $(cat "$launch/jvm.flags") -cp "$cp" rwsweep.worker.bench.TrainingBenchmark --probe 2>&1 >/dev/null \
  | sed -n 's/^Core: //p' | head -n 1)
# shellcheck disable=SC2046
exec java $(cat "$launch/jvm.flags") -Drwsweep.openblas.core="$core" -cp "$cp" \
  rwsweep.worker.bench.TrainingBenchmark "$@" 2> >(grep -v -e 'incubator' -e '^WARNING: Using' >&2)

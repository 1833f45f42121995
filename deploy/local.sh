#!/usr/bin/env bash
# Runs a sweep on this machine with every core, one trial per core (Spark local[*], no cluster):
#
#   deploy/local.sh SWEEP.yaml [--out DIR] [other `rwsweep run` options]
#
# Builds driver/target/rwsweep.jar first if it is missing (mvn -B -q -DskipTests package). The JVM
# gets the project's one flag list (driver/target/launch/jvm.flags: the vector module and Spark's
# --add-opens list) and Spark from driver/target/launch/classpath.txt. Extra JVM options, e.g. a
# bigger heap for a big dataset: RWSWEEP_JAVA_OPTS="-Xmx8g" deploy/local.sh ...
#
# OPENBLAS_NUM_THREADS=1: the tasks run inside this JVM, so its environment is theirs; one BLAS
# thread per trial, since every core already runs a trial. OPENBLAS_CORETYPE is left as it is
# (results record it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$root/driver/target"
if [[ ! -f "$target/rwsweep.jar" || ! -f "$target/launch/classpath.txt" || ! -f "$target/launch/jvm.flags" ]]; then
  echo "building $target/rwsweep.jar ..." >&2
  (cd "$root" && mvn -B -q -DskipTests package)
fi
export OPENBLAS_NUM_THREADS=1
# shellcheck disable=SC2046,SC2086  # the flags file holds several flags, split on spaces on purpose
exec java $(cat "$target/launch/jvm.flags") ${RWSWEEP_JAVA_OPTS:-} \
  -cp "$target/rwsweep.jar:$(cat "$target/launch/classpath.txt")" \
  rwsweep.driver.Main run "$@"

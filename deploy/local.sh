#!/usr/bin/env bash
# Runs a sweep on this machine with every core, one trial per core (Spark local[*], no cluster):
#
#   deploy/local.sh SWEEP.yaml [--out DIR] [other `rwsweep run` options]
#
# The same as `deploy/rwsweep run SWEEP.yaml ...`: see deploy/rwsweep for the JVM flags, the
# build-if-missing step and the environment (OPENBLAS_NUM_THREADS=1).
exec "$(dirname "${BASH_SOURCE[0]}")/rwsweep" run "$@"

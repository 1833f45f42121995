#!/usr/bin/env bash
# Runs a sweep on a Spark cluster through spark-submit (Spark 4.1, Java 17 on every node):
#
#   SPARK_MASTER=URL [SPARK_SUBMIT_ARGS="..."] deploy/submit.sh SWEEP.yaml --out DIR [other `rwsweep run` options]
#
# DIR must be a path every executor can write: hdfs://…, s3a://… (rename is a copy there, see the
# README's store layout), or a shared mount. Only the driver reads the sweep file and the training
# data; executors get the data as a Spark broadcast. Build the jar first: mvn -B -q -DskipTests package.
#
# Standalone:  SPARK_MASTER=spark://master:7077 \
#              SPARK_SUBMIT_ARGS="--executor-memory 1g --total-executor-cores 64" \
#              deploy/submit.sh sweeps/fig4-depth-lambda.yaml --out hdfs://nn:8020/rwsweep/fig4
# YARN:        SPARK_MASTER=yarn \
#              SPARK_SUBMIT_ARGS="--deploy-mode cluster --num-executors 16 --executor-cores 4 --executor-memory 1g --files sweeps/fig4-depth-lambda.yaml" \
#              deploy/submit.sh fig4-depth-lambda.yaml --out hdfs:///user/$USER/rwsweep/fig4
#              (cluster mode: the driver runs on a cluster node, so ship the sweep file with --files
#              and name it by its base name; data paths in it must exist on that node or in HDFS)
# Kubernetes:  SPARK_MASTER=k8s://https://api-server:6443 RWSWEEP_JAR=local:///opt/rwsweep/rwsweep.jar \
#              SPARK_SUBMIT_ARGS="--deploy-mode cluster --conf spark.kubernetes.container.image=REGISTRY/rwsweep:0.1 --conf spark.executor.instances=16" \
#              deploy/submit.sh /opt/rwsweep/sweeps/fig4-depth-lambda.yaml --out s3a://bucket/rwsweep/fig4
#              (an image with Spark 4.1 and the jar inside; local:// names a path in the image)
#
# Standalone with --deploy-mode cluster: spark-submit returns once the driver runs on a worker, and
# exits 0 even when the driver fails (also with spark.standalone.submit.waitAppCompletion=true, which
# makes it wait): judge such a run by DIR/trials.csv and the driver's log, not by the exit code.
#
# Every executor runs one trial per core (spark.task.cpus=1) with one BLAS thread
# (OPENBLAS_NUM_THREADS=1, through spark.executorEnv). rwsweep sets Kryo and its registrator itself.
# JVM flags: Spark 4.1 gives the driver and every executor its own module options, a superset of the
# project's list (driver/target/launch/jvm.flags: the vector module the worker's tanh and the
# pure-Java BLAS use, and the --add-opens list): the launcher puts them on the driver's command
# line, SparkContext in front of spark.executor.extraJavaOptions. So none are passed here: a
# --conf spark.{driver,executor}.extraJavaOptions would replace the cluster's own value from
# spark-defaults.conf (GC, temp directory, Kerberos settings). deploy/standalone-test.sh checks both
# on a real standalone cluster: every project flag and a spark-defaults.conf option reach executors.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${RWSWEEP_JAR:-$root/driver/target/rwsweep.jar}"
: "${SPARK_MASTER:?set SPARK_MASTER (spark://host:7077, yarn, k8s://https://host:port; local[*] works too)}"
if [[ -z "${RWSWEEP_JAR:-}" && ! -f "$jar" ]]; then
  echo "missing $jar: build first with mvn -B -q -DskipTests package" >&2
  exit 2
fi
export OPENBLAS_NUM_THREADS=1
# shellcheck disable=SC2086  # SPARK_SUBMIT_ARGS holds several options, split on spaces on purpose
exec "${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit" \
  --master "$SPARK_MASTER" \
  --class rwsweep.driver.Main \
  --conf spark.task.cpus=1 \
  --conf spark.executorEnv.OPENBLAS_NUM_THREADS=1 \
  --conf spark.yarn.appMasterEnv.OPENBLAS_NUM_THREADS=1 \
  --conf spark.kubernetes.driverEnv.OPENBLAS_NUM_THREADS=1 \
  ${SPARK_SUBMIT_ARGS:-} \
  "$jar" run "$@"

#!/usr/bin/env bash
# Submits the whole tradecurb pipeline (`run`: ingest, normalize, tag, impact) to Hadoop YARN.
#
# Usage: jobs/deploy/spark-submit-yarn.sh [extra spark-submit options...]
# Environment (all optional):
#   APP_JAR        the shaded jar copied to shared storage (jobs/target/tradecurb-jobs-<version>.jar, or for
#                  Spark 4 jobs/target/spark4/tradecurb-jobs-spark4-<version>.jar)
#   INPUT_URI      folder with comtrade/, japan-customs/, china-customs/{exports,imports}/
#   WAREHOUSE_URI  the Delta warehouse
#   CONFIG_FILE    a HOCON file overriding the defaults (local path or URI)
#   DEPLOY_MODE    cluster (default) or client; only client mode hands back the job's own exit code
#   QUEUE          YARN queue (default: default)
#   JAVA17_HOME    JDK 17 on the cluster nodes, when it is not their default Java
#   DRY_RUN=1      print the spark-submit command, one argument a line, instead of running it
set -euo pipefail

app_jar="${APP_JAR:-s3a://YOUR-BUCKET/tradecurb/jars/tradecurb-jobs-0.1.0-SNAPSHOT.jar}"
input="${INPUT_URI:-s3a://YOUR-BUCKET/tradecurb/input}"
warehouse="${WAREHOUSE_URI:-s3a://YOUR-BUCKET/tradecurb/warehouse}"
deploy_mode="${DEPLOY_MODE:-cluster}"

cmd=("${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit"
  --master yarn
  --deploy-mode "$deploy_mode"
  --name tradecurb-run
  --queue "${QUEUE:-default}"
  --class org.tradecurb.cli.Main
  --driver-memory 4g
  --num-executors 4
  --executor-cores 2
  --executor-memory 4g
  --conf spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension
  --conf spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog
  # A second attempt would only repeat the failure; the scheduler's retry is the one that counts.
  --conf spark.yarn.maxAppAttempts=1
)
if [[ -n "${JAVA17_HOME:-}" ]]; then
  cmd+=(--conf "spark.yarn.appMasterEnv.JAVA_HOME=$JAVA17_HOME" --conf "spark.executorEnv.JAVA_HOME=$JAVA17_HOME")
fi

app_args=(run --input "$input" --warehouse "$warehouse")
if [[ -n "${CONFIG_FILE:-}" ]]; then
  if [[ "$deploy_mode" == cluster ]]; then
    # The driver runs in a YARN container: ship the file there, where it sits in the working directory.
    cmd+=(--files "$CONFIG_FILE")
    app_args+=(--config "$(basename "$CONFIG_FILE")")
  else
    app_args+=(--config "$CONFIG_FILE")
  fi
fi
cmd+=("$@" "$app_jar" "${app_args[@]}")

if [[ -n "${DRY_RUN:-}" ]]; then
  printf '%s\n' "${cmd[@]}"
  exit 0
fi
exec "${cmd[@]}"

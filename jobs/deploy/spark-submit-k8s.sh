#!/usr/bin/env bash
# Submits the whole tradecurb pipeline (`run`: ingest, normalize, tag, impact) to Kubernetes in cluster
# mode, waits for it and exits with the driver's own exit code.
#
# Usage: jobs/deploy/spark-submit-k8s.sh [extra spark-submit options...]
# Environment (all optional):
#   K8S_API_SERVER   the API server (default https://YOUR-K8S-API:443)
#   K8S_NAMESPACE    namespace of the driver and executor pods (default tradecurb)
#   K8S_SERVICE_ACCOUNT  service account allowed to create executor pods (default spark)
#   SPARK_IMAGE      an image of the jar's Spark line (3.5 on Java 17, or 4.1) with the jar and hadoop-aws
#   APP_JAR          the shaded jar (tradecurb-jobs-<version>.jar, or tradecurb-jobs-spark4-<version>.jar for
#                    Spark 4) inside the image (local://) or on storage the driver can read
#   INPUT_URI, WAREHOUSE_URI  input folder and Delta warehouse
#   CONFIG_FILE      a HOCON file overriding the defaults, as a URI the driver can fetch (s3a://...)
#   DRY_RUN=1        print the spark-submit command, one argument a line, instead of running it
set -euo pipefail

namespace="${K8S_NAMESPACE:-tradecurb}"
app_jar="${APP_JAR:-local:///opt/tradecurb/tradecurb-jobs-0.1.0-SNAPSHOT.jar}"
input="${INPUT_URI:-s3a://YOUR-BUCKET/tradecurb/input}"
warehouse="${WAREHOUSE_URI:-s3a://YOUR-BUCKET/tradecurb/warehouse}"
# A known driver pod name, to read its exit code once it has finished.
driver_pod="tradecurb-$(date -u +%Y%m%d%H%M%S)-driver"

cmd=("${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit"
  --master "k8s://${K8S_API_SERVER:-https://YOUR-K8S-API:443}"
  --deploy-mode cluster
  --name tradecurb-run
  --class org.tradecurb.cli.Main
  --conf spark.kubernetes.namespace="$namespace"
  --conf spark.kubernetes.container.image="${SPARK_IMAGE:-YOUR-REGISTRY/tradecurb:0.1.0-SNAPSHOT}"
  --conf spark.kubernetes.authenticate.driver.serviceAccountName="${K8S_SERVICE_ACCOUNT:-spark}"
  --conf spark.kubernetes.driver.pod.name="$driver_pod"
  --conf spark.kubernetes.submission.waitAppCompletion=true
  --conf spark.driver.memory=4g
  --conf spark.executor.instances=4
  --conf spark.executor.cores=2
  --conf spark.executor.memory=4g
  --conf spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension
  --conf spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog
)

app_args=(run --input "$input" --warehouse "$warehouse")
if [[ -n "${CONFIG_FILE:-}" ]]; then
  # Spark downloads --files into the driver's working directory, where --config finds it by name.
  cmd+=(--files "$CONFIG_FILE")
  app_args+=(--config "$(basename "$CONFIG_FILE")")
fi
cmd+=("$@" "$app_jar" "${app_args[@]}")

if [[ -n "${DRY_RUN:-}" ]]; then
  printf '%s\n' "${cmd[@]}"
  exit 0
fi
"${cmd[@]}"
# Spark 3.5's spark-submit exits 0 on Kubernetes whatever the driver did (SPARK-26365): ask the pod.
code="$(kubectl --namespace "$namespace" get pod "$driver_pod" \
  -o jsonpath='{.status.containerStatuses[?(@.name=="spark-kubernetes-driver")].state.terminated.exitCode}')"
exit "${code:-1}"

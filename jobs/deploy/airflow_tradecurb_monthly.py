"""Monthly tradecurb run: the whole pipeline (ingest, normalize, tag, impact) through spark-submit.

Needs Airflow 2.4+ (or 3) with apache-airflow-providers-apache-spark, and a Spark connection
`spark_tradecurb` whose host is the cluster manager (yarn, k8s://https://..., spark://...) and whose
extra sets the deploy mode, e.g. {"deploy-mode": "client"}. Client mode hands the job's own exit code
back to Airflow (see README.md); in cluster mode Airflow sees only success or failure.

Reruns are safe: ingest skips files it already has (by checksum) and every write replaces exactly the
source-years it redoes, so a retry or a manual rerun never duplicates rows.
"""

from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

# The Spark 3.5 jar; on a Spark 4.1 cluster, tradecurb-jobs-spark4-0.1.0-SNAPSHOT.jar.
APP_JAR = "s3a://YOUR-BUCKET/tradecurb/jars/tradecurb-jobs-0.1.0-SNAPSHOT.jar"
INPUT = "s3a://YOUR-BUCKET/tradecurb/input"
WAREHOUSE = "s3a://YOUR-BUCKET/tradecurb/warehouse"

with DAG(
    dag_id="tradecurb_monthly",
    description="Customs trade flows around China's export controls: ingest, normalize, tag, impact",
    # The 25th: China Customs and Japan Customs have published last month's detailed figures by then.
    schedule="0 6 25 * *",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    # Two runs on one warehouse would collide (exit code 5, warehouse busy).
    max_active_runs=1,
    default_args={
        "owner": "tradecurb",
        "retries": 2,
        "retry_delay": timedelta(minutes=30),
    },
    tags=["tradecurb", "spark"],
) as dag:
    SparkSubmitOperator(
        task_id="run_pipeline",
        conn_id="spark_tradecurb",
        application=APP_JAR,
        java_class="org.tradecurb.cli.Main",
        name="tradecurb-monthly",
        conf={
            "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
            "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
            "spark.yarn.maxAppAttempts": "1",
        },
        driver_memory="4g",
        executor_memory="4g",
        executor_cores=2,
        num_executors=4,
        application_args=["run", "--input", INPUT, "--warehouse", WAREHOUSE],
        execution_timeout=timedelta(hours=4),
    )

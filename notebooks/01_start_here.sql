-- Databricks notebook source
-- MAGIC %md
-- MAGIC # 01 · Start here: what the tradecurb warehouse holds
-- MAGIC
-- MAGIC tradecurb measures China→Japan trade in dual-use goods around China's export controls. This notebook is the
-- MAGIC tour: what each table holds and at what grain, how to pick a route, an event or a category, and the sanity
-- MAGIC checks to run before trusting any number (counts that reconcile, what was quarantined and why).
-- MAGIC
-- MAGIC **The sample warehouse is synthetic.** `data-samples/` was made by `tradecurb generate` with known effects
-- MAGIC planted (China's dual-use exports to Japan −60% in value from 2026-01 with unit values +25%, front-loading
-- MAGIC +30% in Nov–Dec 2025, half of the lost volume diverted to Korea, a 6% CIF/FOB margin; months 2024-01 to
-- MAGIC 2026-09). The figures check the pipeline; they are not observations. Do not cite them.
-- MAGIC
-- MAGIC Tables are referenced by their bare names (`trade_flows`, `curb_impact`, ...): `bin/tradecurb sql` registers
-- MAGIC them in its session; on Databricks run the pipeline with `catalog.mode = metastore` (the tables then live in
-- MAGIC the database `catalog.database`, default `tradecurb`: run `USE tradecurb` first) or register each folder once
-- MAGIC with `CREATE TABLE trade_flows USING delta LOCATION '<warehouse>/trade_flows'`. Every table and column is documented
-- MAGIC in [`docs/tables.md`](../docs/tables.md), generated from the same specs that create the tables.

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Parameters
-- MAGIC
-- MAGIC Every notebook sets its parameters in **one cell**, the next one, with `SET tradecurb.<name> = <value>;`, and the
-- MAGIC queries read them as `'${tradecurb.<name>}'`. That is Spark SQL variable substitution
-- MAGIC (`spark.sql.variable.substitute`, on by default): it works in plain Spark 3.5 (`spark-sql`, `spark.sql(...)`,
-- MAGIC `bin/tradecurb sql`) and in Databricks notebooks on a cluster. Change a value, rerun the notebook. A parameter
-- MAGIC that was never set becomes an empty string, so a query filtering on it returns nothing rather than failing:
-- MAGIC if a result is unexpectedly empty, rerun the parameter cell. (A Databricks SQL warehouse may refuse `SET` for
-- MAGIC keys it does not know; use a cluster, or type the values into the queries.)
-- MAGIC
-- MAGIC | parameter | meaning | values |
-- MAGIC |---|---|---|
-- MAGIC | `tradecurb.reporter` | reporting country (ISO3) | `CHN`, `JPN`, ... |
-- MAGIC | `tradecurb.partner` | partner country (ISO3; `WLD` = world) | `JPN`, `CHN`, `KOR`, ... |
-- MAGIC | `tradecurb.flow` | `export` (by destination) or `import` (by origin) | |
-- MAGIC | `tradecurb.category` | a dual-use category, `all_dual_use` or `non_dual_use` | see the catalogue below |
-- MAGIC | `tradecurb.event` | an event id of `curb_events` | `jp_ban_2026`, `ga_ge_2023`, ... |
-- MAGIC | `tradecurb.month` | one month to look at line by line | `yyyy-MM` |

-- COMMAND ----------

SET tradecurb.reporter = CHN;
SET tradecurb.partner = JPN;
SET tradecurb.flow = export;
SET tradecurb.category = rare_earth_magnets;
SET tradecurb.event = jp_ban_2026;
SET tradecurb.month = 2026-03;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## The tables
-- MAGIC
-- MAGIC Files → **bronze** (each source's rows as published, as text) → **silver** (one long monthly schema in US
-- MAGIC dollars, then tagged with the dual-use controls) → **gold** (small aggregates rebuilt whole by each impact run).
-- MAGIC **Reference** tables hold the catalogue and events in use; **quality** tables hold what was refused and what
-- MAGIC each run counted.
-- MAGIC
-- MAGIC | table | layer | one row is | use it for |
-- MAGIC |---|---|---|---|
-- MAGIC | `comtrade_raw`, `japan_customs_raw`, `china_customs_raw` | bronze | an accepted input line | tracing a figure back to its file and line |
-- MAGIC | `trade_flows` | silver | source × reporter × partner × flow × month × code | every figure, every source, in USD |
-- MAGIC | `trade_flows_tagged` | silver | as `trade_flows` | the same plus dual-use tags: category, instruments, match precision |
-- MAGIC | `dual_use_catalog` | reference | instrument × code pattern | which codes each control lists |
-- MAGIC | `curb_events` | reference | event | the curbs the gold tables measure |
-- MAGIC | `monthly_flows` | gold | reporter × partner × flow × month × category | monthly series, one source per line, Jan+Feb split |
-- MAGIC | `curb_impact` | gold | event × route × category | pre/post, YoY, price vs volume, difference-in-differences |
-- MAGIC | `event_study` | gold | event × route × category × relative month | leads and lags, indexed to the pre window |
-- MAGIC | `mirror_flows`, `mirror_flows_by_category` | gold | month × HS6 / category | China's exports to Japan vs Japan's imports from China |
-- MAGIC | `diversion` | gold | event × side × reporter × partner × category | where the lost trade went |
-- MAGIC | `source_comparison` | gold | route × month × category × source | where national statistics and Comtrade disagree |
-- MAGIC | `quarantine` | quality | a refused row | what was refused, where, and why |
-- MAGIC | `ingest_files` | quality | an input file | checksum, counts and revision of each file in bronze |
-- MAGIC | `pipeline_runs` | quality | run × stage × source | counts read, accepted, quarantined, excluded, written |
-- MAGIC
-- MAGIC **Never add figures across sources.** The same China→Japan flow arrives from China Customs and from Comtrade
-- MAGIC (and Japan's imports from Japan Customs and Comtrade): `trade_flows` keeps them as separate rows with `source`.
-- MAGIC The gold tables pick one per line (China Customs first for China, Japan Customs first for Japan, then Comtrade).

-- COMMAND ----------

-- What is in the warehouse: rows per table.
-- expect: rows
SELECT 'comtrade_raw' AS table_name, 'bronze' AS layer, count(*) AS row_count FROM comtrade_raw
UNION ALL SELECT 'japan_customs_raw', 'bronze', count(*) FROM japan_customs_raw
UNION ALL SELECT 'china_customs_raw', 'bronze', count(*) FROM china_customs_raw
UNION ALL SELECT 'trade_flows', 'silver', count(*) FROM trade_flows
UNION ALL SELECT 'trade_flows_tagged', 'silver', count(*) FROM trade_flows_tagged
UNION ALL SELECT 'dual_use_catalog', 'reference', count(*) FROM dual_use_catalog
UNION ALL SELECT 'curb_events', 'reference', count(*) FROM curb_events
UNION ALL SELECT 'monthly_flows', 'gold', count(*) FROM monthly_flows
UNION ALL SELECT 'curb_impact', 'gold', count(*) FROM curb_impact
UNION ALL SELECT 'event_study', 'gold', count(*) FROM event_study
UNION ALL SELECT 'mirror_flows', 'gold', count(*) FROM mirror_flows
UNION ALL SELECT 'mirror_flows_by_category', 'gold', count(*) FROM mirror_flows_by_category
UNION ALL SELECT 'diversion', 'gold', count(*) FROM diversion
UNION ALL SELECT 'source_comparison', 'gold', count(*) FROM source_comparison
UNION ALL SELECT 'quarantine', 'quality', count(*) FROM quarantine
UNION ALL SELECT 'ingest_files', 'quality', count(*) FROM ingest_files
UNION ALL SELECT 'pipeline_runs', 'quality', count(*) FROM pipeline_runs;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC Each table carries its own documentation: a comment per column (`DESCRIBE TABLE`) and properties for owner,
-- MAGIC layer, grain, lineage (`tradecurb.source`) and pipeline version (`SHOW TBLPROPERTIES`).

-- COMMAND ----------

-- expect: rows
DESCRIBE TABLE trade_flows_tagged;

-- COMMAND ----------

-- expect: rows
SHOW TBLPROPERTIES monthly_flows;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## The curbs and the catalogue
-- MAGIC
-- MAGIC `curb_events` lists the events the gold tables measure (from the configuration: `events`, `extra-events`).
-- MAGIC `destinations = [ALL]` is a world-wide licensing requirement; `[JPN]` or `[USA]` a targeted ban. `instruments`
-- MAGIC names the catalogue instruments whose codes the event treats; `*` (the 2026 Japan ban) treats the whole
-- MAGIC catalogue, because that ban lists no codes of its own. `anticipation_date` is when the curb could first be
-- MAGIC expected: exporters may front-load from then on.

-- COMMAND ----------

-- expect: rows
SELECT event_id, label, event_date, event_month, anticipation_date, destinations, instruments
FROM curb_events
ORDER BY event_date;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC `dual_use_catalog` is one row per instrument × code pattern. `confidence = verified` when the code was published
-- MAGIC with the control, `inferred` when it was mapped by hand; a suspension (`suspended_from`/`suspended_to`) switches a
-- MAGIC control off for those dates. Categories: `rare_earth_elements`, `rare_earth_magnets`, `gallium_germanium`,
-- MAGIC `graphite`, `antimony`, `tungsten_group`, `superhard`, `other`; the gold tables add `all_dual_use` (the codes the
-- MAGIC event treats) and `non_dual_use` (every other code: the first control group).

-- COMMAND ----------

-- expect: rows
SELECT instrument, category, effective_from, suspended_from, suspended_to, destinations,
       count(*) AS code_rows,
       count_if(confidence = 'verified') AS verified_rows,
       concat_ws(', ', sort_array(collect_set(code_system))) AS code_systems
FROM dual_use_catalog
GROUP BY instrument, category, effective_from, suspended_from, suspended_to, destinations
ORDER BY effective_from, instrument, category;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Which source covers which route
-- MAGIC
-- MAGIC `trade_flows` is long: one row per source, reporter, partner, flow (`export` by destination, `import` by
-- MAGIC origin), month and national code. `partner_iso3 = 'WLD'` rows are national totals (Japan's national-total
-- MAGIC files): never add them to the countries. Valuation is FOB for exports and CIF for imports.

-- COMMAND ----------

-- expect: rows
SELECT source, reporter_iso3, partner_iso3, flow,
       date_format(min(period), 'yyyy-MM') AS first_month,
       date_format(max(period), 'yyyy-MM') AS last_month,
       count(DISTINCT period) AS months,
       count(DISTINCT code) AS codes,
       round(sum(value_usd) / 1e6, 1) AS usd_m
FROM trade_flows
GROUP BY source, reporter_iso3, partner_iso3, flow
ORDER BY reporter_iso3, flow, partner_iso3, source;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Filtering a route, a category, an event
-- MAGIC
-- MAGIC A **route** is `reporter_iso3` × `partner_iso3` × `flow`: China's exports to Japan are
-- MAGIC `reporter_iso3 = 'CHN' AND partner_iso3 = 'JPN' AND flow = 'export'`; Japan's imports from China (the mirror
-- MAGIC figure) are `reporter_iso3 = 'JPN' AND partner_iso3 = 'CHN' AND flow = 'import'`. A **category** is a column
-- MAGIC `category` in the gold tables and `dual_use_category` / `dual_use_categories` in `trade_flows_tagged`. An
-- MAGIC **event** is `event_id` in `curb_impact`, `event_study` and `diversion`.
-- MAGIC
-- MAGIC `monthly_flows` is the series to plot: one source per line (`sources` says which), combined January+February
-- MAGIC releases split evenly over the two months and marked `split_from_combined`, `kg_coverage` the share of the
-- MAGIC value whose lines report a net weight (unit values are only meaningful near 1), `approximate_share` the share of
-- MAGIC the value tagged by an approximate match.

-- COMMAND ----------

-- expect: rows
SELECT date_format(period, 'yyyy-MM') AS month, category,
       round(value_usd / 1e6, 2) AS usd_m,
       round(quantity_kg / 1e3, 1) AS tonnes,
       round(value_usd / nullif(quantity_kg, 0), 2) AS usd_per_kg,
       round(kg_coverage, 3) AS kg_coverage,
       sources, round(approximate_share, 3) AS approximate_share, split_from_combined
FROM monthly_flows
WHERE reporter_iso3 = '${tradecurb.reporter}' AND partner_iso3 = '${tradecurb.partner}'
  AND flow = '${tradecurb.flow}' AND category = '${tradecurb.category}'
ORDER BY period;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC Line by line for one month: every source's rows for the route and category. China Customs and Comtrade both
-- MAGIC report China's exports; the gold tables use the first in the precedence list and the others only feed
-- MAGIC `source_comparison`. `match_precision` says how each line was tagged (next section).

-- COMMAND ----------

-- expect: rows
SELECT source, code, code_system, hs6, dual_use_category, match_precision, match_breadth, match_confidence,
       control_instruments, instruments_in_force, control_in_force,
       round(value_usd) AS value_usd, net_weight_kg, quantity, quantity_unit, valuation, source_files
FROM trade_flows_tagged
WHERE reporter_iso3 = '${tradecurb.reporter}' AND partner_iso3 = '${tradecurb.partner}'
  AND flow = '${tradecurb.flow}' AND period = to_date('${tradecurb.month}-01')
  AND array_contains(dual_use_categories, '${tradecurb.category}')
ORDER BY source, code;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC An event's rows for the same route: one per category the event treats (as the event's own instruments give
-- MAGIC it), plus `all_dual_use`, `non_dual_use` and `broad_sensitivity`; `approximate_value_share` says how much of a
-- MAGIC row's value rests on approximate matches. `route_targeted` is true when the route carries China-origin goods to a destination the event
-- MAGIC targets. Percentages are percent (−55.0 is a 55% fall). Notebook 02 reads these columns in detail.

-- COMMAND ----------

-- expect: rows
SELECT event_id, category, route_targeted, pre_start, pre_end, post_start, post_end,
       pre_months_observed, post_months_observed,
       round(value_change_pct, 1) AS value_change_pct,
       round(yoy_value_change_pct, 1) AS yoy_value_change_pct,
       round(did_vs_non_dual_use, 1) AS did_vs_non_dual_use,
       round(approximate_value_share, 3) AS approximate_value_share
FROM curb_impact
WHERE event_id = '${tradecurb.event}'
  AND reporter_iso3 = '${tradecurb.reporter}' AND partner_iso3 = '${tradecurb.partner}'
  AND flow = '${tradecurb.flow}'
ORDER BY category;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Caveat 1: HS6 matches are approximate
-- MAGIC
-- MAGIC China's controls are written against China's own 8- and 10-digit codes. A China Customs line matches the
-- MAGIC catalogue exactly (`exact`: the control's own line) or is a line that also holds uncontrolled goods — the 8-digit
-- MAGIC parent of a controlled 10-digit line, a residual rare-earth line (`partial_national`). Japan's 9-digit codes and
-- MAGIC Comtrade's HS6 are matched on the catalogue's HS6 rows (`hs6`). Approximate figures (`match_approximate = true`)
-- MAGIC are upper bounds of the controlled trade. Each approximate match has a `match_breadth`: `narrow` when the
-- MAGIC controlled goods are most of the line (counted as dual-use), `broad` when they are a small part (382499 chemical
-- MAGIC products n.e.s., 848690 machine parts): those rows have `dual_use = false` and form the gold tables'
-- MAGIC `broad_sensitivity` category, never part of `all_dual_use`.
-- MAGIC The share of each source's dual-use value that rests on an approximate match:

-- COMMAND ----------

-- expect: rows
SELECT source, reporter_iso3, match_precision, match_breadth,
       count(*) AS lines,
       round(sum(value_usd) / 1e6, 1) AS usd_m,
       round(100 * sum(value_usd) / sum(sum(value_usd)) OVER (PARTITION BY source, reporter_iso3), 1) AS pct_of_dual_use_value
FROM trade_flows_tagged
WHERE dual_use
GROUP BY source, reporter_iso3, match_precision, match_breadth
ORDER BY source, reporter_iso3, match_precision, match_breadth;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Caveat 2: combined January+February releases
-- MAGIC
-- MAGIC China Customs sometimes publishes January and February only together. `trade_flows` keeps such a figure as
-- MAGIC one row with `period` = January and `period_months = 2`; the gold tables split it evenly over the two months
-- MAGIC and mark it `split_from_combined`, so it never reads as a January collapse. A month-by-month comparison of those
-- MAGIC two months (with Japan's monthly figures, say) is therefore not meaningful: compare their sum.

-- COMMAND ----------

-- expect: rows
SELECT source, reporter_iso3, flow, date_format(period, 'yyyy-MM') AS period, period_months,
       count(*) AS lines, round(sum(value_usd) / 1e6, 1) AS usd_m
FROM trade_flows
WHERE period_months > 1
GROUP BY source, reporter_iso3, flow, period, period_months
ORDER BY period, source, flow;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Sanity checks
-- MAGIC
-- MAGIC ### Do the counts reconcile?
-- MAGIC
-- MAGIC Every stage writes one row per run × stage × source to `pipeline_runs`. For each, `rows_read` must equal
-- MAGIC `rows_accepted + rows_quarantined + rows_excluded` (a run that does not reconcile fails with exit code 4).
-- MAGIC `rows_excluded` are valid records deliberately not carried forward (Comtrade breakdown and annual rows, Japan's
-- MAGIC months not yet published, port detail of a national figure). `rows_written` counts the rows of the output table:
-- MAGIC for normalize it is smaller than `rows_accepted` where detail rows (regimes, provinces, ports) were summed.

-- COMMAND ----------

-- expect: rows
SELECT run_id, stage, source, status, exit_code,
       rows_read, rows_accepted, rows_quarantined, rows_excluded, rows_written,
       rows_read = rows_accepted + rows_quarantined + rows_excluded AS reconciles,
       round(duration_ms / 1000, 1) AS seconds, message
FROM pipeline_runs
ORDER BY started_at DESC, stage, source
LIMIT 100;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC The exceptions, which should be none: a failed stage, or counts that do not add up. An empty result is good news.

-- COMMAND ----------

SELECT run_id, stage, source, status, exit_code, rows_read, rows_accepted, rows_quarantined, rows_excluded, message
FROM pipeline_runs
WHERE status = 'failed' OR rows_read <> rows_accepted + rows_quarantined + rows_excluded
ORDER BY started_at DESC;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ### What was quarantined, and why
-- MAGIC
-- MAGIC Nothing is dropped silently: every refused row lands in `quarantine` with its file, line and a stable
-- MAGIC `reason_code` (ingest: `FIELD_COUNT`, `BAD_CODE`, `BAD_NUMBER`, `NEGATIVE_VALUE`, `MISSING_VALUE`, `BAD_PERIOD`,
-- MAGIC `BAD_FIELD`, `UNBALANCED_QUOTE`, `UNKNOWN_FILE`; normalize: `UNMAPPED_COUNTRY`, `NO_FX_RATE`, `DUPLICATE_RECORD`).
-- MAGIC The sample files carry six planted malformed rows (listed in `data-samples/README.md`); these are they.

-- COMMAND ----------

-- expect: rows
SELECT stage, source, reason_code, count(*) AS rows,
       min(concat(source_file, ':', coalesce(cast(source_line AS STRING), '-'))) AS first_example,
       min(reason_message) AS example_message
FROM quarantine
GROUP BY stage, source, reason_code
ORDER BY stage, source, reason_code;

-- COMMAND ----------

-- expect: rows
SELECT source_file, source_line, reason_code, reason_message, raw_line
FROM quarantine
ORDER BY source_file, source_line
LIMIT 50;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ### Files: counts per file agree with the quarantine
-- MAGIC
-- MAGIC `ingest_files` holds one row per input file (the version now in bronze): lines read, accepted and quarantined,
-- MAGIC its revision, and the normalize run that last used it. Per source, lines read must equal accepted +
-- MAGIC quarantined, and the quarantined count must equal the ingest rows of `quarantine` for those files.

-- COMMAND ----------

-- expect: rows
WITH q AS (
  SELECT source_file, count(*) AS quarantine_rows
  FROM quarantine
  WHERE stage = 'ingest'
  GROUP BY source_file
)
SELECT f.source,
       count(*) AS files,
       sum(f.lines_read) AS lines_read,
       sum(f.rows_accepted) AS rows_accepted,
       sum(f.rows_quarantined) AS rows_quarantined,
       sum(coalesce(q.quarantine_rows, 0)) AS quarantine_table_rows,
       sum(f.lines_read) = sum(f.rows_accepted) + sum(f.rows_quarantined) AS lines_reconcile,
       sum(f.rows_quarantined) = sum(coalesce(q.quarantine_rows, 0)) AS quarantine_agrees,
       max(f.revision) AS max_revision,
       max(f.ingested_at) AS last_ingested_at
FROM ingest_files f
LEFT JOIN q ON q.source_file = f.source_file
GROUP BY f.source
ORDER BY f.source;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ### One row per grain
-- MAGIC
-- MAGIC `trade_flows` must hold at most one row per source × reporter × partner × flow × month × code × unit: reruns
-- MAGIC replace the source-years they touch in one commit, so they never duplicate. An empty result is good news.

-- COMMAND ----------

SELECT source, reporter_iso3, partner_iso3, flow, period, code, quantity_unit, count(*) AS copies
FROM trade_flows
GROUP BY source, reporter_iso3, partner_iso3, flow, period, code, quantity_unit
HAVING count(*) > 1
ORDER BY copies DESC
LIMIT 20;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ### Do the sources agree?
-- MAGIC
-- MAGIC `source_comparison` puts each source's monthly figure beside the one the gold tables use. Small differences
-- MAGIC are rounding and exchange rates (Japan publishes thousands of yen, China often yuan); large ones deserve a look
-- MAGIC before any conclusion is drawn from either. A pair of opposite differences in January and February is the
-- MAGIC combined release again: Comtrade has both months, China Customs one figure split evenly (in the sample every
-- MAGIC difference above a rounding error is of that kind).

-- COMMAND ----------

-- expect: rows
SELECT reporter_iso3, partner_iso3, flow, source,
       count(*) AS months,
       count_if(used) AS months_used,
       round(avg(value_vs_used_pct), 3) AS mean_pct_vs_used,
       round(max(abs(value_vs_used_pct)), 3) AS max_abs_pct_vs_used,
       date_format(max_by(period, abs(value_vs_used_pct)), 'yyyy-MM') AS worst_month
FROM source_comparison
WHERE category = 'all_dual_use'
GROUP BY reporter_iso3, partner_iso3, flow, source
ORDER BY max_abs_pct_vs_used DESC NULLS LAST, reporter_iso3, partner_iso3, flow, source;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Next
-- MAGIC
-- MAGIC - `02_the_2026_ban.sql`: China→Japan dual-use exports around the 2026 ban: by category and month, pre/post and
-- MAGIC   year over year, difference-in-differences against both control groups, price vs volume.
-- MAGIC - `03_mirror_and_diversion.sql`: China's reported exports vs Japan's reported imports; where the lost volume went.
-- MAGIC - `04_earlier_curbs.sql`: the same questions for the 2023 gallium/germanium and graphite controls and the 2025
-- MAGIC   rare-earth controls, side by side with the 2026 ban.

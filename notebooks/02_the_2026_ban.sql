-- Databricks notebook source
-- MAGIC %md
-- MAGIC # 02 · The 2026 ban: China's dual-use exports to Japan
-- MAGIC
-- MAGIC On 2026-01-06 MOFCOM Announcement No. 1 of 2026 banned dual-use exports to Japanese military users. The ban lists
-- MAGIC no codes of its own, so tradecurb treats every code in the dual-use catalogue (`instruments = [*]`), with Japan as
-- MAGIC the only destination, and takes 2025-11-07 as the date the ban could first be anticipated.
-- MAGIC
-- MAGIC The questions, in order: what happened month by month and category by category; how large the change is before
-- MAGIC vs after and year over year; whether it is the ban and not something that moved all trade with Japan, or all
-- MAGIC dual-use exports (difference-in-differences against two control groups); and how much of the fall in value is
-- MAGIC fewer kilograms and how much is price.
-- MAGIC
-- MAGIC **Caveats.** The sample warehouse is **synthetic**: its planted effect (value −60%, unit value +25%, so
-- MAGIC kilograms −68%, from 2026-01; +30% front-loading in Nov–Dec 2025) is what these queries should recover, not a
-- MAGIC finding. On China's own statistics the dual-use lines match the catalogue exactly; on Japan's or Comtrade's
-- MAGIC figures they are **HS6 matches, which are approximate** (an HS6 subheading also holds uncontrolled goods).
-- MAGIC China Customs' **combined January+February releases are split evenly** over the two months (`split_from_combined`):
-- MAGIC compare such months as a pair.
-- MAGIC
-- MAGIC **Parameters** are set in the next cell with `SET tradecurb.<name> = <value>;` and read as `'${tradecurb.<name>}'`
-- MAGIC (Spark SQL variable substitution: Spark 3.5 and Databricks clusters). Change them and rerun the notebook: the route
-- MAGIC (`reporter`, `partner`, `flow`), the `event`, the `category` looked at in detail (`all_dual_use` or one category),
-- MAGIC and how many months before the event the monthly tables show.

-- COMMAND ----------

SET tradecurb.event = jp_ban_2026;
SET tradecurb.reporter = CHN;
SET tradecurb.partner = JPN;
SET tradecurb.flow = export;
SET tradecurb.category = all_dual_use;
SET tradecurb.months_before = 12;

-- COMMAND ----------

-- expect: rows
SELECT event_id, label, event_date, event_month, anticipation_date, destinations, instruments
FROM curb_events
WHERE event_id = '${tradecurb.event}';

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Month by month, category by category
-- MAGIC
-- MAGIC From `monthly_flows`: one source per line (China Customs first for China's exports), US dollars, net weight in
-- MAGIC kilograms, combined January+February figures split. `relative_month` 0 is the event month; anticipation months
-- MAGIC come just before it.

-- COMMAND ----------

-- expect: rows
SELECT *
FROM (
  SELECT date_format(m.period, 'yyyy-MM') AS month,
         CAST(months_between(m.period, e.event_month) AS INT) AS relative_month,
         m.category,
         round(m.value_usd / 1e6, 2) AS usd_m
  FROM monthly_flows m
  JOIN curb_events e ON e.event_id = '${tradecurb.event}'
  WHERE m.reporter_iso3 = '${tradecurb.reporter}' AND m.partner_iso3 = '${tradecurb.partner}'
    AND m.flow = '${tradecurb.flow}'
    AND m.period >= add_months(e.event_month, -${tradecurb.months_before})
)
PIVOT (
  sum(usd_m) FOR category IN (
    'rare_earth_elements' AS rare_earth_elements, 'rare_earth_magnets' AS rare_earth_magnets,
    'gallium_germanium' AS gallium_germanium, 'graphite' AS graphite, 'antimony' AS antimony,
    'tungsten_group' AS tungsten_group, 'superhard' AS superhard, 'other' AS other,
    'all_dual_use' AS all_dual_use, 'non_dual_use' AS non_dual_use)
)
ORDER BY month;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC The same series in long form with kilograms and unit values, for plotting (one line per category).

-- COMMAND ----------

-- expect: rows
SELECT date_format(m.period, 'yyyy-MM') AS month,
       CAST(months_between(m.period, e.event_month) AS INT) AS relative_month,
       m.category,
       round(m.value_usd / 1e6, 2) AS usd_m,
       round(m.quantity_kg / 1e3, 1) AS tonnes,
       round(m.value_usd / nullif(m.quantity_kg, 0), 2) AS usd_per_kg,
       round(m.kg_coverage, 3) AS kg_coverage,
       m.split_from_combined
FROM monthly_flows m
JOIN curb_events e ON e.event_id = '${tradecurb.event}'
WHERE m.reporter_iso3 = '${tradecurb.reporter}' AND m.partner_iso3 = '${tradecurb.partner}'
  AND m.flow = '${tradecurb.flow}' AND m.category <> 'non_dual_use'
  AND m.period >= add_months(e.event_month, -${tradecurb.months_before})
ORDER BY m.category, m.period;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Before vs after, and year over year
-- MAGIC
-- MAGIC `curb_impact` compares the mean month of the **pre window** (the 6 months before the anticipation month, November
-- MAGIC 2025 for this ban) with the mean month of the **post window** (the event month to the last published month), and
-- MAGIC the post months with the same months a year earlier (**YoY**). The months between the anticipation month and the
-- MAGIC event month are measured apart (`anticipation_change_pct`): front-loading shows there and stays out of the
-- MAGIC baseline. Windows lacking data are reported with the months observed, never filled.
-- MAGIC
-- MAGIC Read the two together: the year-over-year change carries a year of trend. In the sample the planted −60% (with
-- MAGIC +30% front-loading in November–December 2025) shows as about −63% pre/post, about −61% YoY and about +41% in
-- MAGIC the anticipation months. With `impact.pre-window-before-anticipation = false` the pre window is the 6 months
-- MAGIC before the event month, front-loading included, and the fall looks larger than the ban's effect.

-- COMMAND ----------

-- expect: rows
SELECT category, route_targeted,
       date_format(pre_start, 'yyyy-MM') AS pre_from, date_format(pre_end, 'yyyy-MM') AS pre_to,
       date_format(post_start, 'yyyy-MM') AS post_from, date_format(post_end, 'yyyy-MM') AS post_to,
       pre_months_observed AS pre_n, post_months_observed AS post_n, pre_window_complete,
       round(pre_value_usd / 1e6, 2) AS pre_usd_m_per_month,
       round(post_value_usd / 1e6, 2) AS post_usd_m_per_month,
       round(value_change_pct, 1) AS value_change_pct,
       round(anticipation_change_pct, 1) AS anticipation_change_pct,
       round(yoy_value_change_pct, 1) AS yoy_value_change_pct, yoy_months,
       round(quantity_change_pct, 1) AS kg_change_pct,
       round(unit_value_change_pct, 1) AS unit_value_change_pct
FROM curb_impact
WHERE event_id = '${tradecurb.event}'
  AND reporter_iso3 = '${tradecurb.reporter}' AND partner_iso3 = '${tradecurb.partner}'
  AND flow = '${tradecurb.flow}'
ORDER BY CASE category WHEN 'all_dual_use' THEN 0 WHEN 'non_dual_use' THEN 2 ELSE 1 END, category;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ### By horizon
-- MAGIC
-- MAGIC The same change over the first 1, 3, 6 and 12 post months (the event month first) against the same pre window,
-- MAGIC null until the post window holds that many months: a curb that bites at once and one that builds up look alike
-- MAGIC over the full window, not here.

-- COMMAND ----------

-- expect: rows
SELECT category,
       round(value_change_pct_1m, 1) AS change_1m, round(value_change_pct_3m, 1) AS change_3m,
       round(value_change_pct_6m, 1) AS change_6m, round(value_change_pct_12m, 1) AS change_12m,
       round(value_change_pct, 1) AS change_full_window,
       round(did_vs_non_dual_use_3m, 1) AS did_vs_non_dual_use_3m,
       round(did_vs_control_destinations_3m, 1) AS did_vs_controls_3m
FROM curb_impact
WHERE event_id = '${tradecurb.event}'
  AND reporter_iso3 = '${tradecurb.reporter}' AND partner_iso3 = '${tradecurb.partner}'
  AND flow = '${tradecurb.flow}'
ORDER BY CASE category WHEN 'all_dual_use' THEN 0 WHEN 'non_dual_use' THEN 2 ELSE 1 END, category;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC The year-over-year change by hand from `monthly_flows`, as a check on `curb_impact` and to add kilograms and unit
-- MAGIC values: every post-window month against the same month a year earlier, summed.

-- COMMAND ----------

-- expect: rows
WITH w AS (
  SELECT category, post_start, post_end
  FROM curb_impact
  WHERE event_id = '${tradecurb.event}'
    AND reporter_iso3 = '${tradecurb.reporter}' AND partner_iso3 = '${tradecurb.partner}'
    AND flow = '${tradecurb.flow}'
),
s AS (
  SELECT w.category,
         sum(CASE WHEN m.period BETWEEN w.post_start AND w.post_end THEN m.value_usd END) AS post_usd,
         sum(CASE WHEN m.period BETWEEN add_months(w.post_start, -12) AND add_months(w.post_end, -12)
                  THEN m.value_usd END) AS prior_usd,
         sum(CASE WHEN m.period BETWEEN w.post_start AND w.post_end THEN m.quantity_kg END) AS post_kg,
         sum(CASE WHEN m.period BETWEEN add_months(w.post_start, -12) AND add_months(w.post_end, -12)
                  THEN m.quantity_kg END) AS prior_kg
  FROM w
  JOIN monthly_flows m
    ON m.category = w.category
   AND m.reporter_iso3 = '${tradecurb.reporter}' AND m.partner_iso3 = '${tradecurb.partner}'
   AND m.flow = '${tradecurb.flow}'
  GROUP BY w.category
)
SELECT category,
       round(prior_usd / 1e6, 1) AS year_earlier_usd_m,
       round(post_usd / 1e6, 1) AS post_usd_m,
       round(100 * (post_usd / nullif(prior_usd, 0) - 1), 1) AS yoy_value_pct,
       round(100 * (post_kg / nullif(prior_kg, 0) - 1), 1) AS yoy_kg_pct,
       round(100 * ((post_usd / nullif(post_kg, 0)) / nullif(prior_usd / nullif(prior_kg, 0), 0) - 1), 1)
         AS yoy_unit_value_pct
FROM s
ORDER BY CASE category WHEN 'all_dual_use' THEN 0 WHEN 'non_dual_use' THEN 2 ELSE 1 END, category;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Front-loading
-- MAGIC
-- MAGIC Between the anticipation date and the event, exporters and buyers may rush shipments. `event_study` marks those
-- MAGIC months `is_anticipation`. Compare their year-over-year change with the other pre-event months: a jump there,
-- MAGIC followed by a collapse, is front-loading, and it means part of the post-event fall is demand already served.

-- COMMAND ----------

-- expect: rows
SELECT category,
       count_if(is_anticipation) AS anticipation_months,
       round(avg(CASE WHEN is_anticipation THEN yoy_value_change_pct END), 1) AS yoy_pct_anticipation_months,
       round(avg(CASE WHEN NOT is_anticipation THEN yoy_value_change_pct END), 1) AS yoy_pct_other_pre_months,
       round(avg(CASE WHEN is_anticipation THEN value_index END), 1) AS index_anticipation_months,
       round(avg(CASE WHEN NOT is_anticipation THEN value_index END), 1) AS index_other_pre_months
FROM event_study
WHERE event_id = '${tradecurb.event}'
  AND reporter_iso3 = '${tradecurb.reporter}' AND partner_iso3 = '${tradecurb.partner}'
  AND flow = '${tradecurb.flow}' AND relative_month < 0
GROUP BY category
ORDER BY CASE category WHEN 'all_dual_use' THEN 0 WHEN 'non_dual_use' THEN 2 ELSE 1 END, category;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Event study: leads and lags
-- MAGIC
-- MAGIC Each month from −12 to +12 around the event, indexed to the pre-window mean (= 100), for the chosen category on
-- MAGIC the route, for non-dual-use goods on the same route, and for the same category to the control destinations
-- MAGIC (summed, and indexed to their own pre-window mean). The pattern to look for: front-loading, a collapse (often to
-- MAGIC near zero for one to three months under licensing), then partial recovery. The controls should stay flat.

-- COMMAND ----------

-- expect: rows
WITH controls AS (
  SELECT explode(control_destinations) AS control
  FROM curb_impact
  WHERE event_id = '${tradecurb.event}'
    AND reporter_iso3 = '${tradecurb.reporter}' AND partner_iso3 = '${tradecurb.partner}'
    AND flow = '${tradecurb.flow}' AND category = '${tradecurb.category}'
),
control_series AS (
  SELECT s.relative_month, sum(s.value_usd) AS value_usd, sum(i.pre_value_usd) AS pre_value_usd
  FROM event_study s
  JOIN controls c
    ON ('${tradecurb.flow}' = 'export' AND s.reporter_iso3 = '${tradecurb.reporter}' AND s.partner_iso3 = c.control)
    OR ('${tradecurb.flow}' = 'import' AND s.partner_iso3 = '${tradecurb.partner}' AND s.reporter_iso3 = c.control)
  JOIN curb_impact i
    ON i.event_id = s.event_id AND i.reporter_iso3 = s.reporter_iso3 AND i.partner_iso3 = s.partner_iso3
   AND i.flow = s.flow AND i.category = s.category
  WHERE s.event_id = '${tradecurb.event}' AND s.flow = '${tradecurb.flow}' AND s.category = '${tradecurb.category}'
  GROUP BY s.relative_month
),
route AS (
  SELECT relative_month, period, window, is_anticipation,
         max(CASE WHEN category = '${tradecurb.category}' THEN value_index END) AS value_index,
         max(CASE WHEN category = '${tradecurb.category}' THEN quantity_index END) AS kg_index,
         max(CASE WHEN category = '${tradecurb.category}' THEN yoy_value_change_pct END) AS yoy_pct,
         max(CASE WHEN category = 'non_dual_use' THEN value_index END) AS non_dual_use_index
  FROM event_study
  WHERE event_id = '${tradecurb.event}'
    AND reporter_iso3 = '${tradecurb.reporter}' AND partner_iso3 = '${tradecurb.partner}'
    AND flow = '${tradecurb.flow}'
  GROUP BY relative_month, period, window, is_anticipation
)
SELECT r.relative_month, date_format(r.period, 'yyyy-MM') AS month, r.window, r.is_anticipation,
       round(r.value_index, 1) AS value_index,
       round(r.kg_index, 1) AS kg_index,
       round(r.yoy_pct, 1) AS yoy_pct,
       round(r.non_dual_use_index, 1) AS non_dual_use_index,
       round(100 * c.value_usd / nullif(c.pre_value_usd, 0), 1) AS control_destinations_index
FROM route r
LEFT JOIN control_series c ON c.relative_month = r.relative_month
ORDER BY r.relative_month;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Difference-in-differences
-- MAGIC
-- MAGIC A before/after change mixes the ban with everything else that moved in the same months: the business cycle,
-- MAGIC exchange rates, Japan's demand, China's world-wide licensing. Two control groups take those out:
-- MAGIC
-- MAGIC - **non-dual-use codes on the same route** (China's other exports to Japan): what moved all trade with Japan;
-- MAGIC - **the same category to the control destinations** (Korea, Taiwan, Germany, Viet Nam, the US; the route's own
-- MAGIC   destination left out): what moved all dual-use exports.
-- MAGIC
-- MAGIC The estimates are 2×2 differences of the log of the window means, reported as the implied percent effect:
-- MAGIC `did = 100 × (exp(Δln treated − Δln control) − 1)`. The **triple difference** subtracts the dual-use vs
-- MAGIC non-dual-use gap at the control destinations from the same gap on the route: it separates a Japan-specific curb
-- MAGIC from world-wide tightening. The estimates assume the groups would have moved in parallel without the ban (check
-- MAGIC the event study above: the pre-event months should run together), and share the pre window's front-loading
-- MAGIC caveat. Control destinations can themselves be affected (diversion raises them, notebook 03), which biases the
-- MAGIC control-destination estimate away from zero.

-- COMMAND ----------

-- expect: rows
SELECT category, route_targeted,
       round(value_change_pct, 1) AS value_change_pct,
       round(did_vs_non_dual_use, 1) AS did_vs_non_dual_use,
       round(did_vs_control_destinations, 1) AS did_vs_control_destinations,
       round(did_triple, 1) AS did_triple,
       control_destinations
FROM curb_impact
WHERE event_id = '${tradecurb.event}'
  AND reporter_iso3 = '${tradecurb.reporter}' AND partner_iso3 = '${tradecurb.partner}'
  AND flow = '${tradecurb.flow}'
ORDER BY CASE category WHEN 'all_dual_use' THEN 0 WHEN 'non_dual_use' THEN 2 ELSE 1 END, category;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC The same estimates by hand for the chosen category, from the four cells of the design. The control-destination
-- MAGIC cells are sums over the control destinations of their window means (every route of a reporter has the same
-- MAGIC windows). The last columns repeat `curb_impact`'s values: the two should agree.

-- COMMAND ----------

-- expect: rows
WITH route AS (
  SELECT category, pre_value_usd, post_value_usd, control_destinations
  FROM curb_impact
  WHERE event_id = '${tradecurb.event}'
    AND reporter_iso3 = '${tradecurb.reporter}' AND partner_iso3 = '${tradecurb.partner}'
    AND flow = '${tradecurb.flow}' AND category IN ('${tradecurb.category}', 'non_dual_use')
),
controls AS (
  SELECT i.category, sum(i.pre_value_usd) AS pre_value_usd, sum(i.post_value_usd) AS post_value_usd
  FROM curb_impact i
  JOIN (SELECT explode(control_destinations) AS control FROM route WHERE category = '${tradecurb.category}') c
    ON ('${tradecurb.flow}' = 'export' AND i.reporter_iso3 = '${tradecurb.reporter}' AND i.partner_iso3 = c.control)
    OR ('${tradecurb.flow}' = 'import' AND i.partner_iso3 = '${tradecurb.partner}' AND i.reporter_iso3 = c.control)
  WHERE i.event_id = '${tradecurb.event}' AND i.flow = '${tradecurb.flow}'
    AND i.category IN ('${tradecurb.category}', 'non_dual_use')
  GROUP BY i.category
),
cells AS (
  SELECT
    max(CASE WHEN category <> 'non_dual_use' THEN ln(post_value_usd / pre_value_usd) END) AS d_treated,
    max(CASE WHEN category = 'non_dual_use' THEN ln(post_value_usd / pre_value_usd) END) AS d_route_non_dual_use,
    (SELECT max(CASE WHEN category <> 'non_dual_use' THEN ln(post_value_usd / pre_value_usd) END) FROM controls)
      AS d_controls,
    (SELECT max(CASE WHEN category = 'non_dual_use' THEN ln(post_value_usd / pre_value_usd) END) FROM controls)
      AS d_controls_non_dual_use
  FROM route
)
SELECT '${tradecurb.category}' AS category,
       round(d_treated, 4) AS dlog_treated,
       round(d_route_non_dual_use, 4) AS dlog_route_non_dual_use,
       round(d_controls, 4) AS dlog_controls,
       round(d_controls_non_dual_use, 4) AS dlog_controls_non_dual_use,
       round(100 * (exp(d_treated - d_route_non_dual_use) - 1), 1) AS did_vs_non_dual_use,
       round(100 * (exp(d_treated - d_controls) - 1), 1) AS did_vs_control_destinations,
       round(100 * (exp((d_treated - d_route_non_dual_use) - (d_controls - d_controls_non_dual_use)) - 1), 1)
         AS did_triple,
       (SELECT round(did_vs_non_dual_use, 1) FROM curb_impact
         WHERE event_id = '${tradecurb.event}' AND reporter_iso3 = '${tradecurb.reporter}'
           AND partner_iso3 = '${tradecurb.partner}' AND flow = '${tradecurb.flow}'
           AND category = '${tradecurb.category}') AS table_did_vs_non_dual_use,
       (SELECT round(did_triple, 1) FROM curb_impact
         WHERE event_id = '${tradecurb.event}' AND reporter_iso3 = '${tradecurb.reporter}'
           AND partner_iso3 = '${tradecurb.partner}' AND flow = '${tradecurb.flow}'
           AND category = '${tradecurb.category}') AS table_did_triple
FROM cells;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Price vs volume
-- MAGIC
-- MAGIC Value alone misleads: when a curb makes goods scarce their price rises, so the value falls less than the
-- MAGIC quantity (in 2023 China's gallium export value fell while prices spiked). The identity
-- MAGIC `Δln(value) = Δln(kilograms) + Δln(unit value)` splits the change exactly. `price_share` is the part of the log
-- MAGIC value change that is price: negative when prices rose while value fell. Two versions: the window means of
-- MAGIC `curb_impact` (pre window includes front-loading), and year over year from `monthly_flows`. Unit values need
-- MAGIC kilograms: check `kg_coverage` (near 1) before reading them; lines counted in items have no weight.

-- COMMAND ----------

-- expect: rows
SELECT category,
       round(dlog_value, 3) AS dlog_value,
       round(dlog_quantity, 3) AS dlog_kg,
       round(dlog_unit_value, 3) AS dlog_unit_value,
       round(dlog_unit_value / nullif(dlog_value, 0), 2) AS price_share,
       round(value_change_pct, 1) AS value_pct,
       round(quantity_change_pct, 1) AS kg_pct,
       round(unit_value_change_pct, 1) AS unit_value_pct,
       round(pre_unit_value_usd_kg, 2) AS pre_usd_per_kg,
       round(post_unit_value_usd_kg, 2) AS post_usd_per_kg
FROM curb_impact
WHERE event_id = '${tradecurb.event}'
  AND reporter_iso3 = '${tradecurb.reporter}' AND partner_iso3 = '${tradecurb.partner}'
  AND flow = '${tradecurb.flow}'
ORDER BY CASE category WHEN 'all_dual_use' THEN 0 WHEN 'non_dual_use' THEN 2 ELSE 1 END, category;

-- COMMAND ----------

-- expect: rows
WITH w AS (
  SELECT DISTINCT post_start, post_end
  FROM curb_impact
  WHERE event_id = '${tradecurb.event}'
    AND reporter_iso3 = '${tradecurb.reporter}' AND partner_iso3 = '${tradecurb.partner}'
    AND flow = '${tradecurb.flow}'
),
s AS (
  SELECT m.category,
         sum(CASE WHEN m.period BETWEEN w.post_start AND w.post_end THEN m.value_usd END) AS post_usd,
         sum(CASE WHEN m.period BETWEEN add_months(w.post_start, -12) AND add_months(w.post_end, -12)
                  THEN m.value_usd END) AS prior_usd,
         sum(CASE WHEN m.period BETWEEN w.post_start AND w.post_end THEN m.quantity_kg END) AS post_kg,
         sum(CASE WHEN m.period BETWEEN add_months(w.post_start, -12) AND add_months(w.post_end, -12)
                  THEN m.quantity_kg END) AS prior_kg,
         min(m.kg_coverage) AS min_kg_coverage
  FROM monthly_flows m
  CROSS JOIN w
  WHERE m.reporter_iso3 = '${tradecurb.reporter}' AND m.partner_iso3 = '${tradecurb.partner}'
    AND m.flow = '${tradecurb.flow}'
  GROUP BY m.category
)
SELECT category,
       round(ln(post_usd / prior_usd), 3) AS yoy_dlog_value,
       round(ln(post_kg / prior_kg), 3) AS yoy_dlog_kg,
       round(ln(post_usd / prior_usd) - ln(post_kg / prior_kg), 3) AS yoy_dlog_unit_value,
       round((ln(post_usd / prior_usd) - ln(post_kg / prior_kg)) / nullif(ln(post_usd / prior_usd), 0), 2)
         AS price_share,
       round(min_kg_coverage, 3) AS min_kg_coverage
FROM s
ORDER BY CASE category WHEN 'all_dual_use' THEN 0 WHEN 'non_dual_use' THEN 2 ELSE 1 END, category;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC Unit values month by month: the route against the control destinations (summed), for the chosen category. A
-- MAGIC price rise only on the route points to scarcity created by the ban; a rise everywhere to a market-wide move.

-- COMMAND ----------

-- expect: rows
WITH controls AS (
  SELECT explode(control_destinations) AS control
  FROM curb_impact
  WHERE event_id = '${tradecurb.event}'
    AND reporter_iso3 = '${tradecurb.reporter}' AND partner_iso3 = '${tradecurb.partner}'
    AND flow = '${tradecurb.flow}' AND category = '${tradecurb.category}'
)
SELECT date_format(m.period, 'yyyy-MM') AS month,
       round(sum(CASE WHEN m.partner_iso3 = '${tradecurb.partner}' AND m.reporter_iso3 = '${tradecurb.reporter}'
                      THEN m.value_usd END)
             / nullif(sum(CASE WHEN m.partner_iso3 = '${tradecurb.partner}' AND m.reporter_iso3 = '${tradecurb.reporter}'
                               THEN m.quantity_kg END), 0), 2) AS route_usd_per_kg,
       round(sum(CASE WHEN c.control IS NOT NULL THEN m.value_usd END)
             / nullif(sum(CASE WHEN c.control IS NOT NULL THEN m.quantity_kg END), 0), 2) AS controls_usd_per_kg
FROM monthly_flows m
JOIN curb_events e ON e.event_id = '${tradecurb.event}'
LEFT JOIN controls c
  ON ('${tradecurb.flow}' = 'export' AND m.reporter_iso3 = '${tradecurb.reporter}' AND m.partner_iso3 = c.control)
  OR ('${tradecurb.flow}' = 'import' AND m.partner_iso3 = '${tradecurb.partner}' AND m.reporter_iso3 = c.control)
WHERE m.flow = '${tradecurb.flow}' AND m.category = '${tradecurb.category}'
  AND m.period >= add_months(e.event_month, -${tradecurb.months_before})
GROUP BY m.period
ORDER BY m.period;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Both sides of the ban
-- MAGIC
-- MAGIC Every route the event targets, for the chosen category: China's exports to Japan and Japan's imports from China
-- MAGIC (CIF, Japan's own statistics, HS6-matched). They should tell the same story; notebook 03 compares them month by
-- MAGIC month and follows the lost volume.

-- COMMAND ----------

-- expect: rows
SELECT reporter_iso3, partner_iso3, flow, category,
       round(value_change_pct, 1) AS value_change_pct,
       round(yoy_value_change_pct, 1) AS yoy_value_change_pct,
       round(quantity_change_pct, 1) AS kg_change_pct,
       round(unit_value_change_pct, 1) AS unit_value_change_pct,
       round(did_vs_non_dual_use, 1) AS did_vs_non_dual_use,
       round(did_triple, 1) AS did_triple
FROM curb_impact
WHERE event_id = '${tradecurb.event}' AND route_targeted AND category = '${tradecurb.category}'
ORDER BY reporter_iso3, partner_iso3, flow;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## How sure: intervals and placebos
-- MAGIC
-- MAGIC Every measure above is re-estimated in `curb_estimates` by Poisson pseudo-maximum likelihood on the code x
-- MAGIC destination x month panel, with errors clustered by product code (README, "Uncertainty"): the 95% interval and
-- MAGIC p-value say whether the change could be month-to-month noise. `placebo_tests` moves the event back 6 and 12
-- MAGIC months (a real effect should vanish there) and tries each control destination as the target; the target's rank
-- MAGIC among them is a permutation p-value. The non-dual-use comparison uses one aggregate series, so its interval is
-- MAGIC too narrow: lean on the control-destination and triple differences.

-- COMMAND ----------

-- expect: rows
SELECT measure, round(estimate_pct, 1) AS estimate_pct, round(ci_low_pct, 1) AS ci_low_pct,
       round(ci_high_pct, 1) AS ci_high_pct, round(p_value, 4) AS p_value, observations, clusters
FROM curb_estimates
WHERE event_id = '${tradecurb.event}' AND category = '${tradecurb.category}' AND relative_month IS NULL
  AND reporter_iso3 = '${tradecurb.reporter}' AND partner_iso3 = '${tradecurb.partner}' AND flow = '${tradecurb.flow}'
ORDER BY measure;

-- COMMAND ----------

-- expect: rows
SELECT test, placebo_destination, measure, round(estimate_pct, 1) AS estimate_pct, round(p_value, 4) AS p_value,
       target_rank, ranked, round(permutation_p_value, 3) AS permutation_p_value
FROM placebo_tests
WHERE event_id = '${tradecurb.event}' AND category = '${tradecurb.category}'
  AND reporter_iso3 = '${tradecurb.reporter}' AND partner_iso3 = '${tradecurb.partner}' AND flow = '${tradecurb.flow}'
ORDER BY measure, test, placebo_destination;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Reading the results
-- MAGIC
-- MAGIC - A large negative `did_vs_non_dual_use` and `did_triple` with flat controls is the signature of a targeted
-- MAGIC   curb; similar falls at the control destinations point to world-wide tightening instead (compare notebook 04).
-- MAGIC - Quote the year-over-year change next to the pre/post change: the gap between them is mostly front-loading.
-- MAGIC - A unit-value rise of this size on the route alone says buyers paid more for what still came, or that the mix
-- MAGIC   shifted to dearer goods within a category (the decomposition cannot tell these apart; look at `mirror_flows`
-- MAGIC   by HS6 or `trade_flows_tagged` by code).
-- MAGIC - On real data, check `source_comparison` and `pre_window_complete` first, and treat HS6-matched figures as upper
-- MAGIC   bounds of controlled trade.

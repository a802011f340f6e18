-- Databricks notebook source
-- MAGIC %md
-- MAGIC # 04 · Earlier curbs beside the 2026 ban
-- MAGIC
-- MAGIC The questions of notebooks 02 and 03, asked of China's earlier item-level controls and set beside the 2026 Japan
-- MAGIC ban:
-- MAGIC
-- MAGIC | event | took effect | what | destinations |
-- MAGIC |---|---|---|---|
-- MAGIC | `ga_ge_2023` | 2023-08-01 | gallium and germanium licensing (Ann. 23 of 2023) | all |
-- MAGIC | `graphite_2023` | 2023-12-01 | graphite licensing (Ann. 39 of 2023) | all |
-- MAGIC | `rare_earths_2025` | 2025-04-04 | seven medium and heavy rare earths and magnets (Ann. 18 of 2025) | all |
-- MAGIC | `jp_ban_2026` | 2026-01-06 | every dual-use item to Japanese military users (Ann. 1 of 2026) | Japan |
-- MAGIC
-- MAGIC The earlier curbs are **world-wide licensing requirements**: they treat only their own codes, and every destination
-- MAGIC at once. Two consequences for the comparison:
-- MAGIC
-- MAGIC - the control destinations are treated too, so `did_vs_control_destinations` measures whether Japan fared worse
-- MAGIC   than other buyers (expect about zero for a world-wide curb), not the effect of the curb; `did_vs_non_dual_use`
-- MAGIC   is the estimate of the curb's effect on the route;
-- MAGIC - a Japan-specific effect shows as a gap between the route and China's other destinations (the triple difference,
-- MAGIC   and the comparison near the end). The 2010 rare-earth episode is the warning: Japan's imports collapsed while
-- MAGIC   China also cut its world-wide quota by 72%, and only the comparison with other destinations separates the two.
-- MAGIC
-- MAGIC **Caveats.** The sample warehouse is **synthetic** and starts in **2024-01**: the two 2023 events have no pre
-- MAGIC window in it (`pre_months_observed = 0`, changes left null, never filled) and their event study starts months after
-- MAGIC the event. Load Comtrade or China Customs months from 2022 on to measure them. The only effect planted in the sample
-- MAGIC is the 2026 ban's, so the earlier curbs should show nothing but trend and noise; what they do show is the
-- MAGIC **contamination** below. Dual-use lines are matched exactly on China's codes, approximately (**HS6**) on Japan's
-- MAGIC and Comtrade's; **combined January+February** releases are split evenly over the two months.
-- MAGIC
-- MAGIC **Contamination.** With `impact.post-months = 0` a post window runs to the last published month, so an earlier
-- MAGIC event's post window contains every later curb on the same codes and destination: `rare_earths_2025` and the 2023
-- MAGIC events all contain the 2026 ban. The queries below list the later events inside each window and add a
-- MAGIC horizon-limited comparison that stops before the first of them.
-- MAGIC
-- MAGIC **Parameters** (next cell; `SET tradecurb.<name> = <value>;`, read as `'${tradecurb.<name>}'`, Spark SQL variable
-- MAGIC substitution in Spark 3.5 and on Databricks clusters): `events` is a comma-separated list of event ids to set side
-- MAGIC by side, `event` the reference event among them, the route (`reporter`, `partner`, `flow`), the `category` row of
-- MAGIC `curb_impact` compared (`all_dual_use` = all the codes each event treats), and `horizon_months`, the longest post
-- MAGIC period of the horizon-limited comparison (months 0 to `horizon_months`).

-- COMMAND ----------

SET tradecurb.events = ga_ge_2023,graphite_2023,rare_earths_2025,jp_ban_2026;
SET tradecurb.event = jp_ban_2026;
SET tradecurb.reporter = CHN;
SET tradecurb.partner = JPN;
SET tradecurb.flow = export;
SET tradecurb.category = all_dual_use;
SET tradecurb.horizon_months = 8;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## The events and what they treat
-- MAGIC
-- MAGIC The categories and catalogue codes each event treats, from its instruments (`*` = the whole catalogue).

-- COMMAND ----------

-- expect: rows
WITH ev AS (
  SELECT *
  FROM curb_events
  WHERE array_contains(transform(split('${tradecurb.events}', ','), x -> trim(x)), event_id)
),
treated AS (
  SELECT e.event_id,
         concat_ws(', ', sort_array(collect_set(c.category))) AS categories,
         count(DISTINCT c.code_system, c.code) AS catalogue_codes,
         min(c.effective_from) AS first_effective
  FROM ev e
  JOIN dual_use_catalog c ON array_contains(e.instruments, '*') OR array_contains(e.instruments, c.instrument)
  GROUP BY e.event_id
)
SELECT e.event_id, e.event_id = '${tradecurb.event}' AS reference_event, e.label, e.event_date, e.anticipation_date,
       e.destinations, e.instruments, t.categories, t.catalogue_codes
FROM ev e
LEFT JOIN treated t ON t.event_id = e.event_id
ORDER BY e.event_date;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## What the data can say about each event
-- MAGIC
-- MAGIC Months observed in each window on the route, whether the pre window is complete, the event-study months
-- MAGIC available, and the later events whose anticipation or start falls inside the post window and that treat some of the
-- MAGIC same categories for this route's destination (`contaminated_by`). Read every later table with this one beside it.

-- COMMAND ----------

-- expect: rows
WITH ev AS (
  SELECT *
  FROM curb_events
  WHERE array_contains(transform(split('${tradecurb.events}', ','), x -> trim(x)), event_id)
),
cats AS (
  SELECT e.event_id, collect_set(c.category) AS categories
  FROM curb_events e
  JOIN dual_use_catalog c ON array_contains(e.instruments, '*') OR array_contains(e.instruments, c.instrument)
  GROUP BY e.event_id
),
windows AS (
  SELECT event_id, pre_start, pre_end, post_start, post_end, pre_months_observed, post_months_observed,
         pre_window_complete
  FROM curb_impact
  WHERE reporter_iso3 = '${tradecurb.reporter}' AND partner_iso3 = '${tradecurb.partner}'
    AND flow = '${tradecurb.flow}' AND category = '${tradecurb.category}'
),
later AS (
  SELECT e.event_id,
         concat_ws(', ', sort_array(collect_list(l.event_id))) AS contaminated_by,
         min(coalesce(trunc(l.anticipation_date, 'MM'), l.event_month)) AS contaminated_from
  FROM ev e
  JOIN windows w ON w.event_id = e.event_id
  JOIN cats ce ON ce.event_id = e.event_id
  JOIN curb_events l ON l.event_id <> e.event_id AND l.event_month > e.event_month
  JOIN cats cl ON cl.event_id = l.event_id
  WHERE coalesce(trunc(l.anticipation_date, 'MM'), l.event_month) <= w.post_end
    AND arrays_overlap(ce.categories, cl.categories)
    AND (array_contains(l.destinations, 'ALL')
         OR array_contains(l.destinations,
              CASE WHEN '${tradecurb.flow}' = 'export' THEN '${tradecurb.partner}' ELSE '${tradecurb.reporter}' END))
  GROUP BY e.event_id
),
study AS (
  SELECT event_id, min(relative_month) AS first_relative_month, max(relative_month) AS last_relative_month,
         count(value_index) AS months_with_index
  FROM event_study
  WHERE reporter_iso3 = '${tradecurb.reporter}' AND partner_iso3 = '${tradecurb.partner}'
    AND flow = '${tradecurb.flow}' AND category = '${tradecurb.category}'
  GROUP BY event_id
)
SELECT e.event_id,
       date_format(w.pre_start, 'yyyy-MM') AS pre_from, date_format(w.pre_end, 'yyyy-MM') AS pre_to,
       w.pre_months_observed, w.pre_window_complete,
       date_format(w.post_start, 'yyyy-MM') AS post_from, date_format(w.post_end, 'yyyy-MM') AS post_to,
       w.post_months_observed,
       s.first_relative_month, s.last_relative_month, s.months_with_index,
       coalesce(l.contaminated_by, '') AS contaminated_by,
       date_format(l.contaminated_from, 'yyyy-MM') AS contaminated_from
FROM ev e
LEFT JOIN windows w ON w.event_id = e.event_id
LEFT JOIN study s ON s.event_id = e.event_id
LEFT JOIN later l ON l.event_id = e.event_id
ORDER BY e.event_date;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Before vs after and year over year, side by side
-- MAGIC
-- MAGIC `curb_impact` for the route and category, one row per event. These are whole-window figures: for every event
-- MAGIC with a `contaminated_by` entry above they mix the event with the later ones. Nulls mean the window had no data.

-- COMMAND ----------

-- expect: rows
SELECT i.event_id, e.event_date, i.route_targeted,
       i.pre_months_observed AS pre_n, i.post_months_observed AS post_n,
       round(i.value_change_pct, 1) AS value_change_pct,
       round(i.yoy_value_change_pct, 1) AS yoy_value_change_pct, i.yoy_months,
       round(i.quantity_change_pct, 1) AS kg_change_pct,
       round(i.unit_value_change_pct, 1) AS unit_value_change_pct
FROM curb_impact i
JOIN curb_events e ON e.event_id = i.event_id
WHERE array_contains(transform(split('${tradecurb.events}', ','), x -> trim(x)), i.event_id)
  AND i.reporter_iso3 = '${tradecurb.reporter}' AND i.partner_iso3 = '${tradecurb.partner}'
  AND i.flow = '${tradecurb.flow}' AND i.category = '${tradecurb.category}'
ORDER BY e.event_date;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ### Horizon-limited: the first months only, before any later curb
-- MAGIC
-- MAGIC From `event_study`: months 0 to `horizon_months` after each event, cut at the month before the first
-- MAGIC contaminating event's anticipation or start. Means of the value and kilogram indices (pre-window mean = 100) and of
-- MAGIC the year-over-year change, and the lowest month (the collapse, if any). `months_used` counts the months left;
-- MAGIC `months_with_index` those that also have a pre-window baseline.

-- COMMAND ----------

-- expect: rows
WITH ev AS (
  SELECT *
  FROM curb_events
  WHERE array_contains(transform(split('${tradecurb.events}', ','), x -> trim(x)), event_id)
),
cats AS (
  SELECT e.event_id, collect_set(c.category) AS categories
  FROM curb_events e
  JOIN dual_use_catalog c ON array_contains(e.instruments, '*') OR array_contains(e.instruments, c.instrument)
  GROUP BY e.event_id
),
cut AS (
  SELECT e.event_id,
         min(coalesce(trunc(l.anticipation_date, 'MM'), l.event_month)) AS contaminated_from
  FROM ev e
  JOIN cats ce ON ce.event_id = e.event_id
  JOIN curb_events l ON l.event_id <> e.event_id AND l.event_month > e.event_month
  JOIN cats cl ON cl.event_id = l.event_id
  WHERE arrays_overlap(ce.categories, cl.categories)
    AND (array_contains(l.destinations, 'ALL')
         OR array_contains(l.destinations,
              CASE WHEN '${tradecurb.flow}' = 'export' THEN '${tradecurb.partner}' ELSE '${tradecurb.reporter}' END))
  GROUP BY e.event_id
),
horizon AS (
  SELECT e.event_id, e.event_date,
         least(add_months(e.event_month, ${tradecurb.horizon_months}),
               coalesce(add_months(c.contaminated_from, -1), add_months(e.event_month, ${tradecurb.horizon_months})))
           AS horizon_end
  FROM ev e
  LEFT JOIN cut c ON c.event_id = e.event_id
)
SELECT h.event_id,
       date_format(h.horizon_end, 'yyyy-MM') AS horizon_end,
       count(s.period) AS months_used,
       count(s.value_index) AS months_with_index,
       round(avg(s.value_index), 1) AS mean_value_index,
       round(avg(s.quantity_index), 1) AS mean_kg_index,
       round(min(s.value_index), 1) AS lowest_value_index,
       round(avg(s.yoy_value_change_pct), 1) AS mean_yoy_value_pct
FROM horizon h
LEFT JOIN event_study s
  ON s.event_id = h.event_id AND s.relative_month >= 0 AND s.period <= h.horizon_end
 AND s.reporter_iso3 = '${tradecurb.reporter}' AND s.partner_iso3 = '${tradecurb.partner}'
 AND s.flow = '${tradecurb.flow}' AND s.category = '${tradecurb.category}'
GROUP BY h.event_id, h.event_date, h.horizon_end
ORDER BY h.event_date;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Event time, side by side
-- MAGIC
-- MAGIC The value index of each event's treated codes on the route, month by month in event time (−6 to +12), one
-- MAGIC column per month holding `event → index`. A curb that bites shows a drop at 0 or 1; front-loading a rise just
-- MAGIC before. Months outside the data are missing from the map.

-- COMMAND ----------

-- expect: rows
SELECT relative_month,
       map_from_entries(array_sort(collect_list(struct(event_id, round(value_index, 1))))) AS value_index_by_event,
       map_from_entries(array_sort(collect_list(struct(event_id, round(yoy_value_change_pct, 1)))))
         AS yoy_pct_by_event
FROM event_study
WHERE array_contains(transform(split('${tradecurb.events}', ','), x -> trim(x)), event_id)
  AND reporter_iso3 = '${tradecurb.reporter}' AND partner_iso3 = '${tradecurb.partner}'
  AND flow = '${tradecurb.flow}' AND category = '${tradecurb.category}'
  AND relative_month BETWEEN -6 AND 12
GROUP BY relative_month
ORDER BY relative_month;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Difference-in-differences, side by side
-- MAGIC
-- MAGIC Every category each event treats, plus `all_dual_use`. For the world-wide curbs read `did_vs_non_dual_use` as the
-- MAGIC effect on the route and `did_vs_control_destinations` / `did_triple` as "worse for Japan than for other buyers";
-- MAGIC for the Japan ban all three measure the effect, against different counterfactuals (notebook 02).

-- COMMAND ----------

-- expect: rows
SELECT i.event_id, i.category,
       round(i.value_change_pct, 1) AS value_change_pct,
       round(i.did_vs_non_dual_use, 1) AS did_vs_non_dual_use,
       round(i.did_vs_control_destinations, 1) AS did_vs_control_destinations,
       round(i.did_triple, 1) AS did_triple,
       i.control_destinations
FROM curb_impact i
JOIN curb_events e ON e.event_id = i.event_id
WHERE array_contains(transform(split('${tradecurb.events}', ','), x -> trim(x)), i.event_id)
  AND i.reporter_iso3 = '${tradecurb.reporter}' AND i.partner_iso3 = '${tradecurb.partner}'
  AND i.flow = '${tradecurb.flow}' AND i.category <> 'non_dual_use'
ORDER BY e.event_date, CASE i.category WHEN 'all_dual_use' THEN 0 ELSE 1 END, i.category;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Targeted or world-wide?
-- MAGIC
-- MAGIC China's exports of each event's treated codes to the route's partner against its exports of the same codes to
-- MAGIC every other destination (median of their changes). A world-wide curb moves them all; a targeted one opens a gap.

-- COMMAND ----------

-- expect: rows
WITH r AS (
  SELECT i.event_id, i.partner_iso3, i.value_change_pct, i.yoy_value_change_pct, i.quantity_change_pct
  FROM curb_impact i
  WHERE array_contains(transform(split('${tradecurb.events}', ','), x -> trim(x)), i.event_id)
    AND i.reporter_iso3 = '${tradecurb.reporter}' AND i.flow = '${tradecurb.flow}'
    AND i.category = '${tradecurb.category}' AND i.partner_iso3 <> 'WLD'
)
SELECT r.event_id,
       round(max(CASE WHEN r.partner_iso3 = '${tradecurb.partner}' THEN r.value_change_pct END), 1)
         AS partner_value_change_pct,
       round(percentile_approx(CASE WHEN r.partner_iso3 <> '${tradecurb.partner}' THEN r.value_change_pct END, 0.5), 1)
         AS others_median_value_change_pct,
       round(max(CASE WHEN r.partner_iso3 = '${tradecurb.partner}' THEN r.yoy_value_change_pct END), 1)
         AS partner_yoy_pct,
       round(percentile_approx(CASE WHEN r.partner_iso3 <> '${tradecurb.partner}' THEN r.yoy_value_change_pct END, 0.5), 1)
         AS others_median_yoy_pct,
       count(DISTINCT CASE WHEN r.partner_iso3 <> '${tradecurb.partner}' THEN r.partner_iso3 END) AS other_destinations
FROM r
JOIN curb_events e ON e.event_id = r.event_id
GROUP BY r.event_id, e.event_date
ORDER BY e.event_date;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Price vs volume, side by side
-- MAGIC
-- MAGIC `Δln(value) = Δln(kilograms) + Δln(unit value)` per event (window means, so contaminated windows included).
-- MAGIC Licensing typically cuts kilograms and raises unit values: the 2023 gallium precedent saw export value fall while
-- MAGIC prices spiked.

-- COMMAND ----------

-- expect: rows
SELECT i.event_id, i.category,
       round(i.dlog_value, 3) AS dlog_value,
       round(i.dlog_quantity, 3) AS dlog_kg,
       round(i.dlog_unit_value, 3) AS dlog_unit_value,
       round(i.pre_unit_value_usd_kg, 2) AS pre_usd_per_kg,
       round(i.post_unit_value_usd_kg, 2) AS post_usd_per_kg
FROM curb_impact i
JOIN curb_events e ON e.event_id = i.event_id
WHERE array_contains(transform(split('${tradecurb.events}', ','), x -> trim(x)), i.event_id)
  AND i.reporter_iso3 = '${tradecurb.reporter}' AND i.partner_iso3 = '${tradecurb.partner}'
  AND i.flow = '${tradecurb.flow}' AND i.category <> 'non_dual_use'
ORDER BY e.event_date, CASE i.category WHEN 'all_dual_use' THEN 0 ELSE 1 END, i.category;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Both sides' statistics
-- MAGIC
-- MAGIC China's exports to Japan and Japan's imports from China of each event's treated categories over the event's
-- MAGIC windows (`mirror_flows_by_category`; Japan's side HS6-matched). Only meaningful for the China↔Japan route.

-- COMMAND ----------

-- expect: rows
WITH w AS (
  SELECT i.event_id, i.category, i.pre_start, i.pre_end, i.post_start, i.post_end
  FROM curb_impact i
  WHERE array_contains(transform(split('${tradecurb.events}', ','), x -> trim(x)), i.event_id)
    AND i.reporter_iso3 = 'CHN' AND i.partner_iso3 = 'JPN' AND i.flow = 'export'
    AND i.category <> 'non_dual_use'
)
SELECT w.event_id, w.category,
       count(CASE WHEN m.period BETWEEN w.pre_start AND w.pre_end THEN 1 END) AS pre_months,
       round(100 * (avg(CASE WHEN m.period BETWEEN w.post_start AND w.post_end THEN m.china_exports_usd END)
                  / avg(CASE WHEN m.period BETWEEN w.pre_start AND w.pre_end THEN m.china_exports_usd END) - 1), 1)
         AS china_exports_change_pct,
       round(100 * (avg(CASE WHEN m.period BETWEEN w.post_start AND w.post_end THEN m.japan_imports_usd END)
                  / avg(CASE WHEN m.period BETWEEN w.pre_start AND w.pre_end THEN m.japan_imports_usd END) - 1), 1)
         AS japan_imports_change_pct,
       round(avg(CASE WHEN m.period BETWEEN w.post_start AND w.post_end THEN m.adjusted_gap_pct END), 2)
         AS post_mean_adjusted_gap_pct
FROM w
JOIN mirror_flows_by_category m ON m.category = w.category
JOIN curb_events e ON e.event_id = w.event_id
GROUP BY w.event_id, e.event_date, w.category
ORDER BY e.event_date, CASE w.category WHEN 'all_dual_use' THEN 0 ELSE 1 END, w.category;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Where the volume went, side by side
-- MAGIC
-- MAGIC The three destinations whose imports of each event's treated codes from China grew most (mean monthly
-- MAGIC kilograms, post vs pre), from `diversion`. For world-wide curbs there is no targeted loss to share out, so
-- MAGIC `share_of_targeted_loss` is null: read the changes themselves. Events without a pre window have no rows.

-- COMMAND ----------

-- expect: rows
SELECT event_id, partner_iso3, route_targeted, kg_rank,
       round(change_quantity_kg / 1e3, 1) AS change_tonnes_per_month,
       round(value_change_pct, 1) AS value_change_pct,
       round(share_of_targeted_loss, 3) AS share_of_targeted_loss
FROM (
  SELECT d.*, e.event_date,
         row_number() OVER (PARTITION BY d.event_id ORDER BY d.change_quantity_kg DESC NULLS LAST) AS kg_rank
  FROM diversion d
  JOIN curb_events e ON e.event_id = d.event_id
  WHERE array_contains(transform(split('${tradecurb.events}', ','), x -> trim(x)), d.event_id)
    AND d.side = 'china_exports_by_destination' AND d.category = '${tradecurb.category}'
    AND d.partner_iso3 <> '${tradecurb.partner}' AND d.change_quantity_kg IS NOT NULL
)
WHERE kg_rank <= 3
ORDER BY event_date, kg_rank;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Reading the results
-- MAGIC
-- MAGIC - In the synthetic sample only the 2026 ban was planted. Its row shows the fall; `rare_earths_2025` shows nothing
-- MAGIC   in its clean horizon (index near 100, year-over-year change near zero), while its whole-window row and its event
-- MAGIC   months +7 onwards (the 2026 ban's front-loading, then the ban) show the later curb leaking in; the 2023 events
-- MAGIC   cannot be measured at all, and their year-over-year figures are the 2026 ban again. That is the reason to quote
-- MAGIC   horizon-limited figures for any event followed by another curb on the same codes.
-- MAGIC - With real data, the precedents to compare against: in August 2023 China's gallium and germanium exports fell
-- MAGIC   to zero, then partly recovered (November 2023: 1,530 kg of gallium against 5,611 kg a year before); licensing
-- MAGIC   typically gives a collapse for one to three months, then partial recovery at higher unit values.
-- MAGIC - A world-wide curb with a Japan-specific gap (`did_triple`, or the partner vs others comparison) is targeting in
-- MAGIC   practice, whatever the announcement says; a Japan ban whose effect matches China's other destinations is
-- MAGIC   world-wide tightening.
-- MAGIC - To measure the 2023 events, ingest months from 2022-01 on (Comtrade bulk files or China Customs query exports):
-- MAGIC   their pre windows, year-over-year bases and event studies then fill in without any change here.

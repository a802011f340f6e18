-- Databricks notebook source
-- MAGIC %md
-- MAGIC # 03 · Mirror flows and diversion
-- MAGIC
-- MAGIC Two checks on the story of notebook 02.
-- MAGIC
-- MAGIC **Mirror flows.** The same goods are counted twice: China reports its exports to Japan (FOB, by destination) and
-- MAGIC Japan reports its imports from China (CIF, by origin). Japan's figure should be higher by the cost of freight and
-- MAGIC insurance (the CIF/FOB margin, about 5–6% on average; the pipeline's `impact.cif-fob-margin` is 6%), and can
-- MAGIC differ further through shipping lags (goods leaving China in December arrive in January), re-routing through Hong
-- MAGIC Kong or third countries (Japan records the origin, China the destination it knew), and classification (the two
-- MAGIC countries' national codes do not line up below HS6). If China's exports fall and Japan's imports from China fall
-- MAGIC as much, the fall is real and not a reporting artefact.
-- MAGIC
-- MAGIC **Diversion.** After a targeted curb, look for the lost volume elsewhere: China's exports of the same codes to
-- MAGIC other destinations (Korea, Hong Kong, Taiwan, Viet Nam...), and the target's imports of those codes from other
-- MAGIC origins. Goods re-exported to the target through a third country show up on both.
-- MAGIC
-- MAGIC **Caveats.** The sample is **synthetic**: it plants a 6% margin, no lags, and half of the kilograms Japan loses
-- MAGIC each month exported to Korea instead. Japan's side is matched to the catalogue on **HS6, which is approximate**
-- MAGIC (the HS6 also holds uncontrolled goods), China's side on China's national codes: the mirror compares HS6 totals,
-- MAGIC so both sides are taken at HS6 there. China's **combined January+February** releases are split evenly over the
-- MAGIC two months while Japan publishes each month: compare those months as a pair.
-- MAGIC
-- MAGIC **Parameters** are set in the next cell (`SET tradecurb.<name> = <value>;`, read as `'${tradecurb.<name>}'`, Spark
-- MAGIC SQL variable substitution in Spark 3.5 and on Databricks clusters). The mirror tables are China↔Japan by
-- MAGIC construction; `reporter`/`partner` set the route whose lost volume the diversion part follows, `diversion_to`
-- MAGIC the destination looked at month by month, `hub` the re-export hub checked at the end.

-- COMMAND ----------

SET tradecurb.event = jp_ban_2026;
SET tradecurb.category = all_dual_use;
SET tradecurb.reporter = CHN;
SET tradecurb.partner = JPN;
SET tradecurb.diversion_to = KOR;
SET tradecurb.hub = HKG;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## China's exports to Japan vs Japan's imports from China, month by month
-- MAGIC
-- MAGIC `gap_pct` is Japan's figure against China's; `adjusted_gap_pct` against China's figure plus the expected CIF/FOB
-- MAGIC margin, so it should hover around zero. Kilograms need no margin: they should match outright.

-- COMMAND ----------

-- expect: rows
SELECT date_format(period, 'yyyy-MM') AS month, category,
       round(china_exports_usd / 1e6, 2) AS china_exports_usd_m,
       round(japan_imports_usd / 1e6, 2) AS japan_imports_usd_m,
       round(gap_pct, 2) AS gap_pct,
       round(adjusted_gap_pct, 2) AS adjusted_gap_pct,
       round(china_exports_kg / 1e3, 1) AS china_tonnes,
       round(japan_imports_kg / 1e3, 1) AS japan_tonnes,
       china_sources, japan_sources, split_from_combined
FROM mirror_flows_by_category
WHERE category = '${tradecurb.category}'
ORDER BY period;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC Per year and category: the margin the two sides imply (`implied_margin_pct`, from summed values, which is robust
-- MAGIC to lags and split months), the median monthly adjusted gap, and the months where the adjusted gap exceeds 2% in
-- MAGIC either direction. An implied margin far from 5–6%, or many large months, deserves a look at the HS6 lines below.

-- COMMAND ----------

-- expect: rows
SELECT year(period) AS year, category,
       count(*) AS months,
       round(sum(china_exports_usd) / 1e6, 1) AS china_exports_usd_m,
       round(sum(japan_imports_usd) / 1e6, 1) AS japan_imports_usd_m,
       round(100 * (sum(japan_imports_usd) / nullif(sum(china_exports_usd), 0) - 1), 2) AS implied_margin_pct,
       round(100 * (sum(japan_imports_kg) / nullif(sum(china_exports_kg), 0) - 1), 2) AS kg_gap_pct,
       round(percentile_approx(adjusted_gap_pct, 0.5), 2) AS median_adjusted_gap_pct,
       count_if(abs(adjusted_gap_pct) > 2) AS months_over_2pct,
       count_if(split_from_combined) AS split_months
FROM mirror_flows_by_category
GROUP BY year(period), category
ORDER BY category, year;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC Combined January+February releases: month by month the split figure disagrees with Japan's (January and February
-- MAGIC trade differ; the split assumes they do not), but the pair adds up.

-- COMMAND ----------

-- expect: rows
SELECT year(period) AS year, category,
       round(sum(china_exports_usd) / 1e6, 2) AS china_jan_feb_usd_m,
       round(sum(japan_imports_usd) / 1e6, 2) AS japan_jan_feb_usd_m,
       round(100 * (sum(japan_imports_usd) / nullif(sum(expected_japan_imports_usd), 0) - 1), 2)
         AS pair_adjusted_gap_pct,
       round(max(abs(adjusted_gap_pct)), 2) AS worst_single_month_adjusted_gap_pct
FROM mirror_flows_by_category
WHERE month(period) IN (1, 2)
  AND year(period) IN (SELECT DISTINCT year(period) FROM mirror_flows_by_category WHERE split_from_combined)
GROUP BY year(period), category
ORDER BY category, year;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Which lines disagree
-- MAGIC
-- MAGIC `mirror_flows` holds the same comparison per month and HS6. The lines with the largest adjusted gaps over the
-- MAGIC whole period, for the chosen category (`all_dual_use` = every dual-use line; subheadings matched only through
-- MAGIC broad lines are `broad_sensitivity`, kept apart): a line that is persistently off
-- MAGIC points to classification (the goods are declared under another code on one side) rather than to timing.

-- COMMAND ----------

-- expect: rows
SELECT hs6, dual_use_category,
       count(*) AS months,
       round(sum(china_exports_usd) / 1e6, 2) AS china_exports_usd_m,
       round(sum(japan_imports_usd) / 1e6, 2) AS japan_imports_usd_m,
       round(100 * (sum(japan_imports_usd) / nullif(sum(expected_japan_imports_usd), 0) - 1), 2) AS adjusted_gap_pct,
       round(max(abs(adjusted_gap_pct)), 2) AS worst_month_adjusted_gap_pct,
       count_if(china_exports_usd IS NULL) AS months_only_japan,
       count_if(japan_imports_usd IS NULL) AS months_only_china
FROM mirror_flows
WHERE ('${tradecurb.category}' = 'all_dual_use' AND dual_use_category <> 'broad_sensitivity')
   OR ('${tradecurb.category}' = 'non_dual_use' AND dual_use_category IS NULL)
   OR dual_use_category = '${tradecurb.category}'
GROUP BY hs6, dual_use_category
ORDER BY abs(adjusted_gap_pct) DESC NULLS FIRST, hs6
LIMIT 25;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Does Japan see the same fall?
-- MAGIC
-- MAGIC Both sides over the event's windows (taken from `curb_impact` for China's exports to Japan): mean monthly value
-- MAGIC and kilograms before and after, and the year-over-year change of the post months. If the two sides move together
-- MAGIC the fall is in the goods, not in one country's statistics.

-- COMMAND ----------

-- expect: rows
WITH w AS (
  SELECT DISTINCT pre_start, pre_end, post_start, post_end
  FROM curb_impact
  WHERE event_id = '${tradecurb.event}'
    AND reporter_iso3 = 'CHN' AND partner_iso3 = 'JPN' AND flow = 'export'
)
SELECT m.category,
       round(100 * (avg(CASE WHEN m.period BETWEEN w.post_start AND w.post_end THEN m.china_exports_usd END)
                  / avg(CASE WHEN m.period BETWEEN w.pre_start AND w.pre_end THEN m.china_exports_usd END) - 1), 1)
         AS china_value_change_pct,
       round(100 * (avg(CASE WHEN m.period BETWEEN w.post_start AND w.post_end THEN m.japan_imports_usd END)
                  / avg(CASE WHEN m.period BETWEEN w.pre_start AND w.pre_end THEN m.japan_imports_usd END) - 1), 1)
         AS japan_value_change_pct,
       round(100 * (sum(CASE WHEN m.period BETWEEN w.post_start AND w.post_end THEN m.china_exports_usd END)
                  / sum(CASE WHEN m.period BETWEEN add_months(w.post_start, -12) AND add_months(w.post_end, -12)
                             THEN m.china_exports_usd END) - 1), 1) AS china_yoy_pct,
       round(100 * (sum(CASE WHEN m.period BETWEEN w.post_start AND w.post_end THEN m.japan_imports_usd END)
                  / sum(CASE WHEN m.period BETWEEN add_months(w.post_start, -12) AND add_months(w.post_end, -12)
                             THEN m.japan_imports_usd END) - 1), 1) AS japan_yoy_pct,
       round(100 * (sum(CASE WHEN m.period BETWEEN w.post_start AND w.post_end THEN m.china_exports_kg END)
                  / sum(CASE WHEN m.period BETWEEN add_months(w.post_start, -12) AND add_months(w.post_end, -12)
                             THEN m.china_exports_kg END) - 1), 1) AS china_yoy_kg_pct,
       round(100 * (sum(CASE WHEN m.period BETWEEN w.post_start AND w.post_end THEN m.japan_imports_kg END)
                  / sum(CASE WHEN m.period BETWEEN add_months(w.post_start, -12) AND add_months(w.post_end, -12)
                             THEN m.japan_imports_kg END) - 1), 1) AS japan_yoy_kg_pct
FROM mirror_flows_by_category m
CROSS JOIN w
GROUP BY m.category
ORDER BY CASE m.category WHEN 'all_dual_use' THEN 0 WHEN 'non_dual_use' THEN 2 ELSE 1 END, m.category;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Where did the lost volume go?
-- MAGIC
-- MAGIC `diversion` has two sides per event: China's exports of the treated codes **by destination**
-- MAGIC (`china_exports_by_destination`), and the targeted destinations' imports of them **from origins other than
-- MAGIC China** (`target_imports_by_origin`). `share_of_targeted_loss` is each partner's change in mean monthly kilograms
-- MAGIC over the kilograms China's exports to the target lost (the target's own row shows −1). `rank` orders the
-- MAGIC non-targeted partners by their gain in value.
-- MAGIC
-- MAGIC Ordinary growth is not diversion: `did_vs_non_dual_use` sets each route's change against its own non-dual-use
-- MAGIC growth (−100 when the category collapses to zero), `counterfactual_post_quantity_kg` is the pre level grown that
-- MAGIC way, and `share_of_counterfactual_loss` is each partner's excess over its counterfactual as a share of what the
-- MAGIC targeted routes fell short of theirs.
-- MAGIC
-- MAGIC These are pre/post window means, and the pre window contains the front-loading months, which overstates the
-- MAGIC target's loss and so understates every share; the year-over-year version below avoids that.

-- COMMAND ----------

-- expect: rows
SELECT side, reporter_iso3, partner_iso3, route_targeted,
       round(pre_quantity_kg / 1e3, 1) AS pre_tonnes_per_month,
       round(post_quantity_kg / 1e3, 1) AS post_tonnes_per_month,
       round(change_quantity_kg / 1e3, 1) AS change_tonnes_per_month,
       round(value_change_pct, 1) AS value_change_pct,
       round(share_of_targeted_loss, 3) AS share_of_targeted_loss,
       round(did_vs_non_dual_use, 1) AS did_vs_non_dual_use,
       round(excess_change_quantity_kg / 1e3, 1) AS excess_tonnes_per_month,
       round(share_of_counterfactual_loss, 3) AS share_of_counterfactual_loss,
       rank, named_destination, top_mover
FROM diversion
WHERE event_id = '${tradecurb.event}' AND category = '${tradecurb.category}'
ORDER BY side, route_targeted DESC, rank;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC Year over year instead: every destination's kilograms in the post months against the same months a year earlier,
-- MAGIC and each destination's gain as a share of what the targeted destinations lost. Both sides carry a year of trend,
-- MAGIC which slightly understates the loss and overstates the gains.

-- COMMAND ----------

-- expect: rows
WITH w AS (
  SELECT DISTINCT post_start, post_end
  FROM curb_impact
  WHERE event_id = '${tradecurb.event}'
    AND reporter_iso3 = '${tradecurb.reporter}' AND partner_iso3 = '${tradecurb.partner}' AND flow = 'export'
),
d AS (
  SELECT m.partner_iso3,
         sum(CASE WHEN m.period BETWEEN w.post_start AND w.post_end THEN m.quantity_kg END) AS post_kg,
         sum(CASE WHEN m.period BETWEEN add_months(w.post_start, -12) AND add_months(w.post_end, -12)
                  THEN m.quantity_kg END) AS prior_kg,
         sum(CASE WHEN m.period BETWEEN w.post_start AND w.post_end THEN m.value_usd END) AS post_usd,
         sum(CASE WHEN m.period BETWEEN add_months(w.post_start, -12) AND add_months(w.post_end, -12)
                  THEN m.value_usd END) AS prior_usd
  FROM monthly_flows m
  CROSS JOIN w
  WHERE m.reporter_iso3 = '${tradecurb.reporter}' AND m.flow = 'export'
    AND m.category = '${tradecurb.category}' AND m.partner_iso3 <> 'WLD'
  GROUP BY m.partner_iso3
),
targets AS (
  SELECT explode(destinations) AS destination FROM curb_events WHERE event_id = '${tradecurb.event}'
),
loss AS (
  SELECT sum(d.prior_kg - d.post_kg) AS lost_kg
  FROM d JOIN targets t ON t.destination = d.partner_iso3
)
SELECT d.partner_iso3,
       d.partner_iso3 IN (SELECT destination FROM targets) AS targeted,
       round(d.prior_kg / 1e3, 1) AS year_earlier_tonnes,
       round(d.post_kg / 1e3, 1) AS post_tonnes,
       round((d.post_kg - d.prior_kg) / 1e3, 1) AS change_tonnes,
       round(100 * (d.post_kg / nullif(d.prior_kg, 0) - 1), 1) AS yoy_kg_pct,
       round(100 * (d.post_usd / nullif(d.prior_usd, 0) - 1), 1) AS yoy_value_pct,
       round((d.post_kg - d.prior_kg) / nullif(l.lost_kg, 0), 3) AS share_of_targeted_loss
FROM d CROSS JOIN loss l
ORDER BY share_of_targeted_loss DESC NULLS LAST, d.partner_iso3;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC Month by month: China's exports of the category to the target and to the diversion destination, in tonnes, with
-- MAGIC the change on the same month a year earlier. Diversion shows as the second line rising as the first falls.

-- COMMAND ----------

-- expect: rows
WITH m AS (
  SELECT partner_iso3, period, quantity_kg, value_usd,
         lag(quantity_kg, 12) OVER (PARTITION BY partner_iso3 ORDER BY period) AS kg_year_earlier
  FROM monthly_flows
  WHERE reporter_iso3 = '${tradecurb.reporter}' AND flow = 'export' AND category = '${tradecurb.category}'
    AND partner_iso3 IN ('${tradecurb.partner}', '${tradecurb.diversion_to}')
)
SELECT date_format(period, 'yyyy-MM') AS month,
       round(max(CASE WHEN partner_iso3 = '${tradecurb.partner}' THEN quantity_kg END) / 1e3, 1) AS target_tonnes,
       round(max(CASE WHEN partner_iso3 = '${tradecurb.diversion_to}' THEN quantity_kg END) / 1e3, 1)
         AS diversion_to_tonnes,
       round(max(CASE WHEN partner_iso3 = '${tradecurb.partner}' THEN quantity_kg - kg_year_earlier END) / 1e3, 1)
         AS target_change_on_year_tonnes,
       round(max(CASE WHEN partner_iso3 = '${tradecurb.diversion_to}' THEN quantity_kg - kg_year_earlier END) / 1e3, 1)
         AS diversion_to_change_on_year_tonnes
FROM m
GROUP BY period
ORDER BY period;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Did the target replace China as a supplier?
-- MAGIC
-- MAGIC The target's imports of the same codes from every origin other than China, pre vs post, against what its imports
-- MAGIC from China lost. Japan's imports are matched on HS6 (approximate). A rise here is substitution by other
-- MAGIC suppliers, or Chinese goods arriving by way of a third country.

-- COMMAND ----------

-- expect: rows
SELECT d.reporter_iso3 AS importer,
       count(*) AS origins,
       round(sum(d.change_quantity_kg) / 1e3, 1) AS change_tonnes_per_month_other_origins,
       round(100 * (sum(d.post_value_usd) / nullif(sum(d.pre_value_usd), 0) - 1), 1) AS value_change_pct_other_origins,
       round(max(i.change_kg) / 1e3, 1) AS change_tonnes_per_month_from_china,
       round(-sum(d.change_quantity_kg) / nullif(max(i.change_kg), 0), 3) AS replaced_share
FROM diversion d
LEFT JOIN (
  SELECT reporter_iso3, post_quantity_kg - pre_quantity_kg AS change_kg
  FROM curb_impact
  WHERE event_id = '${tradecurb.event}' AND partner_iso3 = 'CHN' AND flow = 'import'
    AND category = '${tradecurb.category}'
) i ON i.reporter_iso3 = d.reporter_iso3
WHERE d.event_id = '${tradecurb.event}' AND d.category = '${tradecurb.category}'
  AND d.side = 'target_imports_by_origin'
GROUP BY d.reporter_iso3
ORDER BY importer;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Re-export hubs
-- MAGIC
-- MAGIC Goods can reach the target through a hub: China exports to Hong Kong, Hong Kong re-exports to Japan. China records
-- MAGIC Hong Kong as the destination; Japan records the country of origin, which stays China unless the goods were
-- MAGIC transformed in the hub. Re-routing therefore shows as China's exports to the hub rising together with a widening
-- MAGIC mirror gap (Japan's imports from China above China's exports to Japan), or, for goods whose origin changed, as
-- MAGIC Japan's imports from the hub rising. Both legs, year over year, for the hub. A rise on both after the event is a
-- MAGIC pattern to investigate with transit or firm-level data; customs totals alone cannot prove it.

-- COMMAND ----------

-- expect: rows
WITH w AS (
  SELECT DISTINCT post_start, post_end
  FROM curb_impact
  WHERE event_id = '${tradecurb.event}'
    AND reporter_iso3 = '${tradecurb.reporter}' AND partner_iso3 = '${tradecurb.partner}' AND flow = 'export'
)
SELECT CASE WHEN m.reporter_iso3 = '${tradecurb.reporter}' THEN 'exports to the hub'
            ELSE 'target imports from the hub' END AS leg,
       m.reporter_iso3, m.partner_iso3, m.flow,
       round(sum(CASE WHEN m.period BETWEEN add_months(w.post_start, -12) AND add_months(w.post_end, -12)
                      THEN m.quantity_kg END) / 1e3, 1) AS year_earlier_tonnes,
       round(sum(CASE WHEN m.period BETWEEN w.post_start AND w.post_end THEN m.quantity_kg END) / 1e3, 1)
         AS post_tonnes,
       round(100 * (sum(CASE WHEN m.period BETWEEN w.post_start AND w.post_end THEN m.value_usd END)
                  / nullif(sum(CASE WHEN m.period BETWEEN add_months(w.post_start, -12) AND add_months(w.post_end, -12)
                                    THEN m.value_usd END), 0) - 1), 1) AS yoy_value_pct
FROM monthly_flows m
CROSS JOIN w
WHERE m.category = '${tradecurb.category}'
  AND ((m.reporter_iso3 = '${tradecurb.reporter}' AND m.partner_iso3 = '${tradecurb.hub}' AND m.flow = 'export')
    OR (m.reporter_iso3 = '${tradecurb.partner}' AND m.partner_iso3 = '${tradecurb.hub}' AND m.flow = 'import'))
GROUP BY m.reporter_iso3, m.partner_iso3, m.flow
ORDER BY leg;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Reading the results
-- MAGIC
-- MAGIC - Mirror: an adjusted gap near zero through the event means both countries' statistics show the same fall. A gap
-- MAGIC   that opens only after the event (Japan's imports from China falling less than China's exports to Japan) would
-- MAGIC   point to goods declared as Chinese origin arriving from elsewhere.
-- MAGIC - Diversion: the pre/post shares understate diversion when the pre window holds front-loading; quote the
-- MAGIC   year-over-year shares beside them. In the synthetic sample about half of Japan's lost kilograms reappear in
-- MAGIC   China's exports to Korea: the planted 50%.
-- MAGIC - Diversion to a control destination (Korea here) also raises the control group of notebook 02's
-- MAGIC   difference-in-differences, which makes `did_vs_control_destinations` look larger than the effect on the target.

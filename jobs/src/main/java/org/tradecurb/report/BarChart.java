package org.tradecurb.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Horizontal grouped bars around zero, as inline SVG: one group per row label, one bar per series, the value
 * written at the end of each bar ("n/a" at zero when missing). Every text is escaped.
 */
final class BarChart {

  /** A row: its label, one value per series (null = missing), and whether to set the label in bold. */
  record Group(String label, List<Double> values, boolean emphasis) {}

  private static final int LABELS = 210;
  private static final int GUTTER = 64;
  private static final int RIGHT = 64;
  private static final int TOP = 10;
  private static final int BOTTOM = 30;
  private static final int BAR = 15;
  private static final int GAP = 14;

  private final int width;
  private final List<String> seriesNames;
  private final List<String> colors;
  private final DoubleFunction<String> format;
  private final DoubleFunction<String> tickFormat;
  private final List<Group> groups = new ArrayList<>();

  /** @param format the values at the bars' ends; @param tickFormat the axis ticks */
  BarChart(int width, List<String> seriesNames, List<String> colors, DoubleFunction<String> format,
      DoubleFunction<String> tickFormat) {
    this.width = width;
    this.seriesNames = List.copyOf(seriesNames);
    this.colors = List.copyOf(colors);
    this.format = format;
    this.tickFormat = tickFormat;
  }

  BarChart group(Group g) {
    groups.add(g);
    return this;
  }

  boolean hasData() {
    return groups.stream().anyMatch(g -> g.values().stream().anyMatch(v -> v != null && Double.isFinite(v)));
  }

  String render(String ariaLabel) {
    double lo = 0;
    double hi = 0;
    for (Group g : groups) {
      for (Double v : g.values()) {
        if (v != null && Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    Svg.Axis axis = Svg.Axis.of(lo, hi, 6);
    double left = LABELS + GUTTER;
    double right = width - RIGHT;
    int groupHeight = seriesNames.size() * BAR + GAP;
    int height = TOP + groups.size() * groupHeight + BOTTOM;
    double bottom = height - BOTTOM;
    double zero = axis.scale(0, left, right);

    StringBuilder out = new StringBuilder(8192);
    Svg.open(out, width, height, ariaLabel);
    for (double t : axis.ticks()) {
      double tx = axis.scale(t, left, right);
      Svg.line(out, tx, TOP, tx, bottom, "grid");
      Svg.text(out, tx, bottom + 18, "middle", "tick", tickFormat.apply(t));
    }
    for (int gi = 0; gi < groups.size(); gi++) {
      Group g = groups.get(gi);
      double gy = TOP + gi * groupHeight + GAP / 2.0;
      if (gi % 2 == 1) {
        out.append("<rect class=\"stripe\" x=\"0\" y=\"").append(Svg.n(gy - GAP / 2.0)).append("\" width=\"")
            .append(width).append("\" height=\"").append(groupHeight).append("\"/>");
      }
      Svg.text(out, LABELS, gy + seriesNames.size() * BAR / 2.0 + 4, "end", g.emphasis() ? "row-label strong"
          : "row-label", g.label());
      for (int si = 0; si < seriesNames.size(); si++) {
        Double v = si < g.values().size() ? g.values().get(si) : null;
        double by = gy + si * BAR;
        if (v == null || !Double.isFinite(v)) {
          Svg.text(out, zero + 5, by + BAR - 4, "start", "value muted", seriesNames.get(si) + ": " + Fmt.NA);
          continue;
        }
        double bx = axis.scale(v, left, right);
        double x = Math.min(bx, zero);
        double w = Math.max(Math.abs(bx - zero), 1);
        out.append("<rect x=\"").append(Svg.n(x)).append("\" y=\"").append(Svg.n(by + 1)).append("\" width=\"")
            .append(Svg.n(w)).append("\" height=\"").append(BAR - 3).append("\" fill=\"").append(colors.get(si))
            .append("\" rx=\"2\"><title>").append(Html.escape(g.label() + ", " + seriesNames.get(si) + ": "
                + format.apply(v))).append("</title></rect>");
        boolean negative = v < 0;
        Svg.text(out, negative ? x - 5 : x + w + 5, by + BAR - 3, negative ? "end" : "start", "value",
            format.apply(v));
      }
    }
    Svg.line(out, zero, TOP, zero, bottom, "axis");
    out.append("</svg>");
    return out.toString();
  }
}

package org.tradecurb.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleFunction;

/**
 * A line chart over evenly spaced categories (months), drawn as inline SVG: gridlines and y ticks, x tick
 * labels, a reference line, shaded bands and labelled vertical markers, shaded areas between two lines
 * (confidence bands), and one path per series with a dot per value (a tooltip each). Null values break the line. Every text is escaped.
 */
final class LineChart {

  /** One line. {@code hollow}: indices drawn as open dots (e.g. a month split from a combined release). */
  record Series(String name, String color, boolean dashed, boolean dots, List<Double> values,
      Set<Integer> hollow, DoubleFunction<String> tooltip) {}

  /** A vertical line at x index {@code index}; the label goes right of the line, or left when {@code left}. */
  record Marker(double index, String label, boolean dashed, boolean left) {}

  /** A shaded span from x index {@code from} to {@code to}. */
  record Band(double from, double to, String label) {}

  /** A shaded area between two lines, such as a confidence band; a null bound breaks it. */
  record Interval(String name, String color, List<Double> low, List<Double> high) {}

  private final int width;
  private final int height;
  private static final int LEFT = 64;
  private static final int RIGHT = 20;
  private static final int TOP = 34;
  private static final int BOTTOM = 34;

  private List<String> names = List.of();
  private List<String> ticks = List.of();
  private DoubleFunction<String> yFormat = v -> Svg.n(v);
  private String yUnit = "";
  private boolean includeZero;
  private Double reference;
  private String referenceLabel;
  private final List<Band> bands = new ArrayList<>();
  private final List<Marker> markers = new ArrayList<>();
  private final List<Series> series = new ArrayList<>();
  private final List<Interval> intervals = new ArrayList<>();

  LineChart(int width, int height) {
    this.width = width;
    this.height = height;
  }

  /** @param names full name of each x position (tooltips); @param ticks axis label per position, "" for none */
  LineChart x(List<String> names, List<String> ticks) {
    this.names = List.copyOf(names);
    this.ticks = List.copyOf(ticks);
    return this;
  }

  LineChart y(String unit, DoubleFunction<String> format, boolean includeZero) {
    this.yUnit = unit;
    this.yFormat = format;
    this.includeZero = includeZero;
    return this;
  }

  LineChart reference(double value, String label) {
    this.reference = value;
    this.referenceLabel = label;
    return this;
  }

  LineChart band(Band band) {
    bands.add(band);
    return this;
  }

  LineChart marker(Marker marker) {
    markers.add(marker);
    return this;
  }

  LineChart interval(Interval i) {
    intervals.add(i);
    return this;
  }

  LineChart series(Series s) {
    series.add(s);
    return this;
  }

  boolean hasData() {
    return series.stream().anyMatch(s -> s.values().stream().anyMatch(v -> v != null && Double.isFinite(v)));
  }

  private double x(double index) {
    int n = names.size();
    double plot = width - LEFT - RIGHT;
    return n <= 1 ? LEFT + plot / 2 : LEFT + index * plot / (n - 1);
  }

  String render(String ariaLabel) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    List<List<Double>> drawn = new ArrayList<>();
    series.forEach(s -> drawn.add(s.values()));
    intervals.forEach(i -> {
      drawn.add(i.low());
      drawn.add(i.high());
    });
    for (List<Double> values : drawn) {
      for (Double v : values) {
        if (v != null && Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (lo == Double.POSITIVE_INFINITY) {
      lo = 0;
      hi = 1;
    }
    if (includeZero) {
      lo = Math.min(lo, 0);
      hi = Math.max(hi, 0);
    }
    if (reference != null) {
      lo = Math.min(lo, reference);
      hi = Math.max(hi, reference);
    }
    Svg.Axis axis = Svg.Axis.of(lo, hi, 5);
    double top = TOP;
    double bottom = height - BOTTOM;
    DoubleFunction<Double> y = v -> axis.scale(v, bottom, top);

    StringBuilder out = new StringBuilder(8192);
    Svg.open(out, width, height, ariaLabel);
    for (Band b : bands) {
      double x1 = x(b.from());
      double x2 = x(b.to());
      out.append("<rect class=\"band\" x=\"").append(Svg.n(Math.min(x1, x2))).append("\" y=\"").append(Svg.n(top))
          .append("\" width=\"").append(Svg.n(Math.abs(x2 - x1))).append("\" height=\"")
          .append(Svg.n(bottom - top)).append("\"><title>").append(Html.escape(b.label())).append("</title></rect>");
    }
    for (double t : axis.ticks()) {
      double ty = y.apply(t);
      Svg.line(out, LEFT, ty, width - RIGHT, ty, t == 0 ? "axis" : "grid");
      Svg.text(out, LEFT - 8, ty + 4, "end", "tick", yFormat.apply(t));
    }
    if (!yUnit.isEmpty()) {
      Svg.text(out, LEFT - 8, top - 14, "end", "unit", yUnit);
    }
    Svg.line(out, LEFT, bottom, width - RIGHT, bottom, "axis");
    for (int i = 0; i < ticks.size(); i++) {
      if (!ticks.get(i).isEmpty()) {
        Svg.line(out, x(i), bottom, x(i), bottom + 5, "axis");
        Svg.text(out, x(i), bottom + 19, "middle", "tick", ticks.get(i));
      }
    }
    if (reference != null) {
      double ry = y.apply(reference);
      Svg.line(out, LEFT, ry, width - RIGHT, ry, "reference");
      if (referenceLabel != null) {
        Svg.text(out, width - RIGHT - 4, ry - 6, "end", "reference-label", referenceLabel);
      }
    }
    for (Marker m : markers) {
      double mx = x(m.index());
      Svg.line(out, mx, top - 24, mx, bottom, m.dashed() ? "marker dashed" : "marker");
      Svg.text(out, m.left() ? mx - 5 : mx + 5, top - 14, m.left() ? "end" : "start",
          m.dashed() ? "marker-label soft" : "marker-label", m.label());
    }
    for (Interval band : intervals) {
      intervalPaths(out, band, y);
    }
    for (Series s : series) {
      StringBuilder d = new StringBuilder();
      boolean pen = false;
      for (int i = 0; i < s.values().size(); i++) {
        Double v = s.values().get(i);
        if (v == null || !Double.isFinite(v)) {
          pen = false;
          continue;
        }
        d.append(pen ? 'L' : 'M').append(Svg.n(x(i))).append(' ').append(Svg.n(y.apply(v)));
        pen = true;
      }
      if (d.length() == 0) {
        continue;
      }
      out.append("<g class=\"series\"><path d=\"").append(d).append("\" fill=\"none\" stroke=\"")
          .append(s.color()).append("\" stroke-width=\"2.5\" stroke-linejoin=\"round\"")
          .append(s.dashed() ? " stroke-dasharray=\"6 4\"" : "").append("/>");
      for (int i = 0; i < s.values().size(); i++) {
        Double v = s.values().get(i);
        if (v == null || !Double.isFinite(v)) {
          continue;
        }
        boolean open = s.hollow().contains(i);
        if (!s.dots() && !open) {
          continue;
        }
        out.append("<circle cx=\"").append(Svg.n(x(i))).append("\" cy=\"").append(Svg.n(y.apply(v)))
            .append("\" r=\"").append(open ? "4" : "3").append("\" fill=\"").append(open ? "#ffffff" : s.color())
            .append("\" stroke=\"").append(s.color()).append("\" stroke-width=\"").append(open ? "2" : "1")
            .append("\"><title>").append(Html.escape(s.name() + ", " + (i < names.size() ? names.get(i) : "")
                + ": " + s.tooltip().apply(v) + (open ? " (split from a combined release)" : "")))
            .append("</title></circle>");
      }
      out.append("</g>");
    }
    out.append("</svg>");
    return out.toString();
  }

  /** One closed area per run of months with both bounds: along the upper bound, back along the lower. */
  private void intervalPaths(StringBuilder out, Interval band, DoubleFunction<Double> y) {
    int n = Math.min(band.low().size(), band.high().size());
    int i = 0;
    while (i < n) {
      if (!bounded(band, i)) {
        i++;
        continue;
      }
      int end = i;
      while (end + 1 < n && bounded(band, end + 1)) {
        end++;
      }
      StringBuilder d = new StringBuilder();
      for (int k = i; k <= end; k++) {
        d.append(k == i ? 'M' : 'L').append(Svg.n(x(k))).append(' ').append(Svg.n(y.apply(band.high().get(k))));
      }
      for (int k = end; k >= i; k--) {
        d.append('L').append(Svg.n(x(k))).append(' ').append(Svg.n(y.apply(band.low().get(k))));
      }
      out.append("<path class=\"interval\" d=\"").append(d).append("Z\" fill=\"").append(band.color())
          .append("\" fill-opacity=\"0.2\" stroke=\"none\"><title>").append(Html.escape(band.name()))
          .append("</title></path>");
      i = end + 1;
    }
  }

  private static boolean bounded(Interval band, int i) {
    Double lo = band.low().get(i);
    Double hi = band.high().get(i);
    return lo != null && hi != null && Double.isFinite(lo) && Double.isFinite(hi);
  }
}

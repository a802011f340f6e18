package org.tradecurb.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Small helpers shared by the SVG charts: coordinates, axis ticks, escaped text. */
final class Svg {

  private Svg() {}

  /** A coordinate with at most one decimal, no exponent, no locale. */
  static String n(double v) {
    double r = Math.round(v * 10.0) / 10.0;
    if (r == Math.rint(r)) {
      return Long.toString((long) r);
    }
    return String.format(Locale.ROOT, "%.1f", r);
  }

  /** A step of 1, 2, 2.5 or 5 times a power of ten close to {@code rough}. */
  static double niceStep(double rough) {
    if (!(rough > 0) || Double.isInfinite(rough)) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    double f = rough / magnitude;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  /** Axis bounds and ticks covering [min, max] with about {@code count} intervals. */
  record Axis(double min, double max, List<Double> ticks) {

    static Axis of(double min, double max, int count) {
      if (!(max > min)) {
        double pad = Math.abs(max) > 0 ? Math.abs(max) * 0.1 : 1;
        min -= pad;
        max += pad;
      }
      double step = niceStep((max - min) / count);
      double lo = Math.floor(min / step) * step;
      double hi = Math.ceil(max / step) * step;
      List<Double> ticks = new ArrayList<>();
      for (int i = 0; lo + i * step <= hi + step * 1e-9; i++) {
        double t = lo + i * step;
        ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
      }
      return new Axis(lo, hi, ticks);
    }

    double scale(double v, double from, double to) {
      return from + (v - min) / (max - min) * (to - from);
    }
  }

  static void text(StringBuilder out, double x, double y, String anchor, String cls, String text) {
    out.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"")
        .append(anchor).append('"');
    if (cls != null) {
      out.append(" class=\"").append(cls).append('"');
    }
    out.append('>').append(Html.escape(text)).append("</text>");
  }

  static void line(StringBuilder out, double x1, double y1, double x2, double y2, String cls) {
    out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
        .append("\" y2=\"").append(n(y2)).append("\" class=\"").append(cls).append("\"/>");
  }

  static void open(StringBuilder out, int width, int height, String label) {
    out.append("<svg viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" role=\"img\" preserveAspectRatio=\"xMidYMid meet\" aria-label=\"")
        .append(Html.escape(label)).append("\">");
  }
}

package org.tradecurb.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the monthly periods China Customs prints: {@code 202601}, {@code 2026-01}, {@code 2026年1月}, and
 * the combined January–February release in any of {@code 202601-202602}, {@code 2026年1-2月},
 * {@code 2026-01~02}. Other multi-month ranges are year-to-date totals, not monthly figures.
 */
public final class Periods {

  private static final Pattern DIGIT_GROUPS = Pattern.compile("\\d+");
  private static final Pattern IN_FILE_NAME = Pattern.compile(
      "(?<!\\d)(20\\d{2})[-_.]?(0[1-9]|1[0-2])(?:[-_~](?:(20\\d{2})[-_.]?)?(0[1-9]|1[0-2]))?(?!\\d)");

  private static final Pattern CHINESE_IN_NAME = Pattern.compile("20\\d{2}年\\d{1,2}(?:[-~至]\\d{1,2})?月");

  private Periods() {}

  /** A month, or the first of two months published together. */
  public record Period(LocalDate start, int months) {}

  static Period parse(String raw) throws RowRejected {
    String s = raw == null ? "" : raw.trim();
    List<Integer> parts = new ArrayList<>();
    Matcher m = DIGIT_GROUPS.matcher(s);
    while (m.find()) {
      String g = m.group();
      if (g.length() == 6) {
        parts.add(Integer.parseInt(g.substring(0, 4)));
        parts.add(Integer.parseInt(g.substring(4)));
      } else if (g.length() <= 4) {
        parts.add(Integer.parseInt(g));
      } else {
        throw new RowRejected(Reason.BAD_PERIOD, "period '" + s + "' is not a year and month");
      }
    }
    int year;
    int first;
    int last;
    if (parts.size() == 2) {
      year = parts.get(0);
      first = parts.get(1);
      last = first;
    } else if (parts.size() == 3) {
      year = parts.get(0);
      first = parts.get(1);
      last = parts.get(2);
    } else if (parts.size() == 4 && parts.get(0).equals(parts.get(2))) {
      year = parts.get(0);
      first = parts.get(1);
      last = parts.get(3);
    } else {
      throw new RowRejected(Reason.BAD_PERIOD, "period '" + s + "' is not a year and month");
    }
    if (year < 1980 || year > 2100 || first < 1 || first > 12 || last < first || last > 12) {
      throw new RowRejected(Reason.BAD_PERIOD, "period '" + s + "' is not a valid year and month");
    }
    if (last != first && !(first == 1 && last == 2)) {
      throw new RowRejected(Reason.BAD_PERIOD, "period '" + s + "' spans months " + first + "-" + last
          + ": a cumulative total, not a monthly figure (only the combined Jan-Feb release is accepted)");
    }
    return new Period(LocalDate.of(year, first, 1), last - first + 1);
  }

  /**
   * The period a single-month download's path names, nearest first: the file name ({@code exports_202601.csv},
   * {@code 2026-01_02.csv}, {@code 2026年1-2月.csv}), else a parent folder ({@code exports/2026-01/query.csv}).
   */
  static Optional<String> fromPath(String relativePath) {
    String[] segments = relativePath.split("/");
    for (int i = segments.length - 1; i >= 0; i--) {
      Optional<String> found = inName(segments[i]);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> inName(String name) {
    Matcher m = IN_FILE_NAME.matcher(name);
    if (m.find()) {
      String start = m.group(1) + m.group(2);
      return Optional.of(m.group(4) == null ? start : start + "-" + m.group(1) + m.group(4));
    }
    Matcher zh = CHINESE_IN_NAME.matcher(name);
    return zh.find() ? Optional.of(zh.group()) : Optional.empty();
  }
}

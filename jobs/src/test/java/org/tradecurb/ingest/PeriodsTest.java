package org.tradecurb.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodsTest {

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "202601;2026-01-01;1", "2026-01;2026-01-01;1", "2026/3;2026-03-01;1", "2026年1月;2026-01-01;1",
      "2026年12月;2026-12-01;1", "202601-202602;2026-01-01;2", "2026年1-2月;2026-01-01;2",
      "2026-01~02;2026-01-01;2", "202601~202602;2026-01-01;2"})
  void readsMonthsAndTheCombinedJanuaryFebruaryRelease(String raw, String start, int months) throws Exception {
    Periods.Period p = Periods.parse(raw);
    assertEquals(LocalDate.parse(start), p.start());
    assertEquals(months, p.months());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2026", "202613", "202603-202601", "202601-202603", "2026年1-3月", "20260101x", "abc"})
  void refusesWhatIsNotAMonthlyFigure(String raw) {
    assertThrows(RowRejected.class, () -> Periods.parse(raw));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {"exports_202601.csv;202601", "2026-01_02.csv;202601-202602",
      "rare-earths-2025-11.csv;202511", "china-customs/exports/2026-03/query.csv;202603",
      "china-customs/exports/2025/202512/exports_202601.csv;202601", "exports/出口2026年1-2月.csv;2026年1-2月",
      "exports/2026年3月/下载.csv;2026年3月"})
  void findsThePeriodInTheFileNameOrItsFolder(String path, String period) {
    assertEquals(Optional.of(period), Periods.fromPath(path));
  }

  @Test
  void findsNoPeriodInAPathWithoutOne() {
    assertEquals(Optional.empty(), Periods.fromPath("china-customs/exports/gacc-chinese-full.csv"));
  }
}

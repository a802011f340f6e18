package org.tradecurb.pipeline;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;
import org.tradecurb.quality.PipelineRuns;

/**
 * What a stage did: its counts per source, what it consumed (input table versions, settings fingerprints —
 * where the next run picks up), and the failure it ended with, if any.
 *
 * @param consumed the stage's starting point for the next run; a failed stage's is not recorded
 * @param partial the failure refused part of the input only: the rest was done, later stages may go on
 */
public record StageResult(String stage, List<PipelineRuns.Entry> entries, Map<String, String> consumed,
    TradecurbException failure, boolean partial) {

  public StageResult {
    entries = List.copyOf(entries);
    consumed = new TreeMap<>(consumed);
  }

  public static StageResult of(String stage, List<PipelineRuns.Entry> entries, Map<String, String> consumed) {
    return new StageResult(stage, entries, consumed, null, false);
  }

  /** Nothing to do: the stage consumed the same as last time. */
  public static StageResult skipped(String stage, String why, Map<String, String> consumed) {
    return of(stage, List.of(new PipelineRuns.Entry(stage, "all").skipped(why)), consumed);
  }

  /** A failure of the stage as a whole, for one pipeline_runs row. */
  public static StageResult failed(String stage, Throwable failure) {
    TradecurbException te = failure instanceof TradecurbException t ? t
        : new TradecurbException(ExitCode.FAILURE, String.valueOf(failure), failure);
    PipelineRuns.Entry entry = new PipelineRuns.Entry(stage, "all");
    return new StageResult(stage, List.of(entry), Map.of(), te, false).failedWith(te);
  }

  /** The same counts, marked failed with the failure's exit code and message. */
  public StageResult failedWith(TradecurbException failure) {
    for (PipelineRuns.Entry e : entries) {
      e.status = "failed";
      e.exitCode = failure.exitCode().code;
      e.message = failure.getMessage();
    }
    return new StageResult(stage, entries, consumed, failure, false);
  }

  /**
   * Done on all the input it could read, with {@code failure} for the rest: entries marked partial with its
   * exit code and message, and {@code consumed} as given (what the next run may skip).
   */
  public StageResult partialWith(TradecurbException failure, Map<String, String> consumed) {
    for (PipelineRuns.Entry e : entries) {
      e.status = "partial";
      e.exitCode = failure.exitCode().code;
      e.message = e.message == null ? failure.getMessage() : e.message + "; " + failure.getMessage();
    }
    return new StageResult(stage, entries, consumed, failure, true);
  }

  public boolean failed() {
    return failure != null;
  }

  /** The consumed map in its pipeline_runs form: {@code key=value;key=value}, keys sorted. */
  public String fingerprint() {
    return fingerprint(consumed);
  }

  /** A consumed map in its pipeline_runs form, keys sorted. */
  public static String fingerprint(Map<String, String> consumed) {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(consumed).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ";").append(k).append('=')
        .append(v));
    return sb.toString();
  }

  public static Map<String, String> parseFingerprint(String text) {
    Map<String, String> map = new TreeMap<>();
    if (text == null) {
      return map;
    }
    for (String part : text.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        map.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return map;
  }
}

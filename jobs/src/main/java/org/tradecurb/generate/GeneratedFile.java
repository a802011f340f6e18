package org.tradecurb.generate;

import java.nio.charset.Charset;
import java.time.YearMonth;
import org.tradecurb.ingest.Reason;

/**
 * One file of the synthetic dataset, described rather than held: its rows are produced on demand by index,
 * so a bulk file of millions of rows never sits in memory, and a malformed copy of any row can be planted.
 */
interface GeneratedFile {

  /** The path below the output folder, with forward slashes. */
  String path();

  Charset charset();

  boolean gzipped();

  /** The line ending the publisher's downloads use. */
  String lineEnd();

  String header();

  int rows();

  /** The i-th data line, without its line ending. */
  String row(int i);

  /** A copy of the i-th data line broken so that ingest refuses it for {@code reason}. */
  String malformed(int i, Reason reason);

  /** A month as the publishers write it: {@code 202601}. */
  static String yyyymm(YearMonth m) {
    return m.getYear() + (m.getMonthValue() < 10 ? "0" : "") + m.getMonthValue();
  }

  /** Breaks a number as a typo would: its last digit becomes the letter O. */
  static String typo(String number) {
    return number.substring(0, number.length() - 1) + "O";
  }

  /** A negative figure; a zero becomes -1 so that the sign counts. */
  static String negative(String number) {
    return "-" + (number.equals("0") ? "1" : number);
  }

  /** A commodity code one digit short. */
  static String truncated(String code) {
    return code.substring(0, code.length() - 1);
  }
}

package org.tradecurb.ingest;

/** Why a row went to quarantine. The code is stable (analysts filter on it); the message carries details. */
public enum Reason {
  FIELD_COUNT("the row has a different number of fields than the header"),
  EMPTY_LINE("a line of delimiters only: no field is filled in"),
  REPEATED_HEADER("the header line again, as where two files were joined into one"),
  CONTROL_CHARACTER("a control character or a byte-order mark inside the line (a file pasted into another)"),
  UNBALANCED_QUOTE("a quoted field is not closed on its line"),
  BAD_CODE("the commodity code is not a digit string of a known length"),
  BAD_NUMBER("a quantity or value is not a number"),
  NEGATIVE_VALUE("a quantity or value is negative"),
  OUT_OF_RANGE("a quantity or value overflows (Infinity) or exceeds 10^15, beyond any customs figure"),
  MISSING_VALUE("the trade value is missing"),
  BAD_PERIOD("the period is missing, malformed, or not a monthly figure"),
  YEAR_MISMATCH("the row's year differs from the year of the rest of its file (a file that holds one year)"),
  BAD_FIELD("a field holds a value the format does not allow"),
  UNKNOWN_VOCABULARY("a field with a closed list of codes (type, flow, classification, unit, customs procedure, transport) holds one not on it"),
  UNKNOWN_FILE("a file in the input folder matches no known source layout"),
  UNMAPPED_COUNTRY("a reporter or partner code has no entry in the crosswalk"),
  NO_FX_RATE("no exchange rate for the row's currency and month"),
  DUPLICATE_RECORD("the same record already came from another file or line");

  public final String meaning;

  Reason(String meaning) {
    this.meaning = meaning;
  }
}

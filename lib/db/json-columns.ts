// Rows read as JSON columns (row_to_json, json_build_object) so a caller can fold them into its own query.
// JSON has no date type: PostgreSQL writes a timestamp as text, and the store's timestamps are UTC in
// columns without a time zone (Prisma's DateTime), so the text carries no zone and must be read as UTC.

/** A timestamp column's value as row_to_json wrote it, e.g. "2026-12-07T10:00:00.123". */
export function utcTimestampOf(text: string): Date {
  return new Date(`${text}Z`);
}

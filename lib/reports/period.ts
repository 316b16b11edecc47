// Which calendar days reports are about. A "day" is a calendar day in the store's time zone:
// STORE_TIMEZONE (an IANA name such as "Europe/Paris"), UTC when unset or unknown. Timestamps are stored
// as UTC; the SQL below converts the day boundaries to UTC once, so range filters still use the indexes
// on the raw columns, and only the grouping expression converts each row's timestamp.
import { Prisma } from "@/lib/generated/prisma/client";

export const DEFAULT_TIME_ZONE = "UTC";

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

let warned = false;

/** STORE_TIMEZONE when it names a real zone, otherwise UTC (with one warning in the log). */
export function storeTimeZone(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.STORE_TIMEZONE?.trim();
  if (!configured) return DEFAULT_TIME_ZONE;
  if (isTimeZone(configured)) return configured;
  if (!warned) {
    warned = true;
    console.warn(`STORE_TIMEZONE "${configured}" is not a known time zone; reports use UTC.`);
  }
  return DEFAULT_TIME_ZONE;
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    instant,
  );
}

/** YYYY-MM-DD plus n days (n may be negative), in pure calendar arithmetic. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The last `days` calendar days, today included: first and last date, inclusive. */
export function lastDays(now: Date, days: number, timeZone: string): { firstDay: string; lastDay: string } {
  const lastDay = localDate(now, timeZone);
  return { firstDay: addDays(lastDay, -(days - 1)), lastDay };
}

/**
 * SQL for the UTC instant (as a timestamp without time zone, like our columns) at which a calendar date
 * starts in `timeZone`. DST-correct: PostgreSQL's zone database does the conversion.
 */
export function dayStartUtcSql(date: string, timeZone: string): Prisma.Sql {
  return Prisma.sql`((${date}::date)::timestamp AT TIME ZONE ${timeZone}::text) AT TIME ZONE 'UTC'`;
}

/** SQL for the calendar date, in `timeZone`, of a UTC timestamp column expression. */
export function localDateSql(column: Prisma.Sql, timeZone: string): Prisma.Sql {
  return Prisma.sql`((${column} AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone}::text)::date`;
}

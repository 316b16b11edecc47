// The PostgreSQL SQLSTATE behind an error, from either way the app talks to the database: Prisma's raw
// queries fail with P2010 and keep the original state in meta.driverAdapterError.cause.originalCode;
// node-postgres (./pg-transaction.ts) throws its DatabaseError with the state as `code`.
import pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";

export function sqlStateOf(error: unknown): string | undefined {
  if (error instanceof pg.DatabaseError) return error.code;
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  const adapterError = (error.meta as { driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined)
    ?.driverAdapterError;
  const code = adapterError?.cause?.originalCode;
  return typeof code === "string" ? code : undefined;
}

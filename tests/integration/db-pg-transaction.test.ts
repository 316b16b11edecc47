// Checkout's and payment's transactions on node-postgres (lib/db/pg-transaction.ts): rows read exactly as
// Prisma's raw queries read them, dates sent as UTC timestamps, one transaction that rolls back on an error
// and leaves its connection clean, deadlocks retried, errors told apart as for Prisma's, and anything that
// needs Prisma's model API sent back to the ordinary transaction.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { prismaTx, withPgTransaction } from "@/lib/db/pg-transaction";
import { isCommitInStatementRefusal } from "@/lib/db/commit-in-statement";
import { isRetryableTransactionError, isUniqueViolation, type SqlTx } from "@/lib/db/transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let db: TestDatabase;
let client: Db;
beforeAll(async () => {
  db = await createTestDatabase("pg_transaction");
  // One connection: every transaction below reuses the one before's.
  client = createPrismaClient(db.url, { max: 1 });
});
afterAll(async () => {
  await client?.$disconnect();
  await db?.drop();
});

const at = new Date("2026-12-07T10:00:00.123Z");
const everyType = (tx: SqlTx) =>
  tx.$queryRaw<Record<string, unknown>[]>`
    SELECT 1::int AS int4, 9007199254740993::bigint AS int8, count(*) AS counted, 12.50::numeric(10, 2) AS numeric,
           2.5::float8 AS float8, true AS bool, 'text'::text AS text, 'USD'::char(3) AS bpchar,
           ${at}::timestamp AS "timestamp", ${at}::timestamp(3) + interval '1 day' AS later,
           '2026-12-07'::date AS date, '{"a": [1, "b"]}'::json AS json, '{"c": null}'::jsonb AS jsonb,
           ARRAY['x', 'y'] AS texts, ARRAY[1, 2]::bigint[] AS int8s, 'PAID'::"OrderStatus" AS enum, NULL::text AS nothing
    FROM (SELECT 1) one`;

describe("pg transaction", () => {
  it("reads every column type as Prisma's raw queries do, and sends dates as UTC timestamps", async () => {
    const viaPrisma = await everyType(client);
    const viaPg = await withPgTransaction(client, everyType);
    expect(viaPg).toEqual(viaPrisma);
    expect(viaPg[0]).toMatchObject({ int8: 9007199254740993n, counted: 1n, timestamp: at, enum: "PAID" });
    expect(viaPg[0]?.numeric).toBeInstanceOf(Prisma.Decimal);
  });

  it("commits what it wrote when fn returns, rolls everything back when fn throws, and the connection stays clean", async () => {
    const slug = `pg-tx-${Date.now()}`;
    const insert = (tx: SqlTx, suffix: string) =>
      tx.$executeRaw`INSERT INTO "Category" (id, slug, name, "updatedAt") VALUES (${slug + suffix}, ${slug + suffix}, 'Pg', now())`;
    await expect(
      withPgTransaction(client, async (tx) => {
        await insert(tx, "-rolled-back");
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await withPgTransaction(client, (tx) => insert(tx, "-kept"))).toBe(1);
    // The same connection: not left inside the rolled-back transaction.
    const inTransaction = await client.$queryRaw<{ open: boolean }[]>`SELECT now() <> statement_timestamp() AS open`;
    expect(inTransaction[0]?.open).toBe(false);
    const slugs = await db.prisma.category.findMany({ where: { slug: { startsWith: slug } }, select: { slug: true } });
    expect(slugs.map((row) => row.slug)).toEqual([`${slug}-kept`]);
  });

  it("runs again after a deadlock or serialization failure, and tells errors apart as for Prisma", async () => {
    let attempts = 0;
    const result = await withPgTransaction(client, async (tx) => {
      attempts++;
      if (attempts === 1)
        await tx.$executeRaw`DO $$ BEGIN RAISE EXCEPTION 'lost a race' USING ERRCODE = '40001'; END $$`;
      return "second time";
    });
    expect({ attempts, result }).toEqual({ attempts: 2, result: "second time" });

    const duplicate = await withPgTransaction(client, async (tx) => {
      await tx.$executeRaw`INSERT INTO "Category" (id, slug, name, "updatedAt") VALUES ('pg-dup', 'pg-dup', 'One', now())`;
      await tx.$executeRaw`INSERT INTO "Category" (id, slug, name, "updatedAt") VALUES ('pg-dup', 'pg-dup', 'Two', now())`;
    }).catch((error: unknown) => error);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isRetryableTransactionError(duplicate)).toBe(false);
    expect(await db.prisma.category.count({ where: { slug: "pg-dup" } })).toBe(0);
  });

  it("sends a case that needs Prisma's model API back to the ordinary transaction", async () => {
    const refused = await withPgTransaction(client, async (tx) => prismaTx(tx, "a rare case")).catch(
      (error: unknown) => error,
    );
    expect(isCommitInStatementRefusal(refused)).toBe(true);
    // In a Prisma transaction the same call is that transaction.
    await client.$transaction(async (tx) => expect(prismaTx(tx, "a rare case")).toBe(tx));
  });
});

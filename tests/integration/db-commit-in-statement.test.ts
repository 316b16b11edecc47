// A transaction's last statement and its COMMIT in one round trip (lib/db/commit-in-statement.ts, run by
// lib/db/pg-transaction.ts): the COMMIT is on the wire behind the statement, so the rows are committed by the
// time the app reads the statement's result; a failed statement_guard writes nothing; checkout and payment
// use it, and fall back to their ordinary Prisma transaction for what it does not cover.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { withPgTransaction } from "@/lib/db/pg-transaction";
import { COMMIT_IN_STATEMENT, isCommitInStatementRefusal } from "@/lib/db/commit-in-statement";
import { Prisma } from "@/lib/generated/prisma/client";
import { placeOrder } from "@/lib/checkout/place-order";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { SEARCH_UPSERT_TOPIC } from "@/lib/outbox/topics";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { checkoutInput, createCart, createStore, stock } from "../helpers/checkout-fixture";

let db: TestDatabase;
const clients: Db[] = [];
beforeAll(async () => {
  db = await createTestDatabase("commit_in_statement");
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.$disconnect()));
  await db?.drop();
});

async function categoryNamed(slug: string): Promise<string | null> {
  const rows = await db.prisma.$queryRaw<{ name: string }[]>`SELECT name FROM "Category" WHERE slug = ${slug}`;
  return rows[0]?.name ?? null;
}

const insertCategory = (slug: string, ok: boolean) => Prisma.sql`${Prisma.raw(COMMIT_IN_STATEMENT)}
  WITH added AS (INSERT INTO "Category" (id, slug, name, "updatedAt") VALUES (${slug}, ${slug}, 'Committed', now()) RETURNING id)
  SELECT (SELECT count(*) FROM added)::int AS added, statement_guard(${ok}::boolean, 'test') AS guarded`;

describe("commit in statement", () => {
  it("the statement's result arrives committed: other connections already see it, and nothing after can undo it", async () => {
    const slug = `commit-along-${Date.now()}`;
    const seenInside: (string | null)[] = [];
    await expect(
      withPgTransaction(db.prisma, async (tx) => {
        await tx.$executeRaw`UPDATE "Category" SET name = name WHERE false`;
        await tx.$queryRaw(insertCategory(slug, true));
        seenInside.push(await categoryNamed(slug)); // another pooled connection
        throw new Error("too late to roll back");
      }),
    ).rejects.toThrow("too late to roll back");
    expect(seenInside).toEqual(["Committed"]);
    expect(await categoryNamed(slug)).toBe("Committed");
  });

  it("a failed statement_guard writes nothing, earlier statements of the transaction included", async () => {
    const slug = `guarded-${Date.now()}`;
    const error = await withPgTransaction(db.prisma, async (tx) => {
      await tx.$executeRaw`INSERT INTO "Category" (id, slug, name, "updatedAt") VALUES (${`${slug}-first`}, ${`${slug}-first`}, 'First', now())`;
      await tx.$queryRaw(insertCategory(slug, false));
    }).catch((caught: unknown) => caught);
    expect(isCommitInStatementRefusal(error)).toBe(true);
    expect(await categoryNamed(slug)).toBeNull();
    expect(await categoryNamed(`${slug}-first`)).toBeNull();
  });

  it("checkout and payment commit in their stock statements", async () => {
    const store = await createStore(db.prisma, { variants: [{ priceCents: 1500, stock: [10, 0] }] });
    const client = createPrismaClient(db.url, { max: 1 });
    clients.push(client);
    const variantId = store.variantIds[0]!;
    const { order } = await placeOrder(
      client,
      checkoutInput(await createCart(db.prisma, [{ variantId, quantity: 2 }])),
    );
    const paid = await markOrderPaid(client, {
      orderId: order.id,
      provider: "TEST",
      providerRef: `commit_${order.id}`,
      amountCents: order.totalCents,
      currency: order.currency,
    });
    expect(paid.outcome).toBe("paid");
    // The one connection prepared the three stock statements in their committing form: checkout's
    // reservation, the payment's sale (reservations PAID) and the apply that takes the units out of stock.
    const prepared = await client.$queryRaw<{ statement: string }[]>`SELECT statement FROM pg_prepared_statements`;
    const committing = prepared.filter((row) => row.statement.includes(COMMIT_IN_STATEMENT));
    const kind = /INSERT INTO "Reservation"|SET status = 'PAID'|SET status = 'COMMITTED'/;
    expect(committing.map((row) => kind.exec(row.statement)?.[0]).sort()).toEqual([
      'INSERT INTO "Reservation"',
      "SET status = 'COMMITTED'",
      "SET status = 'PAID'",
    ]);
    expect(await stock(db.prisma, variantId)).toMatchObject({ onHand: [8, 0], reserved: [0, 0] });
  });

  it("the last unit falls back to the ordinary transaction (its search update is queued), with the same outcome", async () => {
    const store = await createStore(db.prisma, { variants: [{ priceCents: 1500, stock: [1, 0] }] });
    const variantId = store.variantIds[0]!;
    const { order } = await placeOrder(
      db.prisma,
      checkoutInput(await createCart(db.prisma, [{ variantId, quantity: 1 }])),
    );
    expect(await stock(db.prisma, variantId)).toMatchObject({ onHand: [1, 0], reserved: [1, 0] });
    const queued = await db.prisma.outboxEvent.count({
      where: { topic: SEARCH_UPSERT_TOPIC, aggregateId: store.productIds[0]! },
    });
    expect(queued).toBeGreaterThan(0);
    expect(await db.prisma.reservation.count({ where: { orderId: order.id, status: "ACTIVE" } })).toBe(1);
  });
});

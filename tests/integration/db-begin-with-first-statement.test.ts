// A transaction's BEGIN leaves with its first statement (lib/db/begin-with-first-statement.ts): the
// statement is on the wire before BEGIN's answer, the transaction is still one transaction, and a paid
// order costs four round trips in all (placing: the checkout read, then the order's statement with its
// COMMIT; paying: the locking read, then the payment's statement with its COMMIT).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { runTransaction } from "@/lib/db/transaction";
import { placeOrder } from "@/lib/checkout/place-order";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { checkoutInput, createCart, createStore, stock } from "../helpers/checkout-fixture";
import { recordStatements } from "../helpers/statement-recorder";

let db: TestDatabase;
let client: Db;
beforeAll(async () => {
  db = await createTestDatabase("begin_first");
  client = createPrismaClient(db.url, { max: 1 });
});
afterAll(async () => {
  await client?.$disconnect();
  await db?.drop();
});

/** Each statement sent (comments cut), and whether another one was still waiting for its answer on that connection. */
const sent: { text: string; pipelined: boolean }[] = [];
let stopRecording = () => {};
function record() {
  stopRecording = recordStatements((text, pipelined) =>
    sent.push({ text: text.replace(/\/\*[^*]*\*\//g, "").trim(), pipelined }),
  );
}
afterEach(() => {
  stopRecording();
  sent.length = 0;
});

async function categoryExists(slug: string): Promise<boolean> {
  return (await db.prisma.category.count({ where: { slug } })) > 0;
}

describe("BEGIN with the first statement", () => {
  it("sends the first statement before BEGIN's answer, in one round trip", async () => {
    await client.$queryRaw`SELECT 1`; // the connection is open before recording
    record();
    await runTransaction(client, (tx) => tx.$queryRaw`SELECT 2 AS two`);
    expect(sent.map((entry) => [entry.text, entry.pipelined])).toEqual([
      ["BEGIN", false],
      ["SELECT 2 AS two", true],
      ["COMMIT", false],
    ]);
  });

  it("is still one transaction: a failure after the first statement rolls it back, and the connection is reused", async () => {
    const slug = `begin-first-${Date.now()}`;
    await expect(
      runTransaction(client, async (tx) => {
        await tx.$executeRaw`INSERT INTO "Category" (id, slug, name, "updatedAt") VALUES (${slug}, ${slug}, 'Rolled back', now())`;
        throw new Error("fails after the first statement");
      }),
    ).rejects.toThrow("fails after the first statement");
    expect(await categoryExists(slug)).toBe(false);
    // A first statement that fails (a duplicate id) rejects, and the one connection serves the next transaction.
    const existing = await db.prisma.category.create({ data: { slug: `${slug}-x`, name: "Existing" } });
    await expect(
      runTransaction(
        client,
        (tx) =>
          tx.$executeRaw`INSERT INTO "Category" (id, slug, name, "updatedAt") VALUES (${existing.id}, ${`${slug}-y`}, 'Dup', now())`,
      ),
    ).rejects.toThrow();
    await runTransaction(
      client,
      (tx) =>
        tx.$executeRaw`INSERT INTO "Category" (id, slug, name, "updatedAt") VALUES (${slug}, ${slug}, 'Committed', now())`,
    );
    expect(await categoryExists(slug)).toBe(true);
  });

  it("a paid order costs five round trips: two to place it, two to confirm its payment, one to apply its stock", async () => {
    const store = await createStore(db.prisma, { variants: [{ priceCents: 1500, stock: [10, 0] }] });
    const variantId = store.variantIds[0]!;
    const cart = await createCart(db.prisma, [{ variantId, quantity: 1 }]);
    await client.$queryRaw`SELECT 1`;
    record();
    const { order } = await placeOrder(client, checkoutInput(cart));
    const paid = await markOrderPaid(client, {
      orderId: order.id,
      provider: "TEST",
      providerRef: `begin_${order.id}`,
      amountCents: order.totalCents,
      currency: order.currency,
    });
    expect(paid.outcome).toBe("paid");
    // The apply (lib/inventory/paid-stock.ts) is BEGIN, its statement and COMMIT in one round trip; alone here,
    // it is shared by every payment of the moment under a rush.
    expect(sent.filter((entry) => !entry.pipelined)).toHaveLength(5);
    expect(sent).toHaveLength(11);
    expect(await stock(db.prisma, variantId)).toMatchObject({ onHand: [9, 0], reserved: [0, 0] });
  });
});

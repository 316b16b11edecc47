// The hot checkout and payment statements run as named prepared statements (parsed and planned once per
// connection), and DATABASE_PREPARED_STATEMENTS=off (PgBouncer in transaction mode before 1.21) turns
// that off without changing any outcome. One connection per client, so the session we ask is the one
// that ran the checkout.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { placeOrder } from "@/lib/checkout/place-order";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { checkoutInput, createCart, createStore, stock } from "../helpers/checkout-fixture";

let db: TestDatabase;
const clients: Db[] = [];
beforeAll(async () => {
  db = await createTestDatabase("prepared");
});
afterEach(() => {
  delete process.env.DATABASE_PREPARED_STATEMENTS;
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.$disconnect()));
  await db?.drop();
});

async function buyAndPay(client: Db, variantId: string) {
  const { order } = await placeOrder(client, checkoutInput(await createCart(db.prisma, [{ variantId, quantity: 1 }])));
  const paid = await markOrderPaid(client, {
    orderId: order.id,
    provider: "TEST",
    providerRef: `prepared_${order.id}`,
    amountCents: order.totalCents,
    currency: order.currency,
  });
  expect(paid.outcome).toBe("paid");
  return order;
}

async function preparedNames(client: Db): Promise<string[]> {
  const rows = await client.$queryRaw<{ name: string }[]>`SELECT name FROM pg_prepared_statements ORDER BY name`;
  return rows.map((row) => row.name);
}

describe("prepared statements", () => {
  it("are used for checkout and payment, once per statement text, and give the same results", async () => {
    const store = await createStore(db.prisma, { variants: [{ priceCents: 1500, stock: [10, 0] }] });
    const client = createPrismaClient(db.url, { max: 1 });
    clients.push(client);
    const first = await buyAndPay(client, store.variantIds[0]!);
    const names = await preparedNames(client);
    // Checkout context, order + reservation, payment lock, payment writes + stock commit.
    expect(names.length).toBeGreaterThanOrEqual(4);
    expect(names.every((name) => /^p_[0-9a-f]{24}$/.test(name))).toBe(true);

    // The second payment's locking read passes the store average the first one read
    // (lib/orders/store-average.ts) instead of reading it: one more text, prepared once.
    const second = await buyAndPay(client, store.variantIds[0]!);
    const withAverage = await preparedNames(client);
    expect(withAverage).toEqual(expect.arrayContaining(names));
    expect(withAverage).toHaveLength(names.length + 1);
    const third = await buyAndPay(client, store.variantIds[0]!);
    expect(await preparedNames(client)).toEqual(withAverage); // reused, not prepared again
    expect([second.number, third.number]).toEqual([first.number + 1, first.number + 2]);
    expect(await stock(db.prisma, store.variantIds[0]!)).toMatchObject({ onHand: [7, 0], reserved: [0, 0] });
  });

  it("can be turned off with DATABASE_PREPARED_STATEMENTS=off", async () => {
    process.env.DATABASE_PREPARED_STATEMENTS = "off";
    const store = await createStore(db.prisma, { variants: [{ priceCents: 1500, stock: [10, 0] }] });
    const client = createPrismaClient(db.url, { max: 1 });
    clients.push(client);
    await buyAndPay(client, store.variantIds[0]!);
    expect(await preparedNames(client)).toEqual([]);
    expect(await stock(db.prisma, store.variantIds[0]!)).toMatchObject({ onHand: [9, 0], reserved: [0, 0] });
  });
});

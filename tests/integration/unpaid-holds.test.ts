// The caps on stock held by unpaid orders (lib/checkout/holds.ts) against a real PostgreSQL: per variant
// per order, per email and per client address, refusals that write nothing, holds that stop counting once
// paid or expired, and concurrent placements of one shopper that never exceed a cap together.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { clientIpHash, DEFAULT_HOLD_LIMITS, holdLimitsFromEnv, type HoldLimits } from "@/lib/checkout/holds";
import { placeOrder } from "@/lib/checkout/place-order";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { checkoutInput, createCart, createStore, snapshot } from "../helpers/checkout-fixture";

let db: TestDatabase;
let prisma: Db;
let variantIds: string[];

beforeAll(async () => {
  db = await createTestDatabase("unpaid_holds");
  prisma = db.prisma;
  ({ variantIds } = await createStore(prisma, {
    variants: [
      { priceCents: 1000, stock: [500, 500] },
      { priceCents: 2000, stock: [500, 500] },
      { priceCents: 3000, stock: [500, 500] },
    ],
  }));
});
afterAll(async () => {
  await db?.drop();
});

const LIMITS: HoldLimits = DEFAULT_HOLD_LIMITS; // 10 per variant per order, 20 per email, 40 per address
const newEmail = () => `holder-${randomUUID().slice(0, 8)}@example.com`;
let addresses = 0;
/** An address no other test of this suite uses. */
const newIp = () => {
  addresses++;
  return `10.1.${Math.floor(addresses / 250)}.${addresses % 250}`;
};

async function place(
  lines: { variant: number; quantity: number }[],
  who: { email: string; ip?: string | null },
  options: { now?: Date; holdLimits?: HoldLimits } = {},
) {
  const cartId = await createCart(
    prisma,
    lines.map((line) => ({ variantId: variantIds[line.variant]!, quantity: line.quantity })),
  );
  return placeOrder(prisma, checkoutInput(cartId, { email: who.email, clientIp: who.ip ?? null }), {
    holdLimits: LIMITS,
    ...options,
  });
}

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe("settings", () => {
  it("defaults, environment overrides, 0 to turn a cap off, and typos fall back to the default", () => {
    expect(holdLimitsFromEnv({})).toEqual({ perVariantPerOrder: 10, perEmail: 20, perIp: 40 });
    expect(
      holdLimitsFromEnv({
        UNPAID_HOLD_LIMIT_PER_VARIANT: "5",
        UNPAID_HOLD_LIMIT_PER_EMAIL: "0",
        UNPAID_HOLD_LIMIT_PER_IP: "100",
      }),
    ).toEqual({ perVariantPerOrder: 5, perEmail: 0, perIp: 100 });
    expect(holdLimitsFromEnv({ UNPAID_HOLD_LIMIT_PER_EMAIL: "lots", UNPAID_HOLD_LIMIT_PER_IP: "-1" })).toEqual(
      DEFAULT_HOLD_LIMITS,
    );
  });

  it("stores the placing address hashed, and nothing for an unknown one", async () => {
    const { order } = await place([{ variant: 0, quantity: 1 }], { email: newEmail(), ip: "203.0.113.9" });
    const stored = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(stored.placedIpHash).toBe(clientIpHash("203.0.113.9"));
    expect(stored.placedIpHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain("203.0.113.9");
    const unknown = await place([{ variant: 0, quantity: 1 }], { email: newEmail(), ip: "unknown" });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: unknown.order.id } })).placedIpHash).toBeNull();
  });
});

describe("caps", () => {
  it("one order holds at most 10 of a variant; over that, a clear message and nothing written", async () => {
    const before = await snapshot(prisma);
    const error = await refusal(
      place(
        [
          { variant: 0, quantity: 11 },
          { variant: 1, quantity: 2 },
        ],
        { email: newEmail(), ip: newIp() },
      ),
    );
    expect(error.code).toBe("hold_limit_variant");
    expect(error.message).toBe(
      "One order can include at most 10 of each item (“Tee 0 – M”). Lower the quantity in your cart; for a larger order, please contact us.",
    );
    expect(await snapshot(prisma)).toEqual(before);
    // 10 of each is fine.
    await place(
      [
        { variant: 0, quantity: 10 },
        { variant: 1, quantity: 10 },
      ],
      { email: newEmail(), ip: newIp() },
    );
  });

  it("an email's unpaid orders hold at most 20 units; the next asks to pay or wait, and writes nothing", async () => {
    const email = newEmail();
    await place([{ variant: 0, quantity: 10 }], { email, ip: newIp() });
    await place([{ variant: 1, quantity: 8 }], { email, ip: newIp() });
    const before = await snapshot(prisma);
    const error = await refusal(place([{ variant: 2, quantity: 3 }], { email, ip: newIp() }));
    expect(error.code).toBe("hold_limit");
    expect(error.message).toBe(
      "Your earlier orders are still waiting for payment and hold 18 items (at most 20 items can wait at once). Pay for them, or wait up to 15 minutes until their hold ends, then place this order again.",
    );
    expect(await snapshot(prisma)).toEqual(before);
    // Exactly up to the cap is fine; the email is matched whatever its case.
    await place([{ variant: 2, quantity: 2 }], { email: email.toUpperCase(), ip: newIp() });
    expect((await refusal(place([{ variant: 2, quantity: 1 }], { email, ip: newIp() }))).code).toBe("hold_limit");
    // A single order larger than the cap says so.
    const alone = await refusal(
      place(
        [
          { variant: 0, quantity: 10 },
          { variant: 1, quantity: 10 },
          { variant: 2, quantity: 1 },
        ],
        { email: newEmail(), ip: newIp() },
      ),
    );
    expect(alone.message).toBe(
      "An order waiting for payment can hold at most 20 items; this one has 21. Remove some items, or split it into smaller orders and pay for each.",
    );
  });

  it("an address's unpaid orders hold at most 40 units, whatever the emails", async () => {
    const ip = "203.0.113.77";
    for (let n = 0; n < 4; n++) await place([{ variant: n % 3, quantity: 10 }], { email: newEmail(), ip });
    const before = await snapshot(prisma);
    const error = await refusal(place([{ variant: 0, quantity: 1 }], { email: newEmail(), ip }));
    expect(error.code).toBe("hold_limit");
    expect(error.details).toMatchObject({ limit: 40, held: 40 });
    expect(await snapshot(prisma)).toEqual(before);
    // Another address is not affected; an unknown address has no address cap (it would be one bucket for all).
    await place([{ variant: 0, quantity: 1 }], { email: newEmail(), ip: "203.0.113.78" });
    await place([{ variant: 0, quantity: 10 }], { email: newEmail(), ip: null });
  });

  it("paid orders and expired holds no longer count", async () => {
    const email = newEmail();
    const paid = await place([{ variant: 0, quantity: 10 }], { email, ip: newIp() });
    await markOrderPaid(prisma, {
      orderId: paid.order.id,
      provider: "TEST",
      providerRef: `pay_${paid.order.id}`,
      amountCents: paid.order.totalCents,
      currency: paid.order.currency,
    });
    // Placed 20 minutes ago: its 15-minute hold has ended, even before the sweep releases it.
    await place([{ variant: 1, quantity: 10 }], { email, ip: newIp() }, { now: new Date(Date.now() - 20 * 60_000) });
    await place([{ variant: 2, quantity: 10 }], { email, ip: newIp() });
    await place([{ variant: 0, quantity: 10 }], { email, ip: newIp() });
    expect((await refusal(place([{ variant: 1, quantity: 1 }], { email, ip: newIp() }))).code).toBe("hold_limit");
  });

  it("a cap set to 0 is off", async () => {
    const email = newEmail();
    const off = { perVariantPerOrder: 0, perEmail: 0, perIp: 0 };
    for (let n = 0; n < 3; n++) {
      await place([{ variant: 0, quantity: 15 }], { email, ip: "203.0.113.90" }, { holdLimits: off });
    }
  });
});

describe("concurrency", () => {
  it("20 simultaneous orders of 3 units by one email: exactly 6 get through (18 of 20 units), the rest write nothing", async () => {
    const email = newEmail();
    const carts = await Promise.all(
      Array.from({ length: 20 }, () => createCart(prisma, [{ variantId: variantIds[0]!, quantity: 3 }])),
    );
    const results = await Promise.allSettled(
      carts.map((cartId, n) =>
        placeOrder(prisma, checkoutInput(cartId, { email, clientIp: `192.0.2.${n + 1}` }), { holdLimits: LIMITS }),
      ),
    );
    const placed = results.filter((result) => result.status === "fulfilled");
    const refused = results.filter((result) => result.status === "rejected");
    expect(placed).toHaveLength(6);
    for (const result of refused) expect((result.reason as UserError).code).toBe("hold_limit");
    const held = await prisma.reservation.aggregate({
      where: { status: "ACTIVE", order: { email } },
      _sum: { quantity: true },
    });
    expect(held._sum.quantity).toBe(18);
    expect(await prisma.order.count({ where: { email } })).toBe(6);
  });

  it("30 simultaneous orders of 2 units from one address (different emails): exactly 20 get through", async () => {
    const ip = "203.0.113.200";
    const carts = await Promise.all(
      Array.from({ length: 30 }, () => createCart(prisma, [{ variantId: variantIds[1]!, quantity: 2 }])),
    );
    const results = await Promise.allSettled(
      carts.map((cartId) =>
        placeOrder(prisma, checkoutInput(cartId, { email: newEmail(), clientIp: ip }), { holdLimits: LIMITS }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(20);
    for (const result of results) {
      if (result.status === "rejected") expect((result.reason as UserError).code).toBe("hold_limit");
    }
    expect(await prisma.order.count({ where: { placedIpHash: clientIpHash(ip) } })).toBe(20);
  });
});

// Who may open a shopper's order page, against a real PostgreSQL: the access link checkout hands out
// (only its hash stored), the links of order emails and of the lookup form, the signed-in owner, and
// everything else refused alike; the rate limits of the lookup form, discount codes and the test payment
// form (a refusal writes nothing); and the proxy's gates that answer unknown detail ids with a 404.
import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { applyCouponCode } from "@/lib/checkout/checkout-state";
import type { ShopperRequest } from "@/lib/rate-limit/shopper-request";
import { placeOrder } from "@/lib/checkout/place-order";
import { renderEmailEvent } from "@/lib/email/outbox-handlers";
import { adminDetailExists, adminDetailOf, shopperDetailOpens } from "@/lib/proxy/detail-gates";
import { accessTokenHash, canOpenOrder, mintOrderAccessToken, orderAccessPath } from "@/lib/orders/access";
import { lookUpOrder } from "@/lib/orders/lookup";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { orderPageAfterPayment, payWithTestCard, safeOrderReturnPath } from "@/lib/checkout/test-card-payment";
import { testPaymentProvider } from "@/lib/payments/test-provider";
import { createRateLimitCheck } from "@/lib/rate-limit/check";
import { createMemoryLimiter } from "@/lib/rate-limit/memory";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { checkoutInput, createCart, createStore, snapshot } from "../helpers/checkout-fixture";

let db: TestDatabase;
let prisma: Db;
let variantIds: string[];
const savedEnv = { ...process.env };

beforeAll(async () => {
  db = await createTestDatabase("order_access");
  prisma = db.prisma;
  process.env.SITE_URL = "https://shop.example";
  ({ variantIds } = await createStore(prisma, {
    variants: [
      { priceCents: 2500, stock: [200, 0] },
      { priceCents: 1000, stock: [200, 0] },
    ],
  }));
});
afterAll(async () => {
  process.env = savedEnv;
  await db?.drop();
});

/** A fresh limiter per test: the store's real policies over the in-memory backend. */
function shopper(ip = "203.0.113.10"): ShopperRequest {
  return { ip, checkRateLimit: createRateLimitCheck(createMemoryLimiter()) };
}

async function placed(options: { email?: string; userId?: string } = {}) {
  const cartId = await createCart(prisma, [{ variantId: variantIds[0]!, quantity: 1 }]);
  if (options.userId) await prisma.cart.update({ where: { id: cartId }, data: { userId: options.userId } });
  const result = await placeOrder(prisma, checkoutInput(cartId, options.email ? { email: options.email } : {}));
  return { ...result, cartId };
}

const tokenRows = () => prisma.orderAccessToken.findMany({ select: { orderId: true, tokenHash: true, purpose: true } });

describe("access links", () => {
  it("placing an order hands out a long random link whose SHA-256 alone is stored", async () => {
    const { order, accessToken } = await placed();
    expect(accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    expect(accessToken).not.toContain(order.id);
    const rows = await prisma.orderAccessToken.findMany({ where: { orderId: order.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      purpose: "checkout",
      tokenHash: createHash("sha256").update(accessToken).digest("hex"),
    });
    // The raw token is nowhere in the row.
    expect(JSON.stringify(rows)).not.toContain(accessToken);
    expect(orderAccessPath(order.id, accessToken)).toBe(`/orders/${order.id}?key=${accessToken}`);
  });

  it("opens the order with its own link only: never by id alone, with a wrong, foreign or malformed key", async () => {
    const mine = await placed();
    const other = await placed();
    const open = (key: string | null) => canOpenOrder(prisma, { orderId: mine.order.id, key });
    expect(await open(mine.accessToken)).toBe(true);
    expect(await open(null)).toBe(false);
    expect(await open(other.accessToken)).toBe(false); // another order's valid link
    expect(await open("A".repeat(43))).toBe(false); // the right shape, unknown
    expect(await open(mine.accessToken.slice(0, 42))).toBe(false); // malformed
    expect(await open(accessTokenHash(mine.accessToken))).toBe(false); // the stored hash is not a key
    expect(await canOpenOrder(prisma, { orderId: "no_such_order", key: mine.accessToken })).toBe(false);
    expect(await canOpenOrder(prisma, { orderId: "../../etc", key: mine.accessToken })).toBe(false);
  });

  it("a double submit of the same checkout gets a link of its own to the same order", async () => {
    const cartId = await createCart(prisma, [{ variantId: variantIds[0]!, quantity: 1 }]);
    const input = checkoutInput(cartId);
    const first = await placeOrder(prisma, input);
    const again = await placeOrder(prisma, input);
    expect(again).toMatchObject({ created: false, order: { id: first.order.id } });
    expect(again.accessToken).not.toBe(first.accessToken);
    for (const token of [first.accessToken, again.accessToken]) {
      expect(await canOpenOrder(prisma, { orderId: first.order.id, key: token })).toBe(true);
    }
  });

  it("opens an order placed from an account for that account while its session is current, and for no one else", async () => {
    const owner = await prisma.user.create({ data: { email: `owner-${randomUUID()}@example.com`, sessionVersion: 3 } });
    const stranger = await prisma.user.create({ data: { email: `other-${randomUUID()}@example.com`, role: "ADMIN" } });
    const { order } = await placed({ userId: owner.id });
    expect(order.userId).toBe(owner.id);
    const open = (viewer: { userId: string; sessionVersion?: number }) =>
      canOpenOrder(prisma, { orderId: order.id, viewer });
    expect(await open({ userId: owner.id })).toBe(true); // the page: getSessionUser() checked the session
    expect(await open({ userId: owner.id, sessionVersion: 3 })).toBe(true); // the proxy: the cookie's version
    expect(await open({ userId: owner.id, sessionVersion: 2 })).toBe(false); // signed out everywhere since
    expect(await open({ userId: stranger.id })).toBe(false); // staff use the admin, not this page
    // A guest order has no owner to open it for.
    const guest = await placed();
    expect(await canOpenOrder(prisma, { orderId: guest.order.id, viewer: { userId: owner.id } })).toBe(false);
  });

  it("each order email carries a link of its own that opens the order", async () => {
    const { order } = await placed();
    await markOrderPaid(prisma, {
      orderId: order.id,
      provider: "TEST",
      providerRef: `testpay_${order.id}`,
      amountCents: order.totalCents,
      currency: order.currency,
    });
    const event = await prisma.outboxEvent.findFirstOrThrow({
      where: { topic: "email.order_confirmation", aggregateId: order.id },
    });
    const email = await renderEmailEvent(prisma, event.topic, event.payload);
    const match = new RegExp(`https://shop\\.example/orders/${order.id}\\?key=([A-Za-z0-9_-]{43})`).exec(email!.text);
    expect(match).not.toBeNull();
    expect(email!.html).toContain(`/orders/${order.id}?key=${match![1]}`);
    expect(await canOpenOrder(prisma, { orderId: order.id, key: match![1]! })).toBe(true);
    expect(await prisma.orderAccessToken.count({ where: { orderId: order.id, purpose: "email" } })).toBe(1);
    // Rendering it again (an outbox retry, /dev/mail) mints one more link; both work.
    const again = await renderEmailEvent(prisma, event.topic, event.payload);
    expect(again!.text).not.toBe(email!.text);
    expect(await prisma.orderAccessToken.count({ where: { orderId: order.id, purpose: "email" } })).toBe(2);
  });

  it("mints a link for an existing order on demand", async () => {
    const { order } = await placed();
    const token = await mintOrderAccessToken(prisma, order.id, "lookup");
    expect(await canOpenOrder(prisma, { orderId: order.id, key: token })).toBe(true);
  });
});

describe("order lookup", () => {
  it("a matching number and email get a new link to the order; anything else one answer and nothing written", async () => {
    const email = `find-me-${randomUUID().slice(0, 8)}@example.com`;
    const { order } = await placed({ email });
    const request = shopper();
    const before = await tokenRows();

    for (const values of [
      { number: String(order.number), email: "someone-else@example.com" },
      { number: String(order.number + 100_000), email },
    ]) {
      expect(await lookUpOrder(prisma, values, request)).toEqual({
        ok: false,
        code: "not_found",
        error: "We could not find an order with that number and email.",
      });
    }
    expect(await lookUpOrder(prisma, { number: "abc", email }, request)).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { number: "An order number is digits only, like 1001." },
    });
    expect(await tokenRows()).toEqual(before);

    const found = await lookUpOrder(prisma, { number: `#${order.number}`, email: email.toUpperCase() }, request);
    expect(found.ok).toBe(true);
    const path = (found as { path: string }).path;
    const key = new URL(path, "https://x").searchParams.get("key")!;
    expect(path).toBe(orderAccessPath(order.id, key));
    expect(await canOpenOrder(prisma, { orderId: order.id, key })).toBe(true);
    expect(await prisma.orderAccessToken.count({ where: { orderId: order.id, purpose: "lookup" } })).toBe(1);
  });

  it("is rate limited per email (10 a day) and per address (10 per 15 minutes); a refusal mints nothing", async () => {
    const email = `limited-${randomUUID().slice(0, 8)}@example.com`;
    const { order } = await placed({ email });
    const request = shopper();
    const right = { number: String(order.number), email };
    // Per email, from many addresses: 10 attempts, wrong or right.
    for (let attempt = 0; attempt < 9; attempt++) {
      const result = await lookUpOrder(
        prisma,
        { ...right, number: String(order.number + 100_000 + attempt) },
        {
          ...request,
          ip: `198.51.100.${attempt}`,
        },
      );
      expect(result.ok).toBe(false);
    }
    expect((await lookUpOrder(prisma, right, { ...request, ip: "198.51.100.50" })).ok).toBe(true);
    const before = await tokenRows();
    const refused = await lookUpOrder(prisma, right, { ...request, ip: "198.51.100.51" });
    expect(refused).toMatchObject({ ok: false, code: "rate_limited" });
    expect((refused as { error: string }).error).toMatch(/^Too many attempts\. Try again in \d+ (seconds|minutes)\.$/);
    expect(await tokenRows()).toEqual(before);

    // Per address, across emails.
    const shared = shopper("192.0.2.77");
    for (let attempt = 0; attempt < 10; attempt++) {
      expect(
        await lookUpOrder(prisma, { number: String(order.number), email: `x${attempt}@example.com` }, shared),
      ).toMatchObject({ code: "not_found" });
    }
    expect(await lookUpOrder(prisma, { number: String(order.number), email: "x99@example.com" }, shared)).toMatchObject(
      {
        code: "rate_limited",
      },
    );
  });
});

describe("rate limits of discount codes and the test payment form", () => {
  it("applying discount codes: 10 per cart per 10 minutes; a refusal leaves the cart as it was", async () => {
    const code = `LIMIT-${randomUUID().slice(0, 6)}`.toUpperCase();
    await prisma.coupon.create({ data: { code, type: "PERCENTAGE", value: 1000 } });
    const cartId = await createCart(prisma, [{ variantId: variantIds[1]!, quantity: 1 }]);
    const request = shopper("203.0.113.30");
    for (let attempt = 0; attempt < 10; attempt++) {
      const error = await applyCouponCode(prisma, cartId, `WRONG${attempt}`, request).catch(
        (caught: unknown) => caught,
      );
      expect((error as UserError).code).toBe("coupon_not_found");
    }
    const cartBefore = await prisma.cart.findUniqueOrThrow({ where: { id: cartId } });
    const refused = await applyCouponCode(prisma, cartId, code, request).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).code).toBe("rate_limited");
    expect((refused as UserError).message).toMatch(/^Too many attempts/);
    expect(await prisma.cart.findUniqueOrThrow({ where: { id: cartId } })).toEqual(cartBefore);
    expect(cartBefore.couponId).toBeNull();
    // Another cart from another address is not affected.
    const other = await createCart(prisma, [{ variantId: variantIds[1]!, quantity: 1 }]);
    await applyCouponCode(prisma, other, code, shopper("203.0.113.31"));
    expect((await prisma.cart.findUniqueOrThrow({ where: { id: other } })).couponId).not.toBeNull();
  });

  it("applying discount codes: 20 per address per 10 minutes, whatever the carts", async () => {
    const request = shopper("203.0.113.40");
    for (let attempt = 0; attempt < 20; attempt++) {
      const cartId = await createCart(prisma, [{ variantId: variantIds[1]!, quantity: 1 }]);
      const error = await applyCouponCode(prisma, cartId, "NOPE", request).catch((caught: unknown) => caught);
      expect((error as UserError).code).toBe("coupon_not_found");
    }
    const cartId = await createCart(prisma, [{ variantId: variantIds[1]!, quantity: 1 }]);
    const error = await applyCouponCode(prisma, cartId, "NOPE", request).catch((caught: unknown) => caught);
    expect((error as UserError).code).toBe("rate_limited");
  });

  it("the test payment form: 10 attempts per order email per 10 minutes; a refusal writes nothing", async () => {
    const email = `payer-${randomUUID().slice(0, 8)}@example.com`;
    const request = shopper("203.0.113.50");
    const pay = async (cardNumber: string, ip: string) => {
      const { order } = await placed({ email });
      const started = await testPaymentProvider.startPayment(prisma, order.id, { successUrl: "/s", cancelUrl: "/c" });
      const result = await payWithTestCard(
        prisma,
        { paymentId: started.paymentId, cardNumber },
        { request: { ...request, ip } },
      );
      return { result, paymentId: started.paymentId };
    };
    // A script trying cards on order after order of one email, from changing addresses.
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await pay("4000 0000 0000 0002", `198.51.100.${100 + attempt}`)).result).toMatchObject({
        error: "card_declined",
      });
    }
    const { order } = await placed({ email });
    const started = await testPaymentProvider.startPayment(prisma, order.id, { successUrl: "/s", cancelUrl: "/c" });
    const before = await snapshot(prisma);
    const refused = await payWithTestCard(
      prisma,
      { paymentId: started.paymentId, cardNumber: "4242 4242 4242 4242" },
      { request: { ...request, ip: "198.51.100.200" } },
    );
    expect(refused).toMatchObject({ ok: false, error: "rate_limited" });
    expect((refused as { message: string }).message).toMatch(/^Too many attempts/);
    expect(await snapshot(prisma)).toEqual(before);
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: started.paymentId } })).status).toBe("PENDING");
  });

  it("the test payment form: 20 attempts per address per 10 minutes, unknown payment ids included", async () => {
    const request = shopper("203.0.113.60");
    for (let attempt = 0; attempt < 20; attempt++) {
      expect(
        await payWithTestCard(prisma, { paymentId: `pay_${attempt}`, cardNumber: "4242 4242 4242 4242" }, { request }),
      ).toMatchObject({ error: "payment_not_found" });
    }
    expect(
      await payWithTestCard(prisma, { paymentId: "pay_x", cardNumber: "4242 4242 4242 4242" }, { request }),
    ).toMatchObject({ error: "rate_limited" });
  });
});

describe("after payment", () => {
  it("the test payment page carries checkout's link and sends the shopper back only to that order's page", async () => {
    const { order, accessToken } = await placed();
    const success = `https://shop.example${orderAccessPath(order.id, accessToken)}&session_id={CHECKOUT_SESSION_ID}`;
    const started = await testPaymentProvider.startPayment(prisma, order.id, { successUrl: success, cancelUrl: "/c" });
    const returnTo = new URL(started.redirectUrl, "https://shop.example").searchParams.get("return");
    expect(started.redirectUrl.startsWith(`/checkout/pay/${started.paymentId}?return=`)).toBe(true);
    expect(returnTo).toBe(`/orders/${order.id}?key=${accessToken}&session_id=${started.paymentId}`);
    expect(safeOrderReturnPath(returnTo, order.id)).toBe(orderAccessPath(order.id, accessToken));
    // Anything else falls back (the caller sends the shopper to the lookup form).
    expect(safeOrderReturnPath(`/orders/other?key=${accessToken}`, order.id)).toBeNull();
    expect(safeOrderReturnPath(`https://evil.example/orders/${order.id}?key=${accessToken}`, order.id)).toBe(
      orderAccessPath(order.id, accessToken), // only the path and key are ever used, never the host
    );
    expect(safeOrderReturnPath(`//evil.example/x`, order.id)).toBeNull();
    expect(safeOrderReturnPath(`/orders/${order.id}`, order.id)).toBeNull();
    expect(safeOrderReturnPath(undefined, order.id)).toBeNull();
  });

  it("a signed-in owner goes back to their own order page without a key; a guest only through the link", async () => {
    const owner = await prisma.user.create({ data: { email: `payer-${randomUUID()}@example.com` } });
    const stranger = await prisma.user.create({ data: { email: `stranger-${randomUUID()}@example.com` } });
    const { order, accessToken } = await placed({ userId: owner.id });
    const keyless = `/orders/${order.id}`;
    // A payment started from the owner's page (an exchange difference) carries no key in its success URL.
    expect(await orderPageAfterPayment(prisma, keyless, order.id, { userId: owner.id })).toBe(keyless);
    expect(await orderPageAfterPayment(prisma, undefined, order.id, { userId: owner.id })).toBe(keyless);
    // Nobody else: not signed in, another account, another order's owner.
    expect(await orderPageAfterPayment(prisma, keyless, order.id, null)).toBeNull();
    expect(await orderPageAfterPayment(prisma, keyless, order.id, { userId: stranger.id })).toBeNull();
    const { order: other } = await placed();
    expect(await orderPageAfterPayment(prisma, `/orders/${other.id}`, other.id, { userId: owner.id })).toBeNull();
    // The link still wins, for a guest and for a signed-in owner alike.
    const linked = orderAccessPath(order.id, accessToken);
    expect(await orderPageAfterPayment(prisma, linked, order.id, null)).toBe(linked);
    expect(await orderPageAfterPayment(prisma, linked, order.id, { userId: owner.id })).toBe(linked);
  });
});

describe("404 gates for detail pages (proxy.ts)", () => {
  it("recognises the admin detail paths, not their static siblings", () => {
    expect(adminDetailOf("/admin/orders/abc")).toEqual({ section: "orders", id: "abc" });
    expect(adminDetailOf("/admin/inventory/v1/")).toEqual({ section: "inventory", id: "v1" });
    expect(adminDetailOf("/admin/products/new")).toBeNull();
    expect(adminDetailOf("/admin/products/import")).toBeNull();
    expect(adminDetailOf("/admin/coupons/new")).toBeNull();
    expect(adminDetailOf("/admin/orders")).toBeNull();
    expect(adminDetailOf("/admin/users/abc")).toBeNull();
  });

  it("an unknown id is not found for current staff; a stale session is left to the page's own check", async () => {
    const staff = await prisma.user.create({
      data: { email: `gate-${randomUUID()}@example.com`, role: "STAFF", sessionVersion: 1 },
    });
    const { order } = await placed();
    const viewer = { userId: staff.id, sessionVersion: 1 };
    expect(await adminDetailExists(prisma, { section: "orders", id: order.id }, viewer)).toBe(true);
    expect(
      await adminDetailExists(
        prisma,
        { section: "products", id: (await prisma.product.findFirstOrThrow()).id },
        viewer,
      ),
    ).toBe(true);
    expect(await adminDetailExists(prisma, { section: "inventory", id: variantIds[0]! }, viewer)).toBe(true);
    for (const section of ["orders", "products", "coupons", "inventory"] as const) {
      expect(await adminDetailExists(prisma, { section, id: "unknown-id" }, viewer), section).toBe(false);
    }
    // Demoted behind the session's back, or signed out everywhere: the page answers (403), not a 404.
    expect(
      await adminDetailExists(prisma, { section: "orders", id: "unknown-id" }, { ...viewer, sessionVersion: 0 }),
    ).toBe(true);
  });

  it("the shopper's order page opens with a key or for its owner, the pay page for a test payment", async () => {
    const { order, accessToken } = await placed();
    const started = await testPaymentProvider.startPayment(prisma, order.id, { successUrl: "/s", cancelUrl: "/c" });
    const at = (path: string) => new URL(path, "https://shop.example");
    expect(await shopperDetailOpens(prisma, at(orderAccessPath(order.id, accessToken)), null)).toBe(true);
    expect(await shopperDetailOpens(prisma, at(`/orders/${order.id}`), null)).toBe(false);
    expect(await shopperDetailOpens(prisma, at(`/orders/${order.id}?key=${"x".repeat(43)}`), null)).toBe(false);
    expect(await shopperDetailOpens(prisma, at("/orders/%E0%A4%A"), null)).toBe(false);
    expect(await shopperDetailOpens(prisma, at("/orders/lookup"), null)).toBeNull();
    expect(await shopperDetailOpens(prisma, at(`/checkout/pay/${started.paymentId}`), null)).toBe(true);
    expect(await shopperDetailOpens(prisma, at("/checkout/pay/unknown"), null)).toBe(false);
    expect(await shopperDetailOpens(prisma, at("/products/anything"), null)).toBeNull();
  });
});

// The wishlist (guest record, merge at sign-in, move to cart) and back-in-stock alerts (subscription rules,
// exactly one email per subscriber when a variant comes back, under concurrent restocks and a
// cancellation; none for 3 -> 5; a second only after a new subscription and a new crossing), against a
// real PostgreSQL.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { getCartView } from "@/lib/cart/cart";
import { placeOrder } from "@/lib/checkout/place-order";
import { renderBackInStock } from "@/lib/email/back-in-stock";
import { escapeHtml } from "@/lib/email/html";
import { renderEmailEvent } from "@/lib/email/outbox-handlers";
import { adjustStock } from "@/lib/inventory/adjustments";
import { notifyBackInStock, stockAlertInput, subscribeToRestock } from "@/lib/inventory/back-in-stock";
import { releaseExpiredReservations } from "@/lib/inventory/release";
import {
  signedStockAlertLink,
  stockAlertSignature,
  unsubscribeStockAlert,
  unsubscribeStockAlertInput,
} from "@/lib/inventory/stock-alert-unsubscribe";
import { receiveStock, setStockLevels } from "@/lib/inventory/stock-changes";
import { cancelOrder } from "@/lib/orders/cancel";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { newId } from "@/lib/ids";
import { BACK_IN_STOCK_TOPIC } from "@/lib/outbox/topics";
import { shopperDetailOpens } from "@/lib/proxy/detail-gates";
import { adoptWishlistOnSignIn } from "@/lib/wishlist/merge";
import { wishlistProductInput } from "@/lib/wishlist/schemas";
import {
  addToWishlist,
  getWishlistView,
  listWishlistProductIds,
  moveWishlistItemToCart,
  removeFromWishlist,
} from "@/lib/wishlist/wishlist";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { checkoutInput, createCart, createStore, type Store } from "../helpers/checkout-fixture";

let db: TestDatabase;
let prisma: Db;
let store: Store;
let admin: { id: string; role: "ADMIN" };
let shopper: { id: string };

beforeAll(async () => {
  // Signs the emails' unsubscribe links (npm start generates it in demo mode).
  vi.stubEnv("NEXTAUTH_SECRET", "integration-test-secret-of-at-least-32-characters");
  db = await createTestDatabase("wishlist_alerts");
  prisma = db.prisma;
  admin = (await prisma.user.create({
    data: { email: `admin-${randomUUID()}@example.com`, role: "ADMIN" },
    select: { id: true, role: true },
  })) as { id: string; role: "ADMIN" };
  shopper = await prisma.user.create({ data: { email: `shopper-${randomUUID()}@example.com` }, select: { id: true } });
  store = await createStore(prisma, {
    variants: [
      { priceCents: 2500, stock: [5, 0] }, // 0: in stock, for the wishlist
      { priceCents: 1000, stock: [3, 0] }, // 1: in stock, for the wishlist
      { priceCents: 4000, stock: [0, 0] }, // 2: sold out, for the wishlist
      { priceCents: 1500, stock: [2, 0] }, // 3: alerts under concurrency
      { priceCents: 1500, stock: [0, 0] }, // 4: alerts through a reservation expiry
      { priceCents: 1500, stock: [0, 0], status: "DRAFT" }, // 5: not for sale
    ],
  });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await db?.drop();
});

async function expectUserError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
}

const guest = (guestWishlistId?: string) => ({ userId: null, guestWishlistId });

async function alertEvents(variantId: string) {
  const alerts = await prisma.stockAlert.findMany({ where: { variantId }, select: { id: true, email: true } });
  const events = await prisma.outboxEvent.findMany({
    where: { topic: BACK_IN_STOCK_TOPIC, aggregateId: { in: alerts.map((alert) => alert.id) } },
    orderBy: { createdAt: "asc" },
  });
  const emailOf = new Map(alerts.map((alert) => [alert.id, alert.email]));
  return events.map((event) => emailOf.get(event.aggregateId ?? "") ?? "?").sort();
}

const restock = (variant: number, location: 0 | 1, delta: number) =>
  adjustStock(prisma, admin, {
    variantId: store.variantIds[variant]!,
    locationId: store.locationIds[location],
    delta,
    reason: delta > 0 ? "RECEIVED" : "DAMAGED",
  });

describe("wishlist", () => {
  it("keeps a guest's wishlist in its own record, and never one named by another account's id", async () => {
    const { wishlistId } = await addToWishlist(prisma, guest(), { productId: store.productIds[0]! });
    await addToWishlist(prisma, guest(wishlistId), { productId: store.productIds[1]! });
    // Saving again is not a second item.
    await addToWishlist(prisma, guest(wishlistId), { productId: store.productIds[1]! });
    expect(await listWishlistProductIds(prisma, guest(wishlistId))).toEqual([store.productIds[1], store.productIds[0]]);
    // An unknown cookie value is an empty wishlist; a fresh add makes a new record rather than trusting it.
    expect(await listWishlistProductIds(prisma, guest("forged-id"))).toEqual([]);
    const fresh = await addToWishlist(prisma, guest("forged-id"), { productId: store.productIds[0]! });
    expect(fresh.wishlistId).not.toBe("forged-id");
    // The account's wishlist id in a guest cookie names nothing.
    await addToWishlist(
      prisma,
      { userId: shopper.id, guestWishlistId: undefined },
      { productId: store.productIds[2]! },
    );
    const own = await prisma.wishlist.findUniqueOrThrow({ where: { userId: shopper.id } });
    expect(await listWishlistProductIds(prisma, guest(own.id))).toEqual([]);
    await removeFromWishlist(prisma, { userId: shopper.id, guestWishlistId: undefined }, store.productIds[2]!);
  });

  it("refuses a product not for sale, a variant of another product and malformed ids, writing nothing", async () => {
    const before = await prisma.wishlistItem.count();
    await expectUserError(addToWishlist(prisma, guest(), { productId: store.productIds[5]! }), "product_unavailable");
    await expectUserError(
      addToWishlist(prisma, guest(), { productId: store.productIds[0]!, variantId: store.variantIds[1]! }),
      "unknown_variant",
    );
    expect(wishlistProductInput.safeParse({ productId: "x'; drop table" }).success).toBe(false);
    expect(wishlistProductInput.safeParse({}).success).toBe(false);
    expect(await prisma.wishlistItem.count()).toBe(before);
  });

  it("merges the guest wishlist into the account at sign-in without duplicates, once however often it runs", async () => {
    const user = await prisma.user.create({ data: { email: `merge-${randomUUID()}@example.com` } });
    const account = { userId: user.id, guestWishlistId: undefined };
    await addToWishlist(prisma, account, { productId: store.productIds[0]! });
    const { wishlistId } = await addToWishlist(prisma, guest(), { productId: store.productIds[0]! });
    await addToWishlist(prisma, guest(wishlistId), { productId: store.productIds[1]! });

    const merged = await Promise.all([
      adoptWishlistOnSignIn(prisma, wishlistId, user.id),
      adoptWishlistOnSignIn(prisma, wishlistId, user.id),
    ]);
    expect(merged.reduce((sum, count) => sum + count, 0)).toBe(1);
    expect((await listWishlistProductIds(prisma, account)).sort()).toEqual(
      [store.productIds[0], store.productIds[1]].sort(),
    );
    expect(await prisma.wishlistItem.count({ where: { wishlist: { userId: user.id } } })).toBe(2);
    // The guest record is gone; a second sign-in with the old cookie merges nothing.
    expect(await prisma.wishlist.findUnique({ where: { id: wishlistId } })).toBeNull();
    expect(await adoptWishlistOnSignIn(prisma, wishlistId, user.id)).toBe(0);
  });

  it("lists live price and stock, and moves an item to the cart through the cart's writer", async () => {
    const user = await prisma.user.create({ data: { email: `move-${randomUUID()}@example.com` } });
    const account = { userId: user.id, guestWishlistId: undefined };
    await addToWishlist(prisma, account, { productId: store.productIds[1]!, variantId: store.variantIds[1]! });
    await addToWishlist(prisma, account, { productId: store.productIds[2]! });
    await prisma.variant.update({ where: { id: store.variantIds[1]! }, data: { priceCents: 1200 } });

    const view = await getWishlistView(prisma, account);
    expect(view.map((item) => [item.title, item.priceCents, item.available, item.cartVariantId])).toEqual([
      ["Tee 2", 4000, 0, store.variantIds[2]],
      ["Tee 1", 1200, 3, store.variantIds[1]],
    ]);

    // Sold out: the cart refuses, and the item stays.
    await expectUserError(moveWishlistItemToCart(prisma, account, store.productIds[2]!, undefined), "out_of_stock");
    const { cartId } = await moveWishlistItemToCart(prisma, account, store.productIds[1]!, undefined);
    const cart = await getCartView(prisma, cartId);
    expect(cart?.lines.map((line) => [line.variantId, line.quantity, line.unitPriceCents])).toEqual([
      [store.variantIds[1], 1, 1200],
    ]);
    expect(await prisma.cart.findUniqueOrThrow({ where: { id: cartId } })).toMatchObject({ userId: user.id });
    expect(await listWishlistProductIds(prisma, account)).toEqual([store.productIds[2]]);
    await expectUserError(moveWishlistItemToCart(prisma, account, store.productIds[1]!, cartId), "not_in_wishlist");
  });
});

describe("back-in-stock alerts", () => {
  const email = (name: string) => `${name}@example.com`;

  it("validates a subscription: a sold-out variant for sale, a real email, one row per variant and email", async () => {
    expect(stockAlertInput.safeParse({ variantId: store.variantIds[2], email: "not-an-email" }).success).toBe(false);
    expect(stockAlertInput.safeParse({ variantId: "../../etc", email: email("a") }).success).toBe(false);
    expect(stockAlertInput.parse({ variantId: store.variantIds[2], email: "  Ann@Example.COM " }).email).toBe(
      "ann@example.com",
    );
    await expectUserError(
      subscribeToRestock(prisma, { variantId: store.variantIds[0]!, email: email("a") }),
      "in_stock",
    );
    await expectUserError(
      subscribeToRestock(prisma, { variantId: store.variantIds[5]!, email: email("a") }),
      "variant_unavailable",
    );
    await expectUserError(
      subscribeToRestock(prisma, { variantId: "c0000000000000000000000a", email: email("a") }),
      "variant_unavailable",
    );
    await subscribeToRestock(prisma, { variantId: store.variantIds[2]!, email: email("ann") });
    await subscribeToRestock(prisma, { variantId: store.variantIds[2]!, email: email("ann") });
    expect(await prisma.stockAlert.count({ where: { variantId: store.variantIds[2]! } })).toBe(1);
  });

  it("sends one email per subscriber when concurrent restocks and a cancellation bring a variant back", async () => {
    const variantId = store.variantIds[3]!;
    // Sell the variant out with a paid order (its cancellation returns the units).
    const { order } = await placeOrder(prisma, checkoutInput(await createCart(prisma, [{ variantId, quantity: 2 }])));
    const paid = await markOrderPaid(prisma, {
      orderId: order.id,
      provider: "TEST",
      providerRef: `testpay_${order.id}`,
      amountCents: order.totalCents,
      currency: order.currency,
    });
    expect(paid.outcome).toBe("paid");
    const subscribers = ["ann", "bob", "cy"].map(email);
    for (const address of subscribers) await subscribeToRestock(prisma, { variantId, email: address });

    const results = await Promise.allSettled([
      restock(3, 0, 1),
      restock(3, 1, 2),
      restock(3, 0, 3),
      restock(3, 1, 4),
      prisma.$transaction((tx) =>
        receiveStock(tx, {
          variantId,
          locationId: store.locationIds[1],
          quantity: 5,
          reason: "RECEIVED",
          actorId: admin.id,
        }),
      ),
      cancelOrder(prisma, admin, {
        orderId: order.id,
        reason: "Out of our hands",
        requestKey: `cancel:${randomUUID()}`,
      }),
    ]);
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);

    expect(await alertEvents(variantId)).toEqual(subscribers);
    const alerts = await prisma.stockAlert.findMany({ where: { variantId } });
    expect(alerts.every((alert) => alert.notifiedAt !== null && alert.sentCount === 1)).toBe(true);

    // The email names the product and links to it.
    const [event] = await prisma.outboxEvent.findMany({
      where: { topic: BACK_IN_STOCK_TOPIC, aggregateId: alerts[0]!.id },
    });
    const rendered = await renderEmailEvent(prisma, BACK_IN_STOCK_TOPIC, event!.payload);
    expect(rendered?.to).toBe(alerts[0]!.email);
    expect(rendered?.subject).toContain("Tee 3 (M) is back in stock");
    expect(rendered?.text).toContain(
      `/products/${(await prisma.product.findUniqueOrThrow({ where: { id: store.productIds[3]! } })).slug}?variant=${variantId}`,
    );
  });

  it("sends nothing for 3 -> 5, and a second email only after a new subscription and a new sell-out and restock", async () => {
    const variantId = store.variantIds[3]!;
    const before = await alertEvents(variantId);
    await restock(3, 0, 2);
    expect(await alertEvents(variantId)).toEqual(before);
    // Still in stock: a subscription is refused (nothing to wait for).
    await expectUserError(subscribeToRestock(prisma, { variantId, email: email("ann") }), "in_stock");

    // Sell out (remove every unit), then restock without new subscriptions: nobody is emailed twice.
    const levels = await prisma.inventoryLevel.findMany({ where: { variantId } });
    for (const level of levels)
      if (level.onHand > 0) await restock(3, level.locationId === store.locationIds[0] ? 0 : 1, -level.onHand);
    await restock(3, 0, 1);
    expect(await alertEvents(variantId)).toEqual(before);

    // Sold out again; ann subscribes again and is emailed at the next restock, the others are not.
    await restock(3, 0, -1);
    await subscribeToRestock(prisma, { variantId, email: email("ann") });
    await restock(3, 1, 4);
    expect(await alertEvents(variantId)).toEqual([...before, email("ann")].sort());
    const ann = await prisma.stockAlert.findUniqueOrThrow({
      where: { variantId_email: { variantId, email: email("ann") } },
    });
    expect(ann.sentCount).toBe(2);
  });

  it("emails when a CSV count brings a variant back, also when the import queues the search documents itself", async () => {
    const variantId = store.variantIds[2]!;
    // ann subscribed in the validation test above, while it was sold out.
    const level = await prisma.inventoryLevel.findFirstOrThrow({
      where: { variantId, locationId: store.locationIds[0] },
    });
    await prisma.$transaction((tx) =>
      setStockLevels(
        tx,
        [{ levelId: level.id, variantId, locationId: level.locationId, onHand: 4, reason: "CORRECTION" }],
        { actorId: null, note: "Products CSV import", now: new Date(), reindex: "by_caller" },
      ),
    );
    expect(await alertEvents(variantId)).toEqual([email("ann")]);
  });

  it("emails when an expired reservation is released by the sweep, and a rolled-back restock claims nothing", async () => {
    const variantId = store.variantIds[4]!;
    await prisma.$transaction((tx) =>
      receiveStock(tx, { variantId, locationId: store.locationIds[0], quantity: 1, reason: "RECEIVED", actorId: null }),
    );
    const { order } = await placeOrder(prisma, checkoutInput(await createCart(prisma, [{ variantId, quantity: 1 }])));
    // Held by the unpaid order, and not yet expired: sold out.
    await subscribeToRestock(prisma, { variantId, email: email("dee") });

    // A restock whose transaction fails afterwards leaves the subscription waiting and queues nothing.
    await prisma
      .$transaction(async (tx) => {
        await receiveStock(tx, {
          variantId,
          locationId: store.locationIds[0],
          quantity: 1,
          reason: "RECEIVED",
          actorId: null,
        });
        throw new Error("rolled back");
      })
      .catch(() => {});
    expect(await alertEvents(variantId)).toEqual([]);

    const later = new Date(Date.now() + 24 * 60 * 60 * 1000);
    expect(await releaseExpiredReservations(prisma, later)).toBeGreaterThanOrEqual(1);
    expect(await alertEvents(variantId)).toEqual([email("dee")]);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toBeTruthy();
    // Claiming again finds nobody waiting.
    expect(await prisma.$transaction((tx) => notifyBackInStock(tx, [variantId]))).toBe(0);
  });

  it("unsubscribes with the email's signed link, which deletes that alert only; a forged or damaged link deletes nothing", async () => {
    // Alert rows as a subscription leaves them (the variants of this suite are back in stock by now).
    const variantId = store.variantIds[2]!;
    const [una, vic] = await Promise.all(
      ["una", "vic"].map((name) =>
        prisma.stockAlert.create({ data: { id: newId(), variantId, email: email(name) }, select: { id: true } }),
      ),
    );
    const rendered = await renderBackInStock(prisma, una!.id, "https://shop.example", "Test store");
    const pageUrl = /Stop alerts about it: (\S+)/.exec(rendered!.text)![1]!;
    const pageLink = new URL(pageUrl);
    expect(pageLink.pathname).toBe("/alerts/unsubscribe");
    expect(rendered!.html).toContain(`href="${escapeHtml(pageUrl)}"`);
    const oneClick = new URL(/^<(.+)>$/.exec(rendered!.headers!["List-Unsubscribe"]!)![1]!);
    expect(oneClick.origin + oneClick.pathname).toBe("https://shop.example/api/stock-alerts/unsubscribe");
    expect(rendered!.headers!["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(oneClick.search).toBe(pageLink.search);

    const link = { alert: pageLink.searchParams.get("alert"), token: pageLink.searchParams.get("token") };
    expect(link.alert).toBe(una!.id);
    const genuine = signedStockAlertLink(link)!;
    expect(genuine).toEqual({ alert: una!.id, token: stockAlertSignature(una!.id) });

    // Forged: una's signature on vic's alert, one character changed, another key, malformed input.
    const flipped = link.token!.slice(0, -1) + (link.token!.endsWith("A") ? "B" : "A");
    expect(await unsubscribeStockAlert(prisma, { alert: vic!.id, token: link.token! })).toBe("invalid");
    expect(await unsubscribeStockAlert(prisma, { alert: una!.id, token: flipped })).toBe("invalid");
    vi.stubEnv("NEXTAUTH_SECRET", "another-store-secret-of-at-least-32-characters");
    expect(signedStockAlertLink(link)).toBeNull();
    vi.stubEnv("NEXTAUTH_SECRET", "integration-test-secret-of-at-least-32-characters");
    for (const bad of [
      {},
      { alert: una!.id },
      { alert: una!.id, token: "short" },
      { alert: "../../etc/passwd", token: link.token },
      { alert: [una!.id], token: link.token },
      { alert: una!.id, token: `${link.token}x` },
    ]) {
      expect(unsubscribeStockAlertInput.safeParse(bad).success).toBe(false);
      expect(signedStockAlertLink(bad)).toBeNull();
    }
    expect(await prisma.stockAlert.count({ where: { id: { in: [una!.id, vic!.id] } } })).toBe(2);

    // The proxy answers 404 before the page for anything but the genuine link (one alert, one token).
    const page = (query: string) => new URL(`https://shop.example/alerts/unsubscribe?${query}`);
    expect(await shopperDetailOpens(prisma, page(pageLink.search.slice(1)), null)).toBe(true);
    expect(await shopperDetailOpens(prisma, page(`alert=${vic!.id}&token=${link.token}`), null)).toBe(false);
    expect(await shopperDetailOpens(prisma, page(`${pageLink.search.slice(1)}&alert=${vic!.id}`), null)).toBe(false);
    expect(await shopperDetailOpens(prisma, page("alert=%E0%A4%A&token=%"), null)).toBe(false);
    expect(await shopperDetailOpens(prisma, page(""), null)).toBe(false);

    // The genuine link deletes una's alert and nothing else; a second use finds it gone.
    expect(await unsubscribeStockAlert(prisma, genuine)).toBe("removed");
    expect(await prisma.stockAlert.findUnique({ where: { id: una!.id } })).toBeNull();
    expect(await prisma.stockAlert.findUnique({ where: { id: vic!.id } })).not.toBeNull();
    expect(await unsubscribeStockAlert(prisma, genuine)).toBe("already");
    // A removed alert renders no email (a claim queued before the click sends nothing).
    expect(await renderBackInStock(prisma, una!.id, "https://shop.example", "Test store")).toBeNull();
  });
});

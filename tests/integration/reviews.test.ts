// Shoppers' reviews against a real database (lib/reviews): one review per product per account, a
// confirmed email required, "verified buyer" from the account's paid, unrefunded orders, plain text kept
// as typed, the length limits (in zod and in the database), the moderation flow with its audit entries,
// and the product's rating, count and search document (outbox) changed in the review's own transaction.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createStore, type Store } from "../helpers/checkout-fixture";
import { UserError } from "@/lib/errors";
import { claimProcessBatch, enqueue, mergeOutboxHandlers } from "@/lib/outbox";
import { ORDER_STANDING_TOPIC, SEARCH_UPSERT_TOPIC } from "@/lib/outbox/topics";
import { recommendationOutboxHandlers } from "@/lib/recommendations/outbox-handlers";
import { reviewOutboxHandlers } from "@/lib/reviews/outbox-handlers";
import { listProductReviews, getRatingSummary } from "@/lib/catalog/products";
import { buildProductDocuments } from "@/lib/search/document";
import {
  REVIEW_BODY_MAX,
  REVIEW_TITLE_MAX,
  reviewInput,
  reviewSettingsInput,
  type ReviewInput,
} from "@/lib/reviews/input";
import { deleteOwnReview, isVerifiedBuyer, reviewAuthorName, saveReview } from "@/lib/reviews/write";
import { listReviewsForModeration, moderateReview } from "@/lib/reviews/moderation";
import { readReviewSettings, updateReviewSettings } from "@/lib/reviews/settings";

let db: TestDatabase;
let store: Store;
let slugs: string[];
let admin: { id: string; role: "ADMIN" };
let staff: { id: string; role: "STAFF" };

async function expectUserError(promise: Promise<unknown>, code: string): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
  return error as UserError;
}

async function account(
  options: { verified?: boolean; name?: string | null; role?: "CUSTOMER" | "STAFF" | "ADMIN" } = {},
) {
  return db.prisma.user.create({
    data: {
      email: `reviewer-${randomUUID().slice(0, 8)}@example.com`,
      name: options.name === undefined ? "Grace Hopper" : options.name,
      role: options.role ?? "CUSTOMER",
      emailVerified: options.verified === false ? null : new Date(),
    },
  });
}

/** An order of the account for the product, in the given states (as the payment and refund code leave them). */
async function order(
  userId: string,
  productIndex: number,
  states: {
    status: "PENDING_PAYMENT" | "PAID" | "FULFILLED" | "REFUNDED" | "CANCELLED";
    paymentStatus: "PENDING" | "PAID" | "PARTIALLY_REFUNDED" | "REFUNDED";
  },
) {
  return db.prisma.order.create({
    data: {
      checkoutToken: randomUUID(),
      email: "buyer@example.com",
      userId,
      ...states,
      currency: "USD",
      subtotalCents: 2000,
      totalCents: 2000,
      shippingMethod: "STANDARD",
      shippingMethodName: "Standard",
      shippingAddress: {},
      lines: {
        create: {
          productId: store.productIds[productIndex]!,
          variantId: store.variantIds[productIndex]!,
          title: "Tee",
          sku: `SKU-${productIndex}`,
          quantity: 1,
          unitPriceCents: 2000,
          totalCents: 2000,
        },
      },
    },
  });
}

function input(productIndex: number, overrides: Partial<Record<keyof ReviewInput, string>> = {}): ReviewInput {
  return reviewInput.parse({
    slug: slugs[productIndex],
    rating: "4",
    title: "Soft and sturdy",
    body: "Washed it ten times and it still looks new.",
    ...overrides,
  });
}

async function product(productIndex: number) {
  return db.prisma.product.findUniqueOrThrow({
    where: { id: store.productIds[productIndex]! },
    select: { ratingAverage: true, reviewCount: true },
  });
}

async function reindexEvents(productIndex: number) {
  return db.prisma.outboxEvent.count({
    where: { topic: SEARCH_UPSERT_TOPIC, aggregateId: store.productIds[productIndex]! },
  });
}

async function setRequireApproval(requireApproval: boolean) {
  await updateReviewSettings(db.prisma, admin, { requireApproval });
}

beforeAll(async () => {
  db = await createTestDatabase("reviews");
  store = await createStore(db.prisma, {
    variants: Array.from({ length: 8 }, () => ({ priceCents: 2000, stock: [10, 0] as [number, number] })),
  });
  const rows = await db.prisma.product.findMany({
    where: { id: { in: store.productIds } },
    select: { id: true, slug: true },
  });
  slugs = store.productIds.map((id) => rows.find((row) => row.id === id)!.slug);
  admin = { id: (await account({ role: "ADMIN" })).id, role: "ADMIN" };
  staff = { id: (await account({ role: "STAFF" })).id, role: "STAFF" };
});

beforeEach(async () => {
  await setRequireApproval(false);
});

afterAll(async () => {
  await db?.drop();
});

describe("writing a review", () => {
  it("publishes at once by default, updates the product's rating and count and queues its search document", async () => {
    const user = await account();
    const eventsBefore = await reindexEvents(0);
    const saved = await saveReview(db.prisma, user.id, input(0, { rating: "4" }));
    expect(saved).toMatchObject({ status: "PUBLISHED", created: true, verified: false, slug: slugs[0] });
    expect(await product(0)).toEqual({ ratingAverage: 4, reviewCount: 1 });
    expect(await reindexEvents(0)).toBe(eventsBefore + 1);

    const other = await account({ name: "Ada Lovelace" });
    await saveReview(db.prisma, other.id, input(0, { rating: "1" }));
    expect(await product(0)).toEqual({ ratingAverage: 2.5, reviewCount: 2 });
    expect(await getRatingSummary(db.prisma, store.productIds[0]!)).toEqual({
      average: 2.5,
      count: 2,
      distribution: [1, 0, 0, 1, 0],
    });
    // What the worker writes to the index for that event: the rating facet's field follows the product.
    const { documents } = await buildProductDocuments(db.prisma, [store.productIds[0]!]);
    expect(documents[0]).toMatchObject({ rating: 2.5, ratingFloor: 2, reviewCount: 2 });
  });

  it("allows one review per product per account: saving again edits it, and the aggregates follow", async () => {
    const user = await account();
    await saveReview(db.prisma, user.id, input(1, { rating: "5", title: "First" }));
    const again = await saveReview(db.prisma, user.id, input(1, { rating: "2", title: "Second thoughts" }));
    expect(again.created).toBe(false);
    const rows = await db.prisma.review.findMany({ where: { productId: store.productIds[1]!, userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rating: 2, title: "Second thoughts", authorName: "Grace H." });
    expect(await product(1)).toEqual({ ratingAverage: 2, reviewCount: 1 });
  });

  it("two first reviews of one product by one account at once leave exactly one", async () => {
    const user = await account();
    const results = await Promise.allSettled([
      saveReview(db.prisma, user.id, input(7, { title: "A" })),
      saveReview(db.prisma, user.id, input(7, { title: "B" })),
    ]);
    for (const result of results) {
      if (result.status === "rejected") expect((result.reason as UserError).code).toBe("conflict");
    }
    expect(await db.prisma.review.count({ where: { productId: store.productIds[7]!, userId: user.id } })).toBe(1);
    expect((await product(7)).reviewCount).toBe(1);
  });

  it("the database refuses a second review of the product by the same account", async () => {
    const user = await account();
    await saveReview(db.prisma, user.id, input(2));
    await expect(
      db.prisma.review.create({
        data: { productId: store.productIds[2]!, userId: user.id, authorName: "Twin", rating: 3 },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
  });

  it("refuses an account whose email is not confirmed, and writes nothing", async () => {
    const user = await account({ verified: false });
    const before = { events: await reindexEvents(3), product: await product(3) };
    const error = await expectUserError(saveReview(db.prisma, user.id, input(3)), "email_unverified");
    expect(error.message).toMatch(/Confirm your email address/);
    expect(await db.prisma.review.count({ where: { userId: user.id } })).toBe(0);
    expect(await reindexEvents(3)).toBe(before.events);
    expect(await product(3)).toEqual(before.product);
  });

  it("refuses a product that is not for sale (draft or unknown)", async () => {
    const user = await account();
    await db.prisma.product.update({ where: { id: store.productIds[6]! }, data: { status: "DRAFT" } });
    await expectUserError(saveReview(db.prisma, user.id, input(6)), "not_found");
    await expectUserError(
      saveReview(db.prisma, user.id, reviewInput.parse({ ...input(0), rating: "3", slug: "no-such-product" })),
      "not_found",
    );
    expect(await db.prisma.review.count({ where: { userId: user.id } })).toBe(0);
  });

  it("keeps HTML as plain text, exactly as typed (line breaks too)", async () => {
    const user = await account();
    const body = '<script>alert("x")</script>\n<b>bold</b> & <img src=x onerror=alert(1)>';
    await saveReview(db.prisma, user.id, input(4, { title: "<i>Nice</i>", body }));
    const page = await listProductReviews(db.prisma, store.productIds[4]!, { limit: 10 });
    expect(page.items.find((item) => item.title === "<i>Nice</i>")?.body).toBe(body);
  });

  it("shows an account without a name as Customer, never its email", () => {
    expect(reviewAuthorName(null)).toBe("Customer");
    expect(reviewAuthorName("  ")).toBe("Customer");
    expect(reviewAuthorName("Grace Brewster Hopper")).toBe("Grace H.");
    expect(reviewAuthorName("Cher")).toBe("Cher");
  });

  it("deleting one's review removes it from the rating and queues the search document", async () => {
    const user = await account();
    await saveReview(db.prisma, user.id, input(5, { rating: "5" }));
    const events = await reindexEvents(5);
    await deleteOwnReview(db.prisma, user.id, slugs[5]!);
    expect(await product(5)).toEqual({ ratingAverage: 0, reviewCount: 0 });
    expect(await reindexEvents(5)).toBe(events + 1);
    await expectUserError(deleteOwnReview(db.prisma, user.id, slugs[5]!), "not_found");
  });

  it("another account cannot delete someone's review", async () => {
    const author = await account();
    const stranger = await account();
    await saveReview(db.prisma, author.id, input(5, { rating: "3" }));
    await expectUserError(deleteOwnReview(db.prisma, stranger.id, slugs[5]!), "not_found");
    expect(await db.prisma.review.count({ where: { userId: author.id } })).toBe(1);
  });
});

describe("input limits", () => {
  const parse = (overrides: Record<string, unknown>) =>
    reviewInput.safeParse({
      slug: "a-tee",
      rating: "5",
      title: "Good",
      body: "Fits well and feels good.",
      ...overrides,
    });
  const errorOf = (result: ReturnType<typeof parse>, path: string) =>
    result.success ? null : result.error.issues.find((issue) => issue.path[0] === path)?.message;

  it("takes a rating of 1 to 5 only", () => {
    for (const rating of ["1", "5", " 3 "]) expect(parse({ rating }).success).toBe(true);
    for (const rating of ["0", "6", "4.5", "", "x", undefined]) {
      expect(errorOf(parse({ rating }), "rating")).toBe("Choose a rating from 1 to 5 stars.");
    }
  });

  it("limits the title and the text, counting what is kept after trimming", () => {
    expect(parse({ title: "x".repeat(REVIEW_TITLE_MAX) }).success).toBe(true);
    expect(errorOf(parse({ title: "x".repeat(REVIEW_TITLE_MAX + 1) }), "title")).toBe(
      `Keep the title to ${REVIEW_TITLE_MAX} characters or fewer.`,
    );
    expect(errorOf(parse({ title: "   " }), "title")).toBe("Enter title.");
    expect(parse({ body: "y".repeat(REVIEW_BODY_MAX) }).success).toBe(true);
    expect(errorOf(parse({ body: "y".repeat(REVIEW_BODY_MAX + 1) }), "body")).toBe(
      `Keep the review to ${REVIEW_BODY_MAX} characters or fewer.`,
    );
    expect(errorOf(parse({ body: "too short" }), "body")).toBe("Write at least 10 characters in the review.");
  });

  it("refuses control characters and broken Unicode, keeps line breaks", () => {
    expect(errorOf(parse({ body: "a\u0000b is a fine shirt" }), "body")).toMatch(/cannot be saved/);
    expect(errorOf(parse({ title: "bad \ud800" }), "title")).toMatch(/cannot be saved/);
    const ok = parse({ body: "Line one\r\nLine two\twith a tab" });
    expect(ok.success && ok.data.body).toBe("Line one\nLine two\twith a tab");
  });

  it("the settings form needs an explicit choice: an empty or forged form changes nothing", () => {
    expect(reviewSettingsInput.safeParse({}).success).toBe(false);
    expect(reviewSettingsInput.safeParse({ publishing: "on" }).success).toBe(false);
    expect(reviewSettingsInput.parse({ publishing: "after-approval" })).toEqual({ requireApproval: true });
    expect(reviewSettingsInput.parse({ publishing: "at-once" })).toEqual({ requireApproval: false });
  });

  it("the database refuses what the form would refuse", async () => {
    const user = await account();
    for (const data of [{ title: "t".repeat(REVIEW_TITLE_MAX + 1) }, { body: "b".repeat(REVIEW_BODY_MAX + 1) }]) {
      await expect(
        db.prisma.review.create({
          data: { productId: store.productIds[2]!, userId: user.id, authorName: "X", rating: 3, ...data },
        }),
      ).rejects.toThrow(/Review_text_length_check/);
    }
  });
});

describe("verified buyer", () => {
  it("is set by a paid, unrefunded order of the account containing the product, and recomputed on edit", async () => {
    const user = await account();
    await order(user.id, 3, { status: "PENDING_PAYMENT", paymentStatus: "PENDING" });
    await order(user.id, 2, { status: "PAID", paymentStatus: "PAID" }); // another product
    expect((await saveReview(db.prisma, user.id, input(3))).verified).toBe(false);

    const paid = await order(user.id, 3, { status: "FULFILLED", paymentStatus: "PAID" });
    expect(await isVerifiedBuyer(db.prisma, user.id, store.productIds[3]!)).toBe(true);
    expect((await saveReview(db.prisma, user.id, input(3, { title: "Edited" }))).verified).toBe(true);

    // Refunded later: the next edit recomputes it.
    await db.prisma.order.update({ where: { id: paid.id }, data: { paymentStatus: "REFUNDED", status: "REFUNDED" } });
    expect((await saveReview(db.prisma, user.id, input(3, { title: "Edited again" }))).verified).toBe(false);
    const stored = await db.prisma.review.findFirstOrThrow({
      where: { userId: user.id, productId: store.productIds[3]! },
    });
    expect(stored.verified).toBe(false);
  });

  it("follows the order after the review: lost on a refund or cancellation, back when a refund is undone", async () => {
    const user = await account();
    const paid = await order(user.id, 5, { status: "FULFILLED", paymentStatus: "PAID" });
    expect((await saveReview(db.prisma, user.id, input(5))).verified).toBe(true);
    const verifiedNow = async () =>
      (await db.prisma.review.findFirstOrThrow({ where: { userId: user.id, productId: store.productIds[5]! } }))
        .verified;
    // As the refund, cancellation and payment code do in their transactions; then the worker's handlers of
    // the topic (the co-purchase counts follow the same event).
    const standingChanged = async (data: Parameters<typeof db.prisma.order.update>[0]["data"]) => {
      await db.prisma.order.update({ where: { id: paid.id }, data });
      await enqueue(db.prisma, { topic: ORDER_STANDING_TOPIC, aggregateId: paid.id, payload: { orderId: paid.id } });
      const handlers = mergeOutboxHandlers(recommendationOutboxHandlers(db.prisma), reviewOutboxHandlers(db.prisma));
      expect(await claimProcessBatch(db.prisma, handlers)).toMatchObject({ retrying: 0, dead: 0 });
    };

    await standingChanged({ paymentStatus: "PARTIALLY_REFUNDED", refundedCents: 500 });
    expect(await verifiedNow()).toBe(false);
    await standingChanged({}); // a replay changes nothing
    expect(await verifiedNow()).toBe(false);
    await standingChanged({ paymentStatus: "PAID", refundedCents: 0 }); // the refund failed at the provider
    expect(await verifiedNow()).toBe(true);
    await standingChanged({ status: "CANCELLED" });
    expect(await verifiedNow()).toBe(false);
  });

  it("does not count refunded, partly refunded, cancelled or unpaid orders, nor another account's", async () => {
    const user = await account();
    const someoneElse = await account();
    await order(user.id, 4, { status: "REFUNDED", paymentStatus: "REFUNDED" });
    await order(user.id, 4, { status: "PAID", paymentStatus: "PARTIALLY_REFUNDED" });
    await order(user.id, 4, { status: "CANCELLED", paymentStatus: "PAID" });
    await order(user.id, 4, { status: "PENDING_PAYMENT", paymentStatus: "PENDING" });
    await order(someoneElse.id, 4, { status: "PAID", paymentStatus: "PAID" });
    expect(await isVerifiedBuyer(db.prisma, user.id, store.productIds[4]!)).toBe(false);
    expect(await isVerifiedBuyer(db.prisma, someoneElse.id, store.productIds[4]!)).toBe(true);
  });
});

describe("moderation", () => {
  it("with approval required, a review waits: not shown, not counted, no search update, until approved", async () => {
    await setRequireApproval(true);
    expect((await readReviewSettings(db.prisma)).requireApproval).toBe(true);
    const user = await account();
    const before = { product: await product(6), events: await reindexEvents(6) };
    await db.prisma.product.update({ where: { id: store.productIds[6]! }, data: { status: "ACTIVE" } });
    const saved = await saveReview(db.prisma, user.id, input(6, { rating: "5" }));
    expect(saved.status).toBe("PENDING");
    expect(await product(6)).toEqual(before.product);
    expect(await reindexEvents(6)).toBe(before.events);
    expect((await listProductReviews(db.prisma, store.productIds[6]!, { limit: 10 })).total).toBe(0);

    const queue = await listReviewsForModeration(db.prisma, { status: null, page: 1 });
    expect(queue.rows[0]?.status).toBe("PENDING");
    expect(queue.pending).toBeGreaterThanOrEqual(1);

    const approved = await moderateReview(db.prisma, staff, { reviewId: saved.id, decision: "approve" });
    expect(approved).toEqual({ slug: slugs[6], status: "PUBLISHED", changed: true });
    expect(await product(6)).toEqual({ ratingAverage: 5, reviewCount: 1 });
    expect(await reindexEvents(6)).toBe(before.events + 1);
    const audit = await db.prisma.auditLog.findMany({ where: { entityType: "Review", entityId: saved.id } });
    expect(audit.map((entry) => [entry.action, entry.actorId, entry.data])).toEqual([
      ["review.approve", staff.id, { from: "PENDING", to: "PUBLISHED", productId: store.productIds[6] }],
    ]);

    // An edit goes back to the queue while approval is required.
    expect((await saveReview(db.prisma, user.id, input(6, { rating: "1" }))).status).toBe("PENDING");
    expect(await product(6)).toEqual({ ratingAverage: 0, reviewCount: 0 });
  });

  it("hiding a published review takes it out of the rating; the author's edit keeps it hidden", async () => {
    const user = await account();
    const saved = await saveReview(db.prisma, user.id, input(0, { rating: "3" }));
    const countBefore = (await product(0)).reviewCount;
    await moderateReview(db.prisma, staff, { reviewId: saved.id, decision: "hide" });
    expect((await product(0)).reviewCount).toBe(countBefore - 1);
    expect((await saveReview(db.prisma, user.id, input(0, { rating: "5" }))).status).toBe("HIDDEN");
    expect((await product(0)).reviewCount).toBe(countBefore - 1);
    // Deciding again what is already so writes nothing.
    const audits = await db.prisma.auditLog.count({ where: { entityId: saved.id } });
    expect((await moderateReview(db.prisma, staff, { reviewId: saved.id, decision: "hide" })).changed).toBe(false);
    expect(await db.prisma.auditLog.count({ where: { entityId: saved.id } })).toBe(audits);
  });

  it("only staff moderate and only administrators change the setting", async () => {
    const customer = await account();
    const review = await saveReview(db.prisma, customer.id, input(1, { rating: "4" }));
    await expectUserError(
      moderateReview(db.prisma, { id: customer.id, role: "CUSTOMER" }, { reviewId: review.id, decision: "hide" }),
      "forbidden",
    );
    await expectUserError(updateReviewSettings(db.prisma, staff, { requireApproval: true }), "forbidden");
    await expectUserError(
      moderateReview(db.prisma, staff, { reviewId: "c".repeat(24), decision: "approve" }),
      "not_found",
    );
    expect((await readReviewSettings(db.prisma)).requireApproval).toBe(false);
    const audit = await db.prisma.auditLog.findFirst({
      where: { action: "review.settings.update" },
      orderBy: { createdAt: "desc" },
    });
    expect(audit).toMatchObject({ actorId: admin.id, entityType: "ReviewSettings", entityId: "default" });
  });
});

describe("one transaction", () => {
  it("a failure while queueing the search update leaves no review and the rating unchanged", async () => {
    const user = await account();
    const before = await product(2);
    await db.prisma.$executeRawUnsafe(`
      CREATE FUNCTION refuse_outbox() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'outbox refused'; END $$ LANGUAGE plpgsql`);
    await db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER refuse_outbox BEFORE INSERT ON "OutboxEvent" FOR EACH ROW EXECUTE FUNCTION refuse_outbox()`,
    );
    try {
      await expect(saveReview(db.prisma, user.id, input(2, { rating: "1" }))).rejects.toThrow(/outbox refused/);
    } finally {
      await db.prisma.$executeRawUnsafe(`DROP TRIGGER refuse_outbox ON "OutboxEvent"`);
      await db.prisma.$executeRawUnsafe(`DROP FUNCTION refuse_outbox()`);
    }
    expect(await db.prisma.review.count({ where: { userId: user.id } })).toBe(0);
    expect(await product(2)).toEqual(before);
  });
});

describe("reading reviews", () => {
  it("sorts newest, highest, lowest and verified first, and pages beyond the first page", async () => {
    const productId = store.productIds[7]!;
    const base = Date.parse("2026-01-01T00:00:00Z");
    await db.prisma.review.createMany({
      data: [1, 5, 3, 4, 2].map((rating, index) => ({
        productId,
        authorName: `Seeded ${index}`,
        rating,
        verified: index === 0,
        createdAt: new Date(base + index * 60_000),
      })),
    });
    await db.prisma.review.create({
      data: { productId, authorName: "Hidden", rating: 5, status: "HIDDEN", createdAt: new Date(base + 3_600_000) },
    });
    const names = async (sort: "newest" | "highest" | "lowest" | "verified", offset = 0, limit = 10) =>
      (await listProductReviews(db.prisma, productId, { limit, offset, sort })).items
        .filter((item) => item.authorName.startsWith("Seeded"))
        .map((item) => item.authorName);
    expect(await names("newest")).toEqual(["Seeded 4", "Seeded 3", "Seeded 2", "Seeded 1", "Seeded 0"]);
    expect(await names("highest")).toEqual(["Seeded 1", "Seeded 3", "Seeded 2", "Seeded 4", "Seeded 0"]);
    expect(await names("lowest")).toEqual(["Seeded 0", "Seeded 4", "Seeded 2", "Seeded 3", "Seeded 1"]);
    expect((await names("verified"))[0]).toBe("Seeded 0");
    const all = await listProductReviews(db.prisma, productId, { limit: 100 });
    expect(all.items.map((item) => item.authorName)).not.toContain("Hidden");
    const second = await listProductReviews(db.prisma, productId, { limit: 2, offset: 2, sort: "lowest" });
    expect(second.total).toBe(all.total);
    expect(second.items).toHaveLength(2);
  });
});

// npm run test:instances: the store as several instances (tests/instances/cluster.ts: two web servers, two
// workers, one PostgreSQL, Meilisearch, Redis and S3 API server), checked through HTTP only:
//   1. an admin price change on A shows on B, and B serves the page from the shared cache (B's own
//      statements in PostgreSQL's statement log never read the product);
//   2. an image uploaded through A is served by B (from the bucket);
//   3. A's session cookie works on B; a sign-in limit counted on A holds on B;
//   4. 20 orders across both instances with two workers: exactly 20 confirmation emails, 20 stock sales;
//   5. SIGTERM on A during a burst: every request A started answering is answered in full; A exits 0;
//   6. the database stopped: readiness 503 naming it, cached pages still served, the cart says it cannot be
//      loaded right now, checkout refuses with a clear message; all back without a restart;
//   7. web server and worker killed (SIGKILL) during 200 checkouts and payments: after restarting them and
//      one sweep every stock and outbox invariant holds and each paid order has one confirmation email.
// The database is read directly only to prepare inputs (an admin form's fields) and to check invariants.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getProductForEdit, productToFormValues } from "@/lib/catalog/admin/read";
import { formatMoney } from "@/lib/money";
import { redisAvailable } from "../helpers/redis";
import { ADMIN_EMAIL, ADMIN_PASSWORD, startCluster, type Cluster } from "./cluster";
import { actionId, uniqueAddress, Visitor } from "./http";

const available = redisAvailable();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.log(`[instances] ${line}`);

const ACTIONS = {
  addToCart: () => actionId("app/(store)/cart/actions.ts", "addToCartAction"),
  contact: () => actionId("app/(store)/checkout/actions.ts", "saveContactAction"),
  address: () => actionId("app/(store)/checkout/actions.ts", "saveAddressAction"),
  delivery: () => actionId("app/(store)/checkout/actions.ts", "saveDeliveryAction"),
  placeOrder: () => actionId("app/(store)/checkout/actions.ts", "placeOrderAction"),
  pay: () => actionId("app/(store)/checkout/actions.ts", "payWithTestCardAction"),
  updateProduct: () => actionId("app/admin/products/actions.ts", "updateProductAction"),
};

/** Polls until `check` returns a value, at most `timeoutMs`. */
async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (${String(last)})` : ""}`);
    await sleep(100);
  }
}

interface PlacedOrder {
  orderId: string;
  paid: boolean;
}

/** A guest's whole checkout through server actions: cart, contact, address, delivery, place, pay. */
async function checkout(visitor: Visitor, variantId: string, quantity = 1, pay = true): Promise<PlacedOrder | null> {
  const email = `shopper-${visitor.address.replaceAll(".", "-")}@instances.test`;
  const added = await visitor.action("/cart", ACTIONS.addToCart(), { variantId, quantity: String(quantity) });
  if (!added.result?.ok) return null;
  const steps: [string, string, Record<string, string>][] = [
    ["/checkout", ACTIONS.contact(), { email }],
    [
      "/checkout/shipping",
      ACTIONS.address(),
      {
        firstName: "Grace",
        lastName: "Hopper",
        line1: "2 Navy Way",
        city: "Arlington",
        region: "VA",
        postalCode: "22202",
        country: "US",
      },
    ],
    ["/checkout/delivery", ACTIONS.delivery(), { shippingMethod: "STANDARD" }],
  ];
  for (const [page, id, fields] of steps) {
    const answer = await visitor.action(page, id, fields);
    if (answer.result && !answer.result.ok) throw new Error(`${page}: ${answer.result.error}`);
  }
  const placed = await visitor.action("/checkout/review", ACTIONS.placeOrder());
  const payPath = placed.redirect;
  if (!payPath?.startsWith("/checkout/pay/")) {
    if (placed.result?.code === "out_of_stock") return null;
    throw new Error(`place order: ${placed.status} ${placed.result?.error ?? placed.text.slice(0, 300)}`);
  }
  const paymentId = decodeURIComponent(payPath.split("/").at(-1)!.split("?")[0]!);
  if (!pay) return { orderId: paymentId, paid: false };
  const paid = await visitor.action(payPath, ACTIONS.pay(), { paymentId, cardNumber: "4242424242424242" });
  if (!paid.redirect) throw new Error(`pay: ${paid.status} ${paid.result?.error ?? paid.text.slice(0, 300)}`);
  return { orderId: paymentId, paid: true };
}

describe.skipIf(!available)("the store as several instances", () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await startCluster(log);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it("1. an admin price change on A shows on B, served by B from the shared cache", async () => {
    const { db, webA, webB } = cluster;
    const product = await db.product.findFirstOrThrow({
      where: { status: "ACTIVE" },
      orderBy: [{ reviewCount: "desc" }, { id: "asc" }],
      include: { variants: true },
    });
    const page = `/products/${product.slug}`;
    const shopperA = new Visitor(webA.baseURL);
    const shopperB = new Visitor(webB.baseURL);
    const before = formatMoney(product.variants[0]!.priceCents, product.currency);
    for (const shopper of [shopperA, shopperB]) {
      const answer = await shopper.get(page);
      expect(answer.status).toBe(200);
      expect(answer.text).toContain(before);
    }

    const admin = new Visitor(webA.baseURL);
    expect(await admin.signIn(ADMIN_EMAIL, ADMIN_PASSWORD)).toMatchObject({ ok: true });
    const form = productToFormValues((await getProductForEdit(db, product.id))!);
    const newCents = product.variants[0]!.priceCents + 1_234;
    const after = formatMoney(newCents, product.currency);
    for (const key of Object.keys(form))
      if (/^variants\.\d+\.price$/.test(key)) form[key] = (newCents / 100).toFixed(2);
    const saved = await admin.action(`/admin/products/${product.id}`, ACTIONS.updateProduct(), {
      ...form,
      productId: product.id,
    });
    expect(saved.result, saved.text.slice(0, 500)).toMatchObject({ ok: true });
    const changedAt = Date.now();

    // A re-renders the page first (a shopper there), putting the fresh entries in Redis.
    await eventually("the new price on A", async () => (await shopperA.get(page)).text.includes(after));
    await cluster.statementLog(true);
    const logStart = cluster.pgLog.text.length;
    const seenOnB = await eventually(
      "the new price on B",
      async () => (await shopperB.get(page)).text.includes(after) && Date.now(),
      30_000,
    );
    log(`new price on B ${seenOnB - changedAt} ms after the save returned on A`);
    expect(seenOnB - changedAt).toBeLessThanOrEqual(2_000);
    // Served again from B's cache.
    expect((await shopperB.get(page)).text).toContain(after);
    await sleep(300);
    await cluster.statementLog(false);
    const statementsOfB = cluster.pgLog.text
      .slice(logStart)
      .split("\n")
      .filter((line) => line.startsWith("[web-b]") && /statement|execute/.test(line));
    log(`B's statements while it switched to the new price: ${statementsOfB.length}`);
    // B read stock (never cached) but not the product: that came from the cache A filled.
    expect(statementsOfB.filter((line) => /FROM "public"\."Product"/.test(line))).toEqual([]);
  });

  it("2. an image uploaded through A is served by B", async () => {
    const { db, webA, webB, s3 } = cluster;
    const product = await db.product.findFirstOrThrow({ where: { status: "ACTIVE" }, orderBy: { id: "desc" } });
    const admin = new Visitor(webA.baseURL);
    expect(await admin.signIn(ADMIN_EMAIL, ADMIN_PASSWORD)).toMatchObject({ ok: true });
    const png = Buffer.from(
      "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
      "hex",
    );
    const form = new FormData();
    form.set("file", new File([png], "pixel.png", { type: "image/png" }));
    form.set("alt", "A pixel");
    const uploaded = await admin.request(`/api/admin/products/${product.id}/images`, { method: "POST", body: form });
    expect(uploaded.status, uploaded.text).toBe(201);
    const url = (JSON.parse(uploaded.text) as { image: { url: string } }).image.url;
    expect(await s3.keys()).toContain(url.replace(/^\/media\//, ""));

    const fromB = await fetch(new URL(url, webB.baseURL));
    expect(fromB.status).toBe(200);
    expect(Buffer.from(await fromB.arrayBuffer())).toEqual(png);
    expect(fromB.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("3. a session from A works on B, and a sign-in limit counted on A holds on B", async () => {
    const { webA, webB } = cluster;
    const admin = new Visitor(webA.baseURL);
    expect(await admin.signIn(ADMIN_EMAIL, ADMIN_PASSWORD)).toMatchObject({ ok: true });
    admin.baseURL = webB.baseURL;
    const session = JSON.parse((await admin.get("/api/auth/session")).text) as { user?: { email?: string } };
    expect(session.user?.email).toBe(ADMIN_EMAIL);
    expect((await admin.get("/admin")).status).toBe(200);

    // The sixth failed sign-in within a minute from one address is refused (SIGN_IN_POLICY.ip): five on A,
    // the sixth on B.
    const address = uniqueAddress();
    for (let attempt = 0; attempt < 5; attempt++) {
      const guesser = new Visitor(webA.baseURL, address);
      expect((await guesser.signIn(`nobody-${attempt}@instances.test`, "wrong-password-123")).error).toBe(
        "CredentialsSignin",
      );
    }
    const onB = await new Visitor(webB.baseURL, address).signIn("nobody-6@instances.test", "wrong-password-123");
    expect(onB.error).toMatch(/^RateLimited/);
    // Another address is not affected.
    expect((await new Visitor(webB.baseURL).signIn("nobody-7@instances.test", "wrong-password-123")).error).toBe(
      "CredentialsSignin",
    );
  });
});

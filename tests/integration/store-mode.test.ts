// Demo mode is explicit, never a fallback: how the mode is decided, and what a production store refuses
// (placing orders without a payment provider, test payments, the dev mailbox, pretending to send email)
// against a real PostgreSQL. The suites run as a demo store (vitest.config.ts); each test here that needs
// production mode switches STORE_MODE itself.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { placeOrder } from "@/lib/checkout/place-order";
import { devMailboxEnabled, emailTransport } from "@/lib/email/config";
import { emailHandlers } from "@/lib/email/outbox-handlers";
import { ORDER_CONFIRMATION_TOPIC } from "@/lib/outbox/topics";
import { deliver, EmailNotConfiguredError } from "@/lib/email/transport";
import { decideStoreMode, storeMode } from "@/lib/ops/store-mode";
import { readinessProblems, startupErrors } from "@/lib/readiness/checks";
import { claimProcessBatch, enqueue } from "@/lib/outbox";
import { activePaymentProvider, paymentProviderFor } from "@/lib/payments/provider";
import { payWithTestCard, retrieveTestPayment } from "@/lib/checkout/test-card-payment";
import { testPaymentProvider } from "@/lib/payments/test-provider";
import { refundOrder } from "@/lib/orders/refund-order";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { checkoutInput, createCart, createStore, placeOrderFor, snapshot } from "../helpers/checkout-fixture";

let db: TestDatabase;
let prisma: Db;
let variantIds: string[];

beforeAll(async () => {
  db = await createTestDatabase("store_mode");
  prisma = db.prisma;
  ({ variantIds } = await createStore(prisma, { variants: [{ priceCents: 2500, stock: [50, 0] }] }));
});
afterAll(async () => {
  await db?.drop();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** Production mode with no payment provider and no SMTP, whatever the machine's environment holds. */
function productionWithoutProviders() {
  vi.stubEnv("STORE_MODE", "production");
  vi.stubEnv("STRIPE_SECRET_KEY", "");
  vi.stubEnv("SMTP_URL", "");
}

async function expectUserError(promise: Promise<unknown>, code: string): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
  return error as UserError;
}

describe("the store's mode", () => {
  it("is demo on the embedded database and production on DATABASE_URL, unless STORE_MODE says otherwise", () => {
    expect(decideStoreMode({})).toEqual({ mode: "demo", reason: "embedded database" });
    expect(decideStoreMode({ DATABASE_URL: "postgresql://db/store" })).toEqual({
      mode: "production",
      reason: "DATABASE_URL is set",
    });
    // Forcing production on the embedded database (to try a production store locally), and demo on a server.
    expect(decideStoreMode({ STORE_MODE: "production" }).mode).toBe("production");
    expect(decideStoreMode({ STORE_MODE: "demo", DATABASE_URL: "postgresql://db/store" }).mode).toBe("demo");
    // A typo is refused, not read as one mode or the other.
    expect(() => decideStoreMode({ STORE_MODE: "prod" })).toThrow('STORE_MODE must be "demo" or "production"');
  });

  it("is production in any process that was not told demo (a bare `next start`)", () => {
    expect(storeMode({})).toBe("production");
    expect(storeMode({ STORE_MODE: "production" })).toBe("production");
    expect(storeMode({ STORE_MODE: "Demo" })).toBe("production");
    expect(storeMode({ STORE_MODE: "demo" })).toBe("demo");
  });

  it("decides which payment provider and mail transport exist", () => {
    expect(activePaymentProvider({ STORE_MODE: "demo" })?.id).toBe("TEST");
    expect(activePaymentProvider({ STORE_MODE: "production" })).toBeNull();
    expect(activePaymentProvider({ STORE_MODE: "production", STRIPE_SECRET_KEY: "sk_live_x" })?.id).toBe("STRIPE");
    expect(emailTransport({ STORE_MODE: "demo" })).toBe("dev-mailbox");
    expect(emailTransport({ STORE_MODE: "production" })).toBe("none");
    expect(emailTransport({ STORE_MODE: "production", SMTP_URL: "smtp://mail:25" })).toBe("smtp");
    expect(devMailboxEnabled({ STORE_MODE: "demo" })).toBe(true);
    expect(devMailboxEnabled({ STORE_MODE: "demo", SMTP_URL: "smtp://mail:25" })).toBe(false);
    expect(devMailboxEnabled({ STORE_MODE: "production" })).toBe(false);
  });

  it("lists what keeps a production store from selling, and nothing for a demo or a configured store", () => {
    expect(readinessProblems({ STORE_MODE: "production" }).map((problem) => problem.id)).toEqual(["payments", "email"]);
    expect(readinessProblems({ STORE_MODE: "production" })[0]!.title).toBe(
      "This store cannot take payments: checkout refuses every order.",
    );
    expect(readinessProblems({ STORE_MODE: "demo" })).toEqual([]);
    expect(
      readinessProblems({
        STORE_MODE: "production",
        STRIPE_SECRET_KEY: "sk_live_x",
        STRIPE_WEBHOOK_SECRET: "whsec_x",
        SMTP_URL: "smtp://mail:25",
      }),
    ).toEqual([]);
    expect(
      readinessProblems({ STORE_MODE: "production", STRIPE_SECRET_KEY: "sk_live_x", SMTP_URL: "smtp://m:25" }).map(
        (problem) => problem.id,
      ),
    ).toEqual(["stripe_webhook"]);
  });

  it("refuses to start production without a real NEXTAUTH_SECRET, and any mode with a weak ADMIN_PASSWORD", () => {
    expect(startupErrors("production", {})[0]).toMatch(/^Production mode needs NEXTAUTH_SECRET/);
    expect(startupErrors("production", { NEXTAUTH_SECRET: "short-secret" })[0]).toMatch(/too short/);
    expect(startupErrors("production", { NEXTAUTH_SECRET: "x".repeat(44) })).toEqual([]);
    expect(startupErrors("demo", {})).toEqual([]);
    expect(startupErrors("demo", { ADMIN_PASSWORD: "admin" })[0]).toMatch(
      /^ADMIN_PASSWORD is not a valid password: Use at least 10 characters\./,
    );
  });
});

describe("npm start", () => {
  // Run for real: each refusal happens before anything starts (no database, no build), so these are quick.
  function start(env: Record<string, string>, script = "scripts/start.ts") {
    const dataDir = mkdtempSync(path.join(tmpdir(), "store-start-"));
    try {
      const result = spawnSync(process.execPath, ["--import", "tsx", script], {
        env: {
          NODE_ENV: "production",
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATA_DIR: path.join(dataDir, "data"),
          DATABASE_URL: "",
          NEXTAUTH_SECRET: "",
          ADMIN_PASSWORD: "",
          ...env,
        },
        encoding: "utf8",
        timeout: 60_000,
      });
      return { status: result.status, output: `${result.stdout}${result.stderr}` };
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  it("refuses production mode without NEXTAUTH_SECRET, saying why and how to fix it", () => {
    const { status, output } = start({ STORE_MODE: "production" });
    expect(status).toBe(1);
    expect(output).toContain("Refusing to start in production mode (STORE_MODE=production)");
    expect(output).toContain("Production mode needs NEXTAUTH_SECRET");
    expect(output).not.toContain("Starting the embedded PostgreSQL");
  });

  it("npm run start:web: a second instance is refused without the shared NEXTAUTH_SECRET, before it looks for a build", () => {
    // DATABASE_URL set (an instance of a deployment, not the embedded database): production mode by default.
    // Nothing listens on port 1: the refusal comes before any connection is made.
    const databaseUrl = "postgresql://store@127.0.0.1:1/storefront";
    const envs: Record<string, string>[] = [
      { DATABASE_URL: databaseUrl },
      { DATABASE_URL: databaseUrl, STORE_MODE: "production" },
    ];
    for (const env of envs) {
      const { status, output } = start(env, "scripts/start-web.ts");
      expect(status, output).toBe(1);
      expect(output).toMatch(/Refusing to start in production mode \((DATABASE_URL is set|STORE_MODE=production)\)/);
      expect(output).toContain("Production mode needs NEXTAUTH_SECRET");
      expect(output).not.toContain("production build");
    }
    const { status, output } = start({}, "scripts/start-web.ts");
    expect(status).toBe(1);
    expect(output).toContain("npm run start:web needs DATABASE_URL");
  });

  it("refuses an ADMIN_PASSWORD that breaks the password rules, and an unknown STORE_MODE", () => {
    const weak = start({ ADMIN_PASSWORD: "admin123" });
    expect(weak.status).toBe(1);
    expect(weak.output).toContain("ADMIN_PASSWORD is not a valid password: Use at least 10 characters.");
    const typo = start({ STORE_MODE: "live" });
    expect(typo.status).toBe(1);
    expect(typo.output).toContain('STORE_MODE must be "demo" or "production" (it is "live").');
  });
});

describe("a production store without a payment provider", () => {
  it("places no order and writes nothing: not the order, not the stock, not the cart", async () => {
    const cartId = await createCart(prisma, [{ variantId: variantIds[0]!, quantity: 2 }]);
    const before = await snapshot(prisma);
    const cartBefore = await prisma.cart.findUniqueOrThrow({ where: { id: cartId }, include: { lines: true } });
    productionWithoutProviders();
    const error = await expectUserError(placeOrder(prisma, checkoutInput(cartId)), "payments_unavailable");
    expect(error.message).toBe(
      "This store cannot take payments right now, so no order was placed and nothing was charged. Please try again later.",
    );
    expect(await snapshot(prisma)).toEqual(before);
    expect(await prisma.cart.findUniqueOrThrow({ where: { id: cartId }, include: { lines: true } })).toEqual(
      cartBefore,
    );
    // The same checkout goes through in demo mode.
    vi.unstubAllEnvs();
    const { order } = await placeOrder(prisma, checkoutInput(cartId));
    expect(order.status).toBe("PENDING_PAYMENT");
  });

  it("refuses test payments (starting one, the pay page, paying with a test card) and writes nothing", async () => {
    const placed = await placeOrderFor(prisma, [{ variantId: variantIds[0]!, quantity: 1 }]);
    const started = await testPaymentProvider.startPayment(prisma, placed.order.id, {
      successUrl: "/s",
      cancelUrl: "/c",
    });
    const before = await snapshot(prisma);

    productionWithoutProviders();
    const result = await payWithTestCard(prisma, { paymentId: started.paymentId, cardNumber: "4242 4242 4242 4242" });
    expect(result).toEqual({
      ok: false,
      error: "test_payments_disabled",
      message: "Test payments are not accepted: this store is in production mode.",
    });
    expect(await retrieveTestPayment(prisma, started.paymentId)).toBeNull();
    await expectUserError(
      testPaymentProvider.startPayment(prisma, placed.order.id, { successUrl: "/s", cancelUrl: "/c" }),
      "payments_unavailable",
    );
    expect(await snapshot(prisma)).toEqual(before);
    const order = await prisma.order.findUniqueOrThrow({ where: { id: placed.order.id } });
    expect(order.status).toBe("PENDING_PAYMENT");
  });

  it("still lets the seller refund a TEST payment taken while the store was a demo", async () => {
    const placed = await placeOrderFor(prisma, [{ variantId: variantIds[0]!, quantity: 1 }]);
    const started = await testPaymentProvider.startPayment(prisma, placed.order.id, {
      successUrl: "/s",
      cancelUrl: "/c",
    });
    expect(
      await payWithTestCard(prisma, { paymentId: started.paymentId, cardNumber: "4242424242424242" }),
    ).toMatchObject({
      ok: true,
    });
    const admin = await prisma.user.create({ data: { email: "refunds@example.com", role: "ADMIN" } });

    productionWithoutProviders();
    expect(paymentProviderFor("TEST").id).toBe("TEST");
    const outcome = await refundOrder(
      prisma,
      { id: admin.id, role: "ADMIN" },
      {
        orderId: placed.order.id,
        amountCents: 2500,
        reason: "requested_by_customer",
        requestKey: "refund:store-mode-test-0001",
      },
    );
    expect(outcome).toMatchObject({ outcome: "refunded", amountCents: 2500 });
    const order = await prisma.order.findUniqueOrThrow({ where: { id: placed.order.id } });
    expect(order.refundedCents).toBe(2500);
  });
});

describe("email in production mode without SMTP_URL", () => {
  async function paidOrderEmail(): Promise<string> {
    const placed = await placeOrderFor(prisma, [{ variantId: variantIds[0]!, quantity: 1 }]);
    const id = `confirmation-${placed.order.id}`;
    await enqueue(prisma, {
      topic: ORDER_CONFIRMATION_TOPIC,
      aggregateId: placed.order.id,
      payload: { orderId: placed.order.id },
      dedupeKey: id,
    });
    return id;
  }

  it("is never reported delivered: the events stay pending, no attempt used, until SMTP is configured", async () => {
    const dedupeKey = await paidOrderEmail();
    productionWithoutProviders();
    await expect(deliver({ to: "a@example.com", subject: "s", text: "t", html: "<p>t</p>" })).rejects.toBeInstanceOf(
      EmailNotConfiguredError,
    );
    const batch = await claimProcessBatch(prisma, emailHandlers(prisma));
    expect(batch.claimed).toBe(0);
    const event = await prisma.outboxEvent.findUniqueOrThrow({ where: { dedupeKey } });
    expect(event).toMatchObject({ status: "PENDING", attempts: 0, processedAt: null });

    // A demo store's worker "delivers" it into the development mailbox (marks it done).
    vi.unstubAllEnvs();
    vi.stubEnv("SMTP_URL", "");
    const demo = await claimProcessBatch(prisma, emailHandlers(prisma));
    expect(demo.done).toBeGreaterThanOrEqual(1);
    expect((await prisma.outboxEvent.findUniqueOrThrow({ where: { dedupeKey } })).status).toBe("DONE");
  });
});

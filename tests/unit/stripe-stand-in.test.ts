// The local stand-in for api.stripe.com holds requests to what Stripe documents, through the real SDK:
// unknown or missing Checkout Session parameters at every level, metadata limits, idempotent replays of
// every saved answer (500s included) and the idempotency_error for a reused key with other parameters,
// a dropped connection that saves nothing, and a free port per server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { interfaceParams } from "../helpers/stripe-api-params";
import { startStripeStandIn, type StripeStandIn } from "../helpers/stripe-stand-in";

let standIn: StripeStandIn;
let stripe: Stripe;

beforeAll(async () => {
  standIn = await startStripeStandIn();
  stripe = new Stripe("sk_test_stand_in_unit", {
    host: "127.0.0.1",
    port: standIn.port,
    protocol: "http",
    // As the store's client (lib/payments/stripe-client.ts): POSTs are retried with their idempotency key.
    maxNetworkRetries: 2,
    telemetry: false,
  });
});
afterAll(async () => {
  await standIn?.close();
});

/** A session as the store asks for one (lib/payments/stripe-checkout-session.ts checkoutSessionParams). */
function session(overrides: Record<string, unknown> = {}): Stripe.Checkout.SessionCreateParams {
  return {
    mode: "payment",
    line_items: [
      { quantity: 2, price_data: { currency: "usd", unit_amount: 1250, product_data: { name: "Tee – M" } } },
    ],
    customer_email: "ada@example.com",
    client_reference_id: "ord_1",
    metadata: { orderId: "ord_1", orderNumber: "1001" },
    payment_intent_data: { metadata: { orderId: "ord_1" }, description: "Order #1001" },
    expires_at: Math.floor(Date.now() / 1000) + 3600,
    success_url: "http://localhost:3000/checkout/success",
    cancel_url: "http://localhost:3000/cart",
    ...overrides,
  };
}

/** The error a call ends with (Stripe's error type, code, param and message). */
async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Stripe.errors.StripeError);
  const { type, code, param, message, statusCode } = error as InstanceType<typeof Stripe.errors.StripeError>;
  return { type, code, param, message, statusCode };
}

/** A line item loose enough to take the unknown, missing and broken parameters these tests send. */
interface LooseLineItem {
  [parameter: string]: unknown;
  price_data: { [parameter: string]: unknown; product_data: Record<string, unknown> };
}

const lineWith = (change: (item: LooseLineItem) => void) => {
  const item = structuredClone(session().line_items![0]!) as unknown as LooseLineItem;
  change(item);
  return { line_items: [item] };
};

describe("parameters, read from the SDK's types", () => {
  it("knows the Checkout Session parameters and which are required", () => {
    const source = `export declare namespace Checkout {
    interface SessionCreateParams {
        /**
         * The mode { of the session }.
         */
        mode?: SessionCreateParams.Mode;
        line_items?: Array<SessionCreateParams.LineItem>;
        custom_text?: {
            shipping_address?: string;
        };
    }
    namespace SessionCreateParams {
        interface LineItem {
            price_data?: LineItem.PriceData;
        }
        namespace LineItem {
            interface PriceData {
                currency: string;
            }
        }
    }
}`;
    expect([...interfaceParams(source, ["Checkout", "SessionCreateParams"]).names]).toEqual([
      "mode",
      "line_items",
      "custom_text",
    ]);
    expect(interfaceParams(source, ["Checkout", "SessionCreateParams", "LineItem", "PriceData"])).toEqual({
      names: new Set(["currency"]),
      required: new Set(["currency"]),
    });
    expect(() => interfaceParams(source, ["Checkout", "Nothing"])).toThrow(/no interface Checkout.Nothing/);
  });
});

describe("Checkout Session requests", () => {
  it("creates a session from the store's parameters", async () => {
    const created = await stripe.checkout.sessions.create(session());
    expect(created).toMatchObject({ object: "checkout.session", amount_total: 2500, currency: "usd", status: "open" });
  });

  it.each([
    ["an unknown top-level parameter", session({ colour: "red" }), "parameter_unknown", "colour"],
    [
      "an unknown line item parameter",
      session(lineWith((item) => (item.discount = 5))),
      "parameter_unknown",
      "line_items[0][discount]",
    ],
    [
      "an unknown price_data parameter",
      session(lineWith((item) => (item.price_data.amount = 5))),
      "parameter_unknown",
      "line_items[0][price_data][amount]",
    ],
    [
      "an unknown product_data parameter",
      session(lineWith((item) => (item.price_data.product_data.sku = "TEE-M"))),
      "parameter_unknown",
      "line_items[0][price_data][product_data][sku]",
    ],
    [
      "a product without a name",
      session(lineWith((item) => (item.price_data.product_data = { description: "Heavy cotton" }))),
      "parameter_missing",
      "line_items[0][price_data][product_data][name]",
    ],
    [
      "a product with an empty name",
      session(lineWith((item) => (item.price_data.product_data.name = ""))),
      "parameter_missing",
      "line_items[0][price_data][product_data][name]",
    ],
    [
      "a price without a currency",
      session(lineWith((item) => delete item.price_data.currency)),
      "parameter_missing",
      "line_items[0][price_data][currency]",
    ],
    [
      "an unknown payment_intent_data parameter",
      session({ payment_intent_data: { note: "x" } }),
      "parameter_unknown",
      "payment_intent_data[note]",
    ],
  ])("refuses %s", async (_name, params, code, param) => {
    const before = standIn.sessions.size;
    expect(await refusal(stripe.checkout.sessions.create(params))).toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 400,
      code,
      param,
    });
    expect(standIn.sessions.size).toBe(before);
  });

  const many = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, "v"]));
  it.each([
    ["51 keys", { metadata: many(51) }, "metadata"],
    ["a 41-character key", { metadata: { ["k".repeat(41)]: "v" } }, `metadata[${"k".repeat(41)}]`],
    ["a 501-character value", { metadata: { orderId: "x".repeat(501) } }, "metadata[orderId]"],
    [
      "a long value in payment_intent_data",
      { payment_intent_data: { metadata: { orderId: "x".repeat(501) } } },
      "payment_intent_data[metadata][orderId]",
    ],
    [
      "a long value in a product's metadata",
      lineWith((item) => (item.price_data.product_data.metadata = { sku: "x".repeat(501) })),
      "line_items[0][price_data][product_data][metadata][sku]",
    ],
  ])("refuses metadata with %s", async (_name, overrides, param) => {
    expect(await refusal(stripe.checkout.sessions.create(session(overrides)))).toMatchObject({
      statusCode: 400,
      param,
    });
  });

  it("accepts metadata at Stripe's limits: 50 keys of 40 characters with 500-character values", async () => {
    const metadata = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`${String(i).padStart(2, "0")}${"k".repeat(38)}`, "v".repeat(500)]),
    );
    await expect(stripe.checkout.sessions.create(session({ metadata }))).resolves.toMatchObject({ metadata });
  });
});

describe("idempotency", () => {
  it("replays the first answer to a retry with the same key, and refuses the key with other parameters", async () => {
    const key = `unit-${crypto.randomUUID()}`;
    const first = await stripe.checkout.sessions.create(session(), { idempotencyKey: key });
    const again = await stripe.checkout.sessions.create(session({ expires_at: first.expires_at }), {
      idempotencyKey: key,
    });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(
      await refusal(
        stripe.checkout.sessions.create(session({ expires_at: first.expires_at, client_reference_id: "other" }), {
          idempotencyKey: key,
        }),
      ),
    ).toMatchObject({ type: "StripeIdempotencyError", statusCode: 400 });
  });

  it("saves a 500 under its key: the SDK's retries and any later call with that key get the same 500", async () => {
    const key = `unit-${crypto.randomUUID()}`;
    const params = session();
    const sent = () => standIn.requests.filter((request) => request.idempotencyKey === key).length;
    standIn.failNext("/v1/checkout/sessions", 500, 1);
    expect(await refusal(stripe.checkout.sessions.create(params, { idempotencyKey: key }))).toMatchObject({
      type: "StripeAPIError",
      statusCode: 500,
    });
    expect(sent()).toBe(3); // the first try and the SDK's two retries, both answered from the saved 500
    expect(await refusal(stripe.checkout.sessions.create(params, { idempotencyKey: key }))).toMatchObject({
      statusCode: 500,
    });
    // A new key is a new request: it runs.
    await expect(stripe.checkout.sessions.create(params, { idempotencyKey: `${key}-2` })).resolves.toMatchObject({
      status: "open",
    });
  });

  it("a dropped connection saves nothing: the SDK's retry with the same key runs the request", async () => {
    const key = `unit-${crypto.randomUUID()}`;
    standIn.failNext("/v1/checkout/sessions", "network", 1);
    const created = await stripe.checkout.sessions.create(session(), { idempotencyKey: key });
    expect(standIn.requests.filter((request) => request.idempotencyKey === key)).toHaveLength(2);
    expect(created.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
    expect(standIn.sessions.get(created.id)).toMatchObject({ status: "open" });
  });

  it("a validation refusal saves nothing: the corrected request with the same key runs", async () => {
    const key = `unit-${crypto.randomUUID()}`;
    const broken = session(lineWith((item) => (item.price_data.product_data = { description: "Heavy cotton" })));
    expect(await refusal(stripe.checkout.sessions.create(broken, { idempotencyKey: key }))).toMatchObject({
      code: "parameter_missing",
    });
    await expect(stripe.checkout.sessions.create(session(), { idempotencyKey: key })).resolves.toMatchObject({
      status: "open",
    });
  });
});

it("listens on a free port of its own", async () => {
  const other = await startStripeStandIn();
  try {
    expect(other.port).toBeGreaterThan(0);
    expect(other.port).not.toBe(standIn.port);
    expect(other.env.STRIPE_API_PORT).toBe(String(other.port));
  } finally {
    await other.close();
  }
});

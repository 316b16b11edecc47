// A local HTTP server standing in for api.stripe.com (unreachable here; there is no stripe-mock). The
// SDK is pointed at it with STRIPE_API_HOST / STRIPE_API_PORT / STRIPE_API_PROTOCOL; it listens on a free
// port. It records every request (method, path, form-decoded body, Idempotency-Key, Stripe-Version,
// Authorization) and answers the few endpoints the store uses the way Stripe documents them:
// - parameters: Checkout Session and Refund requests are checked against the parameters the API accepts,
//   read from the installed SDK's types (stripe-api-params.ts): an unknown parameter, at the top level or
//   in a line item, its price_data or product_data, is refused as Stripe refuses it; so is a missing
//   required one (a line item's product_data.name, price_data.currency, ...). Metadata anywhere is held to
//   Stripe's limits: at most 50 keys, keys of at most 40 characters, string values of at most 500.
// - idempotency (https://docs.stripe.com/api/idempotent_requests): the status and body of the first
//   request with a key are saved once the endpoint began executing, 500s included, and every retry with
//   that key gets them back (with `Idempotent-Replayed: true`); a retry with other parameters gets an
//   idempotency_error. A request refused by validation saves nothing, so a corrected retry may pass.
// - refunds can be read back (GET /v1/refunds/<id>, and listed by payment_intent), as reconciliation does.
// - a registered PaymentIntent can be read (GET /v1/payment_intents/<id>), its latest_charge an id or,
//   with expand[]=latest_charge, the Charge with the card's fingerprint and billing country; expanding
//   anything else is refused as Stripe refuses it.
// - a Checkout Session's expires_at must be 30 minutes to 24 hours away; sessions can be expired.
// - injected failures (failNext): a 5xx is Stripe's api_error, saved and replayed for its key like any
//   answer; "network" drops the connection before the request reaches Stripe, so nothing is saved and a
//   retry with the same key really runs.
// It also builds signed webhook requests for the route handler, with the SDK's own test-header helper.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { checkoutSessionCreateParams, refundCreateParams, type ParamSpec } from "./stripe-api-params";

export interface RecordedStripeRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
  rawBody: string;
  idempotencyKey: string | null;
  stripeVersion: string | null;
  authorization: string | null;
}

export type StandInSession = Record<string, unknown> & {
  id: string;
  amount_total: number;
  currency: string;
  expires_at: number;
  metadata: Record<string, string>;
  status: "open" | "complete" | "expired";
  payment_status: "paid" | "unpaid" | "no_payment_required";
  payment_intent: string | null;
  url: string | null;
};

export type StandInRefund = Record<string, unknown> & {
  id: string;
  object: "refund";
  amount: number;
  currency: string;
  payment_intent: string;
  status: "pending" | "requires_action" | "succeeded" | "failed" | "canceled";
  metadata: Record<string, string>;
  reason: string | null;
};

/** The card of a PaymentIntent's charge, as payment_method_details.card and billing_details report it. */
export interface StandInCard {
  fingerprint: string;
  country: string;
}

export interface StripeStandIn {
  port: number;
  requests: RecordedStripeRequest[];
  sessions: Map<string, StandInSession>;
  /** Refunds created through POST /v1/refunds, by id (to build refund.* webhook events from). */
  refunds: Map<string, StandInRefund>;
  /**
   * Makes a PaymentIntent known, so refunds of it are checked against what it still has to refund and it
   * can be read back, with the card its charge was paid with.
   */
  registerPaymentIntent(id: string, amount: number, currency?: string, card?: StandInCard): void;
  /** The status new refunds are created with (Stripe: "succeeded" for most cards, "pending" for some). */
  setRefundStatus(status: StandInRefund["status"]): void;
  /**
   * Moves a created refund on as Stripe would (a pending one settles, any one can fail later); a failed
   * or canceled refund gives its amount back to the PaymentIntent. Returns the refund as the webhook
   * event's data.object carries it.
   */
  settleRefund(refundId: string, status: StandInRefund["status"], failureReason?: string): StandInRefund;
  /** Environment for the store's Stripe client to talk to this server. */
  env: { STRIPE_API_HOST: string; STRIPE_API_PORT: string; STRIPE_API_PROTOCOL: "http" };
  /**
   * The next `count` requests to `path` fail. A status answers as Stripe does: a 5xx is an api_error that
   * is saved under the request's Idempotency-Key and replayed to every retry with that key (so the SDK's
   * own retries get it too); a 4xx is a refusal before execution, saved nowhere. "network" drops the
   * connection without an answer, before anything ran: the SDK retries it (maxNetworkRetries) with the
   * same key, so `count` must exceed the client's retries for a call to fail.
   */
  failNext(path: string, failure: number | "network", count?: number): void;
  close(): Promise<void>;
}

function id(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("hex")}`;
}

/** Decodes Stripe's form encoding (`a[b][0][c]=v`) into nested objects and arrays. */
export function decodeStripeForm(raw: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const parts = key.split(/\[|\]\[|\]/).filter((part) => part !== "");
    let node: Record<string, unknown> | unknown[] = root;
    parts.forEach((part, index) => {
      const last = index === parts.length - 1;
      const container = node as Record<string, unknown>;
      if (last) {
        container[part] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(parts[index + 1] ?? "");
      container[part] ??= nextIsIndex ? [] : {};
      node = container[part] as Record<string, unknown> | unknown[];
    });
  }
  return root;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "request-id": id("req") });
  response.end(text);
}

function invalidRequest(message: string, param?: string) {
  return { status: 400, body: { error: { type: "invalid_request_error", message, ...(param ? { param } : {}) } } };
}

type Answer = { status: number; body: unknown };

// POST /v1/refunds as Stripe documents it (https://docs.stripe.com/api/refunds/create): its parameters
// only, one of charge or payment_intent, a positive integer amount in minor units that the payment still
// has to refund, reason one of three values, metadata within Stripe's limits. Every store refund must also
// carry an Idempotency-Key (at most 255 characters): without one, a retried request could refund twice.
const REFUND_REASONS = new Set(["duplicate", "fraudulent", "requested_by_customer"]);

function unknownParameter(param: string): Answer {
  return {
    status: 400,
    body: {
      error: {
        type: "invalid_request_error",
        code: "parameter_unknown",
        param,
        message: `Received unknown parameter: ${param}`,
      },
    },
  };
}

function missingParameter(param: string): Answer {
  return {
    status: 400,
    body: {
      error: {
        type: "invalid_request_error",
        code: "parameter_missing",
        param,
        message: `Missing required param: ${param}.`,
      },
    },
  };
}

/** Stripe's form parameter path: line_items[0][price_data][currency]. */
function paramPath(parent: string, key: string | number): string {
  return parent ? `${parent}[${key}]` : String(key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Unknown and missing parameters of one object. An empty string unsets a parameter in Stripe's form
 * encoding, so a required one sent empty is missing.
 */
function checkParams(value: unknown, spec: ParamSpec, at: string): Answer | null {
  if (!isRecord(value)) return invalidRequest(`Invalid object`, at);
  for (const key of Object.keys(value)) if (!spec.names.has(key)) return unknownParameter(paramPath(at, key));
  for (const key of spec.required) {
    if (value[key] === undefined || value[key] === "") return missingParameter(paramPath(at, key));
  }
  return null;
}

/** Stripe's metadata limits (https://docs.stripe.com/metadata): 50 keys, keys up to 40, values up to 500. */
export function checkMetadata(metadata: unknown, param = "metadata"): Answer | null {
  if (metadata === undefined || metadata === "") return null;
  if (!isRecord(metadata)) return invalidRequest("Invalid metadata: must be an object", param);
  const entries = Object.entries(metadata);
  if (entries.length > 50) return invalidRequest("Metadata can have at most 50 keys", param);
  for (const [key, value] of entries) {
    if (key.length > 40)
      return invalidRequest(`Metadata key ${key} is longer than 40 characters`, paramPath(param, key));
    if (typeof value !== "string" || value.length > 500)
      return invalidRequest(
        `Metadata value of ${key} must be a string of at most 500 characters`,
        paramPath(param, key),
      );
  }
  return null;
}

export function checkRefundRequest(body: Record<string, unknown>, idempotencyKey: string | null): Answer | null {
  const params = checkParams(body, refundCreateParams(), "");
  if (params) return params;
  if (!idempotencyKey) return invalidRequest("Stand-in: store refunds must send an Idempotency-Key header");
  if (idempotencyKey.length > 255) return invalidRequest("Idempotency-Key must be at most 255 characters");
  if (!body.payment_intent && !body.charge) return invalidRequest("One of charge or payment_intent is required");
  if (body.payment_intent && body.charge)
    return invalidRequest("You cannot specify both charge and payment_intent", "charge");
  if (
    body.payment_intent !== undefined &&
    (typeof body.payment_intent !== "string" || !/^pi_\w+$/.test(body.payment_intent))
  ) {
    return invalidRequest("Invalid payment_intent: must be a PaymentIntent id", "payment_intent");
  }
  if (body.amount !== undefined && (typeof body.amount !== "string" || !/^[1-9]\d*$/.test(body.amount))) {
    return invalidRequest("Invalid positive integer", "amount");
  }
  if (body.reason !== undefined && (typeof body.reason !== "string" || !REFUND_REASONS.has(body.reason))) {
    return invalidRequest("Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer", "reason");
  }
  return checkMetadata(body.metadata);
}

/**
 * POST /v1/checkout/sessions as Stripe documents it (https://docs.stripe.com/api/checkout/sessions/create):
 * only the API's parameters at every level the store sends (the session, each line item, its price_data
 * and product_data, payment_intent_data); a line item with one of price or price_data, price_data with
 * one of product or product_data and one of unit_amount or unit_amount_decimal; product_data.name and
 * price_data.currency present; every metadata within Stripe's limits.
 */
export function checkCheckoutSessionRequest(body: Record<string, unknown>): Answer | null {
  const spec = checkoutSessionCreateParams;
  const checks: (() => Answer | null)[] = [
    () => checkParams(body, spec.session(), ""),
    () => checkMetadata(body.metadata),
    () =>
      body.payment_intent_data === undefined
        ? null
        : checkParams(body.payment_intent_data, spec.paymentIntentData(), "payment_intent_data"),
    () =>
      checkMetadata(
        (body.payment_intent_data as Record<string, unknown> | undefined)?.metadata,
        "payment_intent_data[metadata]",
      ),
  ];
  const lineItems = body.line_items ?? [];
  if (!Array.isArray(lineItems)) return invalidRequest("Invalid array", "line_items");
  lineItems.forEach((item: unknown, index) => {
    const at = paramPath("line_items", index);
    checks.push(() => checkParams(item, spec.lineItem(), at));
    checks.push(() => {
      const line = item as Record<string, unknown>;
      if ((line.price === undefined) === (line.price_data === undefined))
        return invalidRequest("You must specify exactly one of price or price_data", at);
      if (line.price !== undefined) return invalidRequest("Stand-in: only price_data line items are supported", at);
      const priceAt = paramPath(at, "price_data");
      const price = line.price_data as Record<string, unknown>;
      const refused =
        checkParams(price, spec.priceData(), priceAt) ?? checkMetadata(line.metadata, paramPath(at, "metadata"));
      if (refused) return refused;
      if ((price.product === undefined) === (price.product_data === undefined))
        return invalidRequest("You must specify exactly one of product or product_data", priceAt);
      if ((price.unit_amount === undefined) === (price.unit_amount_decimal === undefined))
        return invalidRequest("You must specify exactly one of unit_amount or unit_amount_decimal", priceAt);
      if (price.product_data === undefined) return null;
      const productAt = paramPath(priceAt, "product_data");
      return (
        checkParams(price.product_data, spec.productData(), productAt) ??
        checkMetadata((price.product_data as Record<string, unknown>).metadata, paramPath(productAt, "metadata"))
      );
    });
  });
  for (const check of checks) {
    const refused = check();
    if (refused) return refused;
  }
  return null;
}

function createSession(body: Record<string, unknown>, nowSeconds: number): Answer {
  const refused = checkCheckoutSessionRequest(body);
  if (refused) return refused;
  const lineItems = (body.line_items ?? []) as {
    quantity?: string;
    price_data?: { currency?: string; unit_amount?: string };
  }[];
  if (body.mode !== "payment") return invalidRequest("mode must be payment in this stand-in", "mode");
  if (lineItems.length === 0) return invalidRequest("line_items is required", "line_items");
  const currencies = new Set(lineItems.map((item) => item.price_data?.currency));
  if (currencies.size !== 1) return invalidRequest("All line items must share one currency", "line_items");
  let amountTotal = 0;
  for (const item of lineItems) {
    const unit = Number(item.price_data?.unit_amount);
    const quantity = Number(item.quantity ?? "1");
    if (!Number.isInteger(unit) || unit < 0 || !Number.isInteger(quantity) || quantity < 1) {
      return invalidRequest("Invalid unit_amount or quantity", "line_items");
    }
    amountTotal += unit * quantity;
  }
  const expiresAt = body.expires_at === undefined ? nowSeconds + 24 * 3600 : Number(body.expires_at);
  if (expiresAt < nowSeconds + 30 * 60 || expiresAt > nowSeconds + 24 * 3600) {
    return invalidRequest(
      "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.",
      "expires_at",
    );
  }
  const sessionId = id("cs_test");
  const session: StandInSession = {
    id: sessionId,
    object: "checkout.session",
    amount_subtotal: amountTotal,
    amount_total: amountTotal,
    client_reference_id: body.client_reference_id ?? null,
    created: nowSeconds,
    currency: [...currencies][0] as string,
    customer_email: body.customer_email ?? null,
    expires_at: expiresAt,
    livemode: false,
    metadata: (body.metadata as Record<string, string> | undefined) ?? {},
    mode: "payment",
    // Since API version 2022-08-01 the PaymentIntent is created when the shopper pays, not with the session.
    payment_intent: null,
    payment_status: "unpaid",
    status: "open",
    success_url: body.success_url ?? null,
    cancel_url: body.cancel_url ?? null,
    url: `https://checkout.stripe.com/c/pay/${sessionId}`,
  };
  return { status: 200, body: session };
}

export interface StandInOptions {
  /** Default: a free port chosen by the system. */
  port?: number;
}

/** The error body Stripe sends with a status it did not explain otherwise. */
function failureAnswer(status: number): Answer {
  return status >= 500
    ? { status, body: { error: { type: "api_error", message: "Stand-in: an error occurred on Stripe's side." } } }
    : { status, body: { error: { type: "invalid_request_error", message: `Stand-in: injected ${status}.` } } };
}

export async function startStripeStandIn(options: StandInOptions = {}): Promise<StripeStandIn> {
  const requests: RecordedStripeRequest[] = [];
  const sessions = new Map<string, StandInSession>();
  const refunds = new Map<string, StandInRefund>();
  const intents = new Map<string, { amount: number; currency: string; refunded: number; card?: StandInCard }>();
  let refundStatus: StandInRefund["status"] = "succeeded";
  const replays = new Map<string, Answer & { rawBody: string }>();
  const failures = new Map<string, { failure: number | "network"; count: number }>();

  function createRefund(body: Record<string, unknown>, idempotencyKey: string | null, nowSeconds: number): Answer {
    const refused = checkRefundRequest(body, idempotencyKey);
    if (refused) return refused;
    const intentId = body.payment_intent as string | undefined;
    const intent = intentId ? intents.get(intentId) : undefined;
    const remaining = intent ? intent.amount - intent.refunded : null;
    const amount = body.amount !== undefined ? Number(body.amount) : remaining;
    if (amount === null)
      return invalidRequest("Stand-in: amount is required for a PaymentIntent it does not know", "amount");
    if (remaining !== null && amount > remaining) {
      return {
        status: 400,
        body: {
          error: {
            type: "invalid_request_error",
            code: "amount_too_large",
            param: "amount",
            message: `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
          },
        },
      };
    }
    if (remaining !== null && remaining === 0) {
      return {
        status: 400,
        body: {
          error: {
            type: "invalid_request_error",
            code: "charge_already_refunded",
            message: "Charge has already been refunded.",
          },
        },
      };
    }
    if (intent && refundStatus !== "failed" && refundStatus !== "canceled") intent.refunded += amount;
    const refund: StandInRefund = {
      id: id("re_test"),
      object: "refund",
      amount,
      currency: intent?.currency ?? "usd",
      created: nowSeconds,
      payment_intent: intentId ?? "",
      charge: null,
      reason: (body.reason as string | undefined) ?? null,
      metadata: (body.metadata as Record<string, string> | undefined) ?? {},
      status: refundStatus,
    };
    refunds.set(refund.id, refund);
    return { status: 200, body: refund };
  }

  // https://docs.stripe.com/api/payment_intents/retrieve and https://docs.stripe.com/api/expanding_objects
  function readPaymentIntent(intentId: string, query: Record<string, unknown>): Answer {
    const intent = intents.get(intentId);
    if (!intent) {
      return {
        status: 404,
        body: {
          error: {
            type: "invalid_request_error",
            code: "resource_missing",
            message: `No such payment_intent: '${intentId}'`,
            param: "intent",
          },
        },
      };
    }
    const expand = Object.entries(query)
      .filter(([key]) => key === "expand[]" || /^expand\[\d+\]$/.test(key))
      .map(([, value]) => String(value));
    const unknown = expand.find((field) => field !== "latest_charge");
    if (unknown) return invalidRequest(`This property cannot be expanded (${unknown}).`);
    const chargeId = `ch_${intentId.slice(3)}`;
    const charge = {
      id: chargeId,
      object: "charge",
      amount: intent.amount,
      currency: intent.currency,
      payment_intent: intentId,
      status: "succeeded",
      paid: true,
      billing_details: { address: { country: intent.card?.country ?? null } },
      payment_method_details: {
        type: "card",
        card: intent.card
          ? { brand: "visa", last4: "4242", country: intent.card.country, fingerprint: intent.card.fingerprint }
          : null,
      },
    };
    return {
      status: 200,
      body: {
        id: intentId,
        object: "payment_intent",
        amount: intent.amount,
        amount_received: intent.amount,
        currency: intent.currency,
        status: "succeeded",
        latest_charge: expand.includes("latest_charge") ? charge : chargeId,
      },
    };
  }

  function route(method: string, path: string, body: Record<string, unknown>, idempotencyKey: string | null): Answer {
    const nowSeconds = Math.floor(Date.now() / 1000);
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const answer = createSession(body, nowSeconds);
      if (answer.status === 200) sessions.set((answer.body as StandInSession).id, answer.body as StandInSession);
      return answer;
    }
    const sessionMatch = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (method === "GET" && sessionMatch) {
      const session = sessions.get(decodeURIComponent(sessionMatch[1]!));
      return session
        ? { status: 200, body: session }
        : {
            status: 404,
            body: {
              error: { type: "invalid_request_error", code: "resource_missing", message: "No such checkout.session" },
            },
          };
    }
    const expireMatch = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path);
    if (method === "POST" && expireMatch) {
      const session = sessions.get(decodeURIComponent(expireMatch[1]!));
      if (!session)
        return {
          status: 404,
          body: {
            error: { type: "invalid_request_error", code: "resource_missing", message: "No such checkout.session" },
          },
        };
      if (session.status !== "open") {
        return invalidRequest(
          `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`,
        );
      }
      session.status = "expired";
      session.url = null;
      return { status: 200, body: session };
    }
    const intentMatch = /^\/v1\/payment_intents\/([^/]+)$/.exec(path);
    if (method === "GET" && intentMatch) return readPaymentIntent(decodeURIComponent(intentMatch[1]!), body);
    if (method === "POST" && path === "/v1/refunds") return createRefund(body, idempotencyKey, nowSeconds);
    // GET /v1/refunds?payment_intent=... (https://docs.stripe.com/api/refunds/list): newest first.
    if (method === "GET" && path === "/v1/refunds") {
      const intent = body.payment_intent as string | undefined;
      const data = [...refunds.values()].filter((refund) => !intent || refund.payment_intent === intent).reverse();
      return { status: 200, body: { object: "list", url: "/v1/refunds", has_more: false, data } };
    }
    const refundMatch = /^\/v1\/refunds\/([^/]+)$/.exec(path);
    if (method === "GET" && refundMatch) {
      const refund = refunds.get(decodeURIComponent(refundMatch[1]!));
      return refund
        ? { status: 200, body: refund }
        : {
            status: 404,
            body: { error: { type: "invalid_request_error", code: "resource_missing", message: "No such refund" } },
          };
    }
    return {
      status: 404,
      body: { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path})` } },
    };
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const rawBody = await readBody(request);
    const url = new URL(request.url ?? "/", "http://stand-in");
    const body = request.method === "GET" ? Object.fromEntries(url.searchParams) : decodeStripeForm(rawBody);
    const idempotencyKey = (request.headers["idempotency-key"] as string | undefined) ?? null;
    requests.push({
      method: request.method ?? "",
      path: url.pathname,
      body,
      rawBody,
      idempotencyKey,
      stripeVersion: (request.headers["stripe-version"] as string | undefined) ?? null,
      authorization: request.headers.authorization ?? null,
    });
    const failure = failures.get(url.pathname);
    const takeFailure = (kind: "network" | "status") => {
      if (!failure || failure.count <= 0 || (failure.failure === "network") !== (kind === "network")) return null;
      failure.count -= 1;
      return failure.failure;
    };
    // The connection drops before the request reaches Stripe: nothing ran, nothing is saved.
    if (takeFailure("network") !== null) {
      request.socket.destroy();
      return;
    }
    const replayKey = idempotencyKey && request.method === "POST" ? `${url.pathname}|${idempotencyKey}` : null;
    const replay = replayKey ? replays.get(replayKey) : undefined;
    if (replay) {
      // Stripe compares the parameters of a retried request with the first one's.
      if (replay.rawBody !== rawBody) {
        return send(response, 400, {
          error: {
            type: "idempotency_error",
            message:
              "Keys for idempotent requests can only be used with the same parameters they were first used with.",
          },
        });
      }
      response.setHeader("idempotent-replayed", "true");
      return send(response, replay.status, replay.body);
    }
    const injected = takeFailure("status");
    const answer =
      typeof injected === "number"
        ? failureAnswer(injected)
        : route(request.method ?? "", url.pathname, body, idempotencyKey);
    // Saved once the endpoint began executing, whatever the outcome, 500s included; a request refused by
    // validation (a 4xx here) saves nothing, so a corrected retry with the same key may pass.
    if (replayKey && (answer.status < 400 || answer.status >= 500)) replays.set(replayKey, { ...answer, rawBody });
    send(response, answer.status, answer.body);
  }
  // A failure in handle() is a bug of the stand-in: left unhandled, it fails the test run loudly.
  const server: Server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    requests,
    sessions,
    refunds,
    registerPaymentIntent(intentId, amount, currency = "usd", card) {
      intents.set(intentId, { amount, currency, refunded: 0, ...(card ? { card } : {}) });
    },
    setRefundStatus(status) {
      refundStatus = status;
    },
    settleRefund(refundId, status, failureReason) {
      const refund = refunds.get(refundId);
      if (!refund) throw new Error(`stand-in: no refund ${refundId}`);
      const wasCounted = refund.status !== "failed" && refund.status !== "canceled";
      const counts = status !== "failed" && status !== "canceled";
      const intent = intents.get(refund.payment_intent);
      if (intent && wasCounted !== counts) intent.refunded += counts ? refund.amount : -refund.amount;
      refund.status = status;
      if (failureReason) refund.failure_reason = failureReason;
      return { ...refund };
    },
    env: { STRIPE_API_HOST: "127.0.0.1", STRIPE_API_PORT: String(port), STRIPE_API_PROTOCOL: "http" },
    failNext(path, failure, count = 1) {
      failures.set(path, { failure, count });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Webhooks

export interface StripeEventPayload {
  id: string;
  object: "event";
  type: string;
  api_version: string;
  created: number;
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  data: { object: Record<string, unknown> };
}

export function stripeEvent(
  type: string,
  object: Record<string, unknown>,
  eventId: string = id("evt_test"),
): StripeEventPayload {
  return {
    id: eventId,
    object: "event",
    type,
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  };
}

/** The session as Stripe reports it once paid by card. */
export function paidSession(session: StandInSession, overrides: Partial<StandInSession> = {}): StandInSession {
  return {
    ...session,
    status: "complete",
    payment_status: "paid",
    payment_intent: id("pi_test"),
    url: null,
    ...overrides,
  };
}

export interface SignOptions {
  secret: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Replace the computed signature (a forged one). */
  signature?: string;
  /** Leave the Stripe-Signature header out. */
  omitSignature?: boolean;
}

/** A POST to the webhook route with the body signed by the SDK's test-header helper. */
export function signedWebhookRequest(payload: unknown, options: SignOptions): Request {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const header = Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: options.secret,
    ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
    ...(options.signature !== undefined ? { signature: options.signature } : {}),
  });
  const headers = new Headers({ "content-type": "application/json" });
  if (!options.omitSignature) headers.set("stripe-signature", header);
  return new Request("http://localhost/api/webhooks/stripe", { method: "POST", headers, body });
}

// A local HTTP server standing in for api.stripe.com (unreachable here; there is no stripe-mock). The
// SDK is pointed at it with STRIPE_API_HOST / STRIPE_API_PORT / STRIPE_API_PROTOCOL. It records every
// request (method, path, form-decoded body, Idempotency-Key, Stripe-Version, Authorization) and answers
// the few endpoints the store uses the way Stripe documents them, including idempotent replays (same key
// -> the first response) and Stripe's 30 min - 24 h bound on a Checkout Session's expires_at.
// It also builds signed webhook requests for the route handler, with the SDK's own test-header helper.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import Stripe from "stripe";

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

export interface StripeStandIn {
  port: number;
  requests: RecordedStripeRequest[];
  sessions: Map<string, StandInSession>;
  /** Environment for the store's Stripe client to talk to this server. */
  env: { STRIPE_API_HOST: string; STRIPE_API_PORT: string; STRIPE_API_PROTOCOL: "http" };
  /** The next `count` requests to `path` get this status and body (e.g. a 500 to test retries). */
  failNext(path: string, status: number, count?: number): void;
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

function createSession(body: Record<string, unknown>, nowSeconds: number): Answer {
  const lineItems = (body.line_items ?? []) as { quantity?: string; price_data?: { currency?: string; unit_amount?: string } }[];
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
    return invalidRequest("The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.", "expires_at");
  }
  const sessionId = id("cs_test");
  const session: StandInSession = {
    id: sessionId,
    object: "checkout.session",
    amount_subtotal: amountTotal,
    amount_total: amountTotal,
    client_reference_id: (body.client_reference_id as string | undefined) ?? null,
    created: nowSeconds,
    currency: [...currencies][0] as string,
    customer_email: (body.customer_email as string | undefined) ?? null,
    expires_at: expiresAt,
    livemode: false,
    metadata: (body.metadata as Record<string, string> | undefined) ?? {},
    mode: "payment",
    // Since API version 2022-08-01 the PaymentIntent is created when the shopper pays, not with the session.
    payment_intent: null,
    payment_status: "unpaid",
    status: "open",
    success_url: (body.success_url as string | undefined) ?? null,
    cancel_url: (body.cancel_url as string | undefined) ?? null,
    url: `https://checkout.stripe.com/c/pay/${sessionId}`,
  };
  return { status: 200, body: session };
}

export async function startStripeStandIn(port: number): Promise<StripeStandIn> {
  const requests: RecordedStripeRequest[] = [];
  const sessions = new Map<string, StandInSession>();
  const replays = new Map<string, Answer>();
  const failures = new Map<string, { status: number; count: number }>();

  function route(method: string, path: string, body: Record<string, unknown>): Answer {
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
        : { status: 404, body: { error: { type: "invalid_request_error", code: "resource_missing", message: "No such checkout.session" } } };
    }
    if (method === "POST" && path === "/v1/refunds") {
      if (!body.payment_intent && !body.charge) return invalidRequest("One of charge or payment_intent is required");
      return {
        status: 200,
        body: {
          id: id("re_test"),
          object: "refund",
          amount: Number(body.amount),
          currency: "usd",
          created: nowSeconds,
          payment_intent: body.payment_intent,
          reason: body.reason ?? null,
          metadata: body.metadata ?? {},
          status: "succeeded",
        },
      };
    }
    return { status: 404, body: { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path})` } } };
  }

  const server: Server = createServer(async (request, response) => {
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
      authorization: (request.headers.authorization as string | undefined) ?? null,
    });
    const failure = failures.get(url.pathname);
    if (failure && failure.count > 0) {
      failure.count -= 1;
      return send(response, failure.status, { error: { type: "api_error", message: "Stand-in failure" } });
    }
    const replayKey = idempotencyKey && request.method === "POST" ? `${url.pathname}|${idempotencyKey}` : null;
    const replay = replayKey ? replays.get(replayKey) : undefined;
    if (replay) {
      response.setHeader("idempotent-replayed", "true");
      return send(response, replay.status, replay.body);
    }
    const answer = route(request.method ?? "", url.pathname, body);
    if (replayKey) replays.set(replayKey, answer);
    send(response, answer.status, answer.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });

  return {
    port,
    requests,
    sessions,
    env: { STRIPE_API_HOST: "127.0.0.1", STRIPE_API_PORT: String(port), STRIPE_API_PROTOCOL: "http" },
    failNext(path, status, count = 1) {
      failures.set(path, { status, count });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
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

export function stripeEvent(type: string, object: Record<string, unknown>, eventId: string = id("evt_test")): StripeEventPayload {
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
  return { ...session, status: "complete", payment_status: "paid", payment_intent: id("pi_test"), url: null, ...overrides };
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

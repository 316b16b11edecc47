// Stripe webhook endpoint. The signature is checked on the raw body (any re-serialisation would break
// it) with STRIPE_WEBHOOK_SECRET, and a missing, bad or stale (older than the SDK's 5-minute tolerance)
// signature is answered 400 before anything is written. The body is read with a running cap (a chunked
// request cannot fill memory) and anything larger is answered 413. Without a webhook secret the endpoint
// answers 503: the store is not set up to receive webhooks, and Stripe retries until it is. Verified
// events go to lib/checkout/stripe-webhook.ts, which records each event id once and dispatches by type.
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db";
import { readCappedBody } from "@/lib/http/body";
import { handleStripeEvent } from "@/lib/checkout/stripe-webhook";
import { stripeWebhooks, stripeWebhookSecret } from "@/lib/payments/stripe-client";

// Node.js runtime (the default; with cacheComponents a segment config may not be exported).
/** Stripe's events are a few kilobytes; anything near this is not from Stripe. */
const MAX_BODY_BYTES = 1024 * 1024;

let warnedUnconfigured = false;

export async function POST(request: Request): Promise<Response> {
  let secret: string;
  try {
    secret = stripeWebhookSecret();
  } catch (error) {
    // A deployment mistake, not the sender's; said once per process, not once per (possibly forged) call.
    if (!warnedUnconfigured) console.warn(`[stripe webhook] ${error instanceof Error ? error.message : String(error)}`);
    warnedUnconfigured = true;
    return NextResponse.json({ error: "Webhook endpoint is not configured." }, { status: 503 });
  }

  const signature = request.headers.get("stripe-signature");
  if (!signature) return NextResponse.json({ error: "Missing Stripe-Signature header." }, { status: 400 });

  const bytes = await readCappedBody(request, MAX_BODY_BYTES);
  if (!bytes) return NextResponse.json({ error: "Payload too large." }, { status: 413 });
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  let event;
  try {
    event = stripeWebhooks.constructEvent(body, signature, secret);
  } catch {
    return NextResponse.json({ error: "Invalid Stripe signature." }, { status: 400 });
  }

  const result = await handleStripeEvent(prisma, event);
  return NextResponse.json(result.body, { status: result.status });
}

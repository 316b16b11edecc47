// Stripe webhook endpoint. The signature is checked on the raw body (any re-serialisation would break
// it) with STRIPE_WEBHOOK_SECRET, and a missing, bad or stale (older than the SDK's 5-minute tolerance)
// signature is answered 400 before anything is read or written. Verified events go to
// lib/payments/stripe-webhook.ts, which records each event id once and dispatches by type.
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db";
import { handleStripeEvent } from "@/lib/payments/stripe-webhook";
import { stripeWebhooks, stripeWebhookSecret } from "@/lib/payments/stripe-client";

// Node.js runtime (the default; with cacheComponents a segment config may not be exported).
/** Stripe's events are a few kilobytes; anything near this is not from Stripe. */
const MAX_BODY_BYTES = 1024 * 1024;

function tooLarge() {
  return NextResponse.json({ error: "Payload too large." }, { status: 413 });
}

export async function POST(request: Request): Promise<Response> {
  const declaredLength = Number(request.headers.get("content-length") ?? "0");
  if (declaredLength > MAX_BODY_BYTES) return tooLarge();
  const signature = request.headers.get("stripe-signature");
  if (!signature) return NextResponse.json({ error: "Missing Stripe-Signature header." }, { status: 400 });

  let secret: string;
  try {
    secret = stripeWebhookSecret();
  } catch (error) {
    // A deployment mistake, not the sender's: 500 makes Stripe retry once the secret is configured.
    console.error(error);
    return NextResponse.json({ error: "Webhook endpoint is not configured." }, { status: 500 });
  }

  const body = await request.text();
  if (Buffer.byteLength(body, "utf8") > MAX_BODY_BYTES) return tooLarge();

  let event;
  try {
    event = stripeWebhooks.constructEvent(body, signature, secret);
  } catch {
    return NextResponse.json({ error: "Invalid Stripe signature." }, { status: 400 });
  }

  const result = await handleStripeEvent(prisma, event);
  return NextResponse.json(result.body, { status: result.status });
}

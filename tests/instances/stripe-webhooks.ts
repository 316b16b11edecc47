// Stripe's side of a payment, played by the test: the shopper pays on Stripe's hosted page (the stand-in's
// session becomes paid, its PaymentIntent created with a card of the shopper's own), and Stripe delivers a
// signed checkout.session.completed event (the event that confirms a Checkout payment; see
// lib/checkout/stripe-webhook.ts) to the store, as it would through the load balancer: to either web
// instance, whether it is up or not. A delivery that fails (no connection, a connection dropped by a
// killed instance, a 5xx) is retried as Stripe retries it, with a growing delay, each time to the other
// instance. Every fourth payment is delivered twice, as Stripe may: alternately two deliveries at once
// and a second one after the first was acknowledged.
import { randomBytes } from "node:crypto";
import { paidSession, signedWebhookRequest, stripeEvent } from "../helpers/stripe-stand-in";
import type { Cluster, Proc } from "./cluster";

/** A payment whose webhook could not be delivered within the deadline: never a kill's excuse. */
export class WebhookUndelivered extends Error {}

export interface WebhookStats {
  /** Payments confirmed through a webhook (each session once). */
  payments: number;
  /** Events delivered (answered 200), duplicates included. */
  delivered: number;
  /** Payments whose event was delivered twice. */
  duplicated: number;
  /** Delivery attempts that failed and were retried, by cause ("ECONNREFUSED", "500", ...). */
  retried: Record<string, number>;
  /** Each 200 answer's outcome ("paid", "duplicate", ...). */
  outcomes: Record<string, number>;
  /** The sessions paid, for the checks' invariants. */
  sessionIds: string[];
}

const RETRY_DEADLINE_MS = 180_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class StripeWebhooks {
  readonly stats: WebhookStats = {
    payments: 0,
    delivered: 0,
    duplicated: 0,
    retried: {},
    outcomes: {},
    sessionIds: [],
  };

  constructor(
    private readonly cluster: Pick<Cluster, "stripe" | "webhookSecret">,
    /** The instances Stripe's deliveries reach (through the load balancer). */
    private readonly instances: readonly Proc[],
  ) {}

  /** The shopper pays the session on Stripe's page; Stripe confirms it to the store by webhook. */
  async pay(sessionId: string): Promise<void> {
    const { stripe } = this.cluster;
    const session = stripe.sessions.get(sessionId);
    if (!session) throw new Error(`the stand-in has no session ${sessionId}`);
    if (session.status !== "open") throw new Error(`session ${sessionId} is ${session.status}, not open`);
    const paid = paidSession(session);
    stripe.sessions.set(sessionId, paid);
    // The PaymentIntent Stripe created for the payment, with the shopper's own card (the webhook handler
    // reads its charge for the risk score: one card per shopper keeps the velocity rules quiet).
    stripe.registerPaymentIntent(paid.payment_intent!, paid.amount_total, paid.currency, {
      fingerprint: randomBytes(8).toString("hex"),
      country: "US",
    });
    const event = stripeEvent("checkout.session.completed", paid);
    const index = this.stats.payments++;
    this.stats.sessionIds.push(sessionId);
    if (index % 8 === 3) {
      await Promise.all([this.deliver(event), this.deliver(event)]);
      this.stats.duplicated++;
    } else if (index % 8 === 7) {
      await this.deliver(event);
      await this.deliver(event);
      this.stats.duplicated++;
    } else {
      await this.deliver(event);
    }
  }

  private async deliver(event: ReturnType<typeof stripeEvent>): Promise<void> {
    const deadline = Date.now() + RETRY_DEADLINE_MS;
    let target = this.instances[Math.floor(Math.random() * this.instances.length)]!;
    let delay = 250;
    for (;;) {
      // Signed afresh for each attempt, as Stripe does (the signature's timestamp is the attempt's).
      const request = signedWebhookRequest(event, { secret: this.cluster.webhookSecret });
      let failure: string;
      try {
        const response = await fetch(`${target.baseURL}/api/webhooks/stripe`, {
          method: "POST",
          headers: { ...Object.fromEntries(request.headers), connection: "close" },
          body: await request.text(),
          signal: AbortSignal.timeout(60_000),
        });
        const text = await response.text();
        if (response.status === 200) {
          const outcome = (JSON.parse(text) as { outcome?: string }).outcome ?? "none";
          this.stats.outcomes[outcome] = (this.stats.outcomes[outcome] ?? 0) + 1;
          this.stats.delivered++;
          return;
        }
        // A 4xx is the store refusing a genuine event (a bad signature, ...): a bug, not a crash to ride out.
        if (response.status < 500) throw new WebhookUndelivered(`${target.name} answered ${response.status}: ${text}`);
        failure = String(response.status);
      } catch (error) {
        if (error instanceof WebhookUndelivered) throw error;
        const cause = (error as { cause?: { code?: string } }).cause;
        failure = cause?.code ?? (error instanceof Error ? error.name : "error");
      }
      this.stats.retried[failure] = (this.stats.retried[failure] ?? 0) + 1;
      if (Date.now() > deadline) throw new WebhookUndelivered(`event ${event.id} undelivered: last ${failure}`);
      await sleep(delay);
      delay = Math.min(delay * 2, 5_000);
      target = this.instances.find((instance) => instance !== target) ?? target;
    }
  }
}

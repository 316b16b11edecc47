// The Stripe SDK client, configured from the environment:
//   STRIPE_SECRET_KEY      turns Stripe on (sk_live_... / sk_test_...); without it the test provider is used
//   STRIPE_WEBHOOK_SECRET  verifies webhook signatures (whsec_...)
//   STRIPE_API_HOST / STRIPE_API_PORT / STRIPE_API_PROTOCOL
//                          point the SDK at another server; only the test suite's local stand-in for
//                          api.stripe.com uses them.
import Stripe from "stripe";

/** The variables read here; tests pass their own. */
export type StripeEnv = Readonly<Record<string, string | undefined>>;

/** The API version this code was written and tested against; pinned so an account upgrade changes nothing. */
export const STRIPE_API_VERSION = "2026-10-28.endive" as const;

export function stripeIsConfigured(env: StripeEnv = process.env): boolean {
  return Boolean(env.STRIPE_SECRET_KEY?.trim());
}

export function stripeWebhookSecret(env: StripeEnv = process.env): string {
  const secret = env.STRIPE_WEBHOOK_SECRET?.trim();
  if (!secret) throw new Error("STRIPE_WEBHOOK_SECRET is not set: Stripe webhooks cannot be verified.");
  return secret;
}

function clientConfig(env: StripeEnv): ConstructorParameters<typeof Stripe>[1] {
  const protocol = env.STRIPE_API_PROTOCOL?.trim() || undefined;
  if (protocol !== undefined && protocol !== "http" && protocol !== "https") {
    throw new Error(`STRIPE_API_PROTOCOL must be http or https, got "${protocol}"`);
  }
  return {
    apiVersion: STRIPE_API_VERSION,
    // POSTs are retried with the idempotency keys we pass, so a retry never creates a second object.
    maxNetworkRetries: 2,
    // A shopper is waiting on session creation; Stripe's own p99 is far below this.
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: "storefront" },
    ...(env.STRIPE_API_HOST?.trim() ? { host: env.STRIPE_API_HOST.trim() } : {}),
    ...(env.STRIPE_API_PORT?.trim() ? { port: Number(env.STRIPE_API_PORT) } : {}),
    ...(protocol ? { protocol } : {}),
  };
}

const clients = new Map<string, Stripe>();

/** One client per configuration (tests change the environment between suites). */
export function stripeClient(env: StripeEnv = process.env): Stripe {
  const key = env.STRIPE_SECRET_KEY?.trim();
  if (!key) throw new Error("STRIPE_SECRET_KEY is not set: Stripe is not the active payment provider.");
  const config = clientConfig(env);
  const cacheKey = JSON.stringify([key, config?.host, config?.port, config?.protocol]);
  let client = clients.get(cacheKey);
  if (!client) {
    client = new Stripe(key, config);
    clients.set(cacheKey, client);
  }
  return client;
}

/** Verifying webhook signatures needs no API key, so it uses the SDK's static helper. */
export const stripeWebhooks = Stripe.webhooks;

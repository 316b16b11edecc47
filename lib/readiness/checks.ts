// The configuration checks of a store, read from the environment only (no network):
//   - startupErrors: what `npm start` refuses to start with (scripts/start.ts prints them and exits);
//   - readinessProblems: what keeps a running store from working as a real shop, for the start banner and
//     the admin dashboard (the same list in both places; cheap on every dashboard view).
import { adminPasswordProblem } from "@/lib/auth/accounts";
import { emailTransport } from "@/lib/email/config";
import { stripeIsConfigured } from "@/lib/payments/stripe-client";
import { storeMode, type StoreMode } from "@/lib/ops/store-mode";

type Env = Readonly<Record<string, string | undefined>>;

/** Shortest NEXTAUTH_SECRET accepted in production (`openssl rand -base64 32` gives 44 characters). */
export const MIN_AUTH_SECRET_LENGTH = 32;

/** Why the store must not start in `mode` with this environment; empty when it may. */
export function startupErrors(mode: StoreMode, env: Env = process.env): string[] {
  const errors: string[] = [];
  const adminProblem = adminPasswordProblem(env.ADMIN_PASSWORD);
  if (adminProblem) errors.push(`${adminProblem} Set a longer one, or unset ADMIN_PASSWORD to have one generated.`);
  if (mode === "production") {
    const secret = env.NEXTAUTH_SECRET?.trim();
    if (!secret) {
      errors.push(
        "Production mode needs NEXTAUTH_SECRET, the key that signs session cookies: generate one with " +
          "`openssl rand -base64 32` and set the same value on every instance. (The secret generated into " +
          "DATA_DIR/auth-secret is a demo convenience.) To try the store out instead, set STORE_MODE=demo.",
      );
    } else if (secret.length < MIN_AUTH_SECRET_LENGTH) {
      errors.push(
        `NEXTAUTH_SECRET is too short for production mode (${secret.length} characters, at least ` +
          `${MIN_AUTH_SECRET_LENGTH}): generate one with \`openssl rand -base64 32\`.`,
      );
    }
  }
  return errors;
}

export interface ReadinessProblem {
  id: "payments" | "stripe_webhook" | "email";
  /** One sentence: what the store does about it. */
  title: string;
  /** How to fix it. */
  fix: string;
}

export function readinessProblems(env: Env = process.env): ReadinessProblem[] {
  const problems: ReadinessProblem[] = [];
  if (!stripeIsConfigured(env) && storeMode(env) === "production") {
    problems.push({
      id: "payments",
      title: "This store cannot take payments: checkout refuses every order.",
      fix: "Set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET (the test payment provider exists only in demo mode).",
    });
  }
  if (stripeIsConfigured(env) && !env.STRIPE_WEBHOOK_SECRET?.trim()) {
    problems.push({
      id: "stripe_webhook",
      title: "Stripe payments cannot be confirmed: orders stay unpaid after the shopper pays.",
      fix: "Set STRIPE_WEBHOOK_SECRET to the signing secret of the /api/webhooks/stripe endpoint.",
    });
  }
  if (emailTransport(env) === "none") {
    problems.push({
      id: "email",
      title: "Email is not configured: order emails wait in the outbox, unsent.",
      fix: "Set SMTP_URL; the waiting emails go out once the store runs with it.",
    });
  }
  return problems;
}

// Guest order lookup and the order page's data. An order page opens only with one of the order's access
// links or for the account that placed it (./access.ts). The lookup form hands out a new link to someone
// who knows both the order's number and its email: sequential numbers alone reveal nothing, and the
// attempts are rate limited per address and per email (policy orderLookup).
import { z } from "zod";
import { fieldErrorsOf } from "@/lib/actions/form";
import type { ShopperRequest } from "@/lib/rate-limit/shopper-request";
import type { Db } from "@/lib/db";
import { mintOrderAccessToken, orderAccessPath } from "./access";

export const orderLookupInput = z.object({
  number: z
    .string({ error: "Enter your order number." })
    .trim()
    .transform((value) => value.replace(/^#/, ""))
    .pipe(z.string().regex(/^\d{1,10}$/, "An order number is digits only, like 1001.")),
  email: z
    .string({ error: "Enter the email used for the order." })
    .trim()
    .toLowerCase()
    .max(254, "Email must be at most 254 characters.")
    .pipe(z.email("Enter a valid email address.")),
});

export async function findOrderForLookup(db: Db, input: z.output<typeof orderLookupInput>): Promise<string | null> {
  const number = Number(input.number);
  if (!Number.isSafeInteger(number) || number > 2_147_483_647) return null;
  const order = await db.order.findUnique({ where: { number }, select: { id: true, email: true } });
  return order && order.email.toLowerCase() === input.email ? order.id : null;
}

export type OrderLookupResult =
  | { ok: true; path: string }
  | {
      ok: false;
      code: "invalid_input" | "rate_limited" | "not_found";
      error: string;
      fieldErrors?: Record<string, string>;
    };

export const LOOKUP_NOT_FOUND = "We could not find an order with that number and email.";

/**
 * The lookup form: valid input, then the rate limit (before anything is written), then the order; a match
 * gets a new access link (the path to redirect to). One answer for "no such number" and "wrong email".
 */
export async function lookUpOrder(db: Db, values: unknown, request: ShopperRequest): Promise<OrderLookupResult> {
  const parsed = orderLookupInput.safeParse(values);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return { ok: false, code: "invalid_input", error: Object.values(fieldErrors)[0] ?? "Check the form.", fieldErrors };
  }
  const limited = await request.checkRateLimit("orderLookup", { ip: request.ip, account: parsed.data.email });
  if (!limited.ok) return { ok: false, code: "rate_limited", error: limited.message };
  const orderId = await findOrderForLookup(db, parsed.data);
  if (!orderId) return { ok: false, code: "not_found", error: LOOKUP_NOT_FOUND };
  return { ok: true, path: orderAccessPath(orderId, await mintOrderAccessToken(db, orderId, "lookup")) };
}

/** Everything the order page shows; the timeline holds only events meant for the shopper. */
export async function getOrderForShopper(db: Db, orderId: string) {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(orderId)) return null;
  return db.order.findUnique({
    where: { id: orderId },
    include: {
      lines: { orderBy: { createdAt: "asc" } },
      discounts: { orderBy: { position: "asc" } },
      events: { where: { public: true }, orderBy: { createdAt: "asc" } },
      // Carrier, tracking and what each parcel holds, for the shipment list on the order page.
      shipments: {
        orderBy: { shippedAt: "asc" },
        include: { lines: { include: { orderLine: { select: { title: true, variantTitle: true } } } } },
      },
    },
  });
}

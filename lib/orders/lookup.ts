// Guest order lookup and the order page's data. An order is shown only to someone holding its
// unguessable id, or who knows both its number and its email: sequential numbers alone reveal nothing.
import { z } from "zod";
import type { Db } from "@/lib/db";

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

/** Everything the order page shows; the timeline holds only events meant for the shopper. */
export async function getOrderForShopper(db: Db, orderId: string) {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(orderId)) return null;
  return db.order.findUnique({
    where: { id: orderId },
    include: {
      lines: { orderBy: { createdAt: "asc" } },
      events: { where: { public: true }, orderBy: { createdAt: "asc" } },
      // Carrier, tracking and what each parcel holds, for the shipment list on the order page.
      shipments: {
        orderBy: { shippedAt: "asc" },
        include: { lines: { include: { orderLine: { select: { title: true, variantTitle: true } } } } },
      },
    },
  });
}

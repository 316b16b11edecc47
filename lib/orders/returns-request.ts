// A shopper asks to return shipped units of their order (from the order page: a guest through the order's
// link, an account holder signed in; the server action checks that access with ./access.ts before calling
// this). Rules (./returns-rules.ts): the order shipped and is not cancelled or refunded, each line is this
// order's, within the store's return window, and at most what shipped minus what other returns already
// claim; an exchange names an active variant of the same product (a dearer one leaves a difference to pay).
//
// Safety, in one transaction under the order's row lock: each line's returnedQuantity rises through a
// guarded UPDATE (`returnedQuantity + q <= fulfilledQuantity`, also a CHECK constraint) whose row count
// is checked, so two requests can never claim the same units; the form's request key is unique on
// ReturnRequest, so a double submit finds the first return. The timeline event (public), the audit entry
// and the shopper's email (outbox) are written in the same transaction.
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit/log";
import { fieldErrorsOf, firstFieldError } from "@/lib/actions/form";
import type { Tx } from "@/lib/db/transaction";
import { formatMoney } from "@/lib/money";
import { onceWithLockedOrder } from "./admin-common";
import {
  RETURNABLE_ORDER_STATUSES,
  RETURN_REASONS,
  exchangeCostCents,
  returnDifferenceDueCents,
  queueReturnEmail,
  requestReturnSchema,
  returnCreditCents,
  returnableLines,
  type RequestReturnInput,
} from "./returns-rules";

export interface ReturnRequester {
  /** The signed-in account asking, or null for a guest holding the order's link. */
  userId: string | null;
}

export interface RequestReturnResult {
  outcome: "requested" | "replayed";
  returnId: string;
}

async function replay(db: Db | Tx, requestKey: string, orderId: string): Promise<RequestReturnResult | null> {
  const existing = await db.returnRequest.findUnique({ where: { requestKey }, select: { id: true, orderId: true } });
  if (!existing) return null;
  if (existing.orderId !== orderId) {
    throw new UserError("request_key_reused", "This form was already used for another order. Reload the page.");
  }
  return { outcome: "replayed", returnId: existing.id };
}

export async function requestReturn(
  db: Db,
  requester: ReturnRequester,
  rawInput: RequestReturnInput,
  options: { now?: Date } = {},
): Promise<RequestReturnResult> {
  const parsed = requestReturnSchema.safeParse(rawInput);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    throw new UserError("invalid_input", firstFieldError(fieldErrors), { fieldErrors });
  }
  const input = parsed.data;
  const now = options.now ?? new Date();
  return onceWithLockedOrder(db, input.orderId, input.requestKey, replay, async (tx, order) => {
    if (
      !(RETURNABLE_ORDER_STATUSES as readonly string[]).includes(order.status) ||
      order.paymentStatus === "REFUNDED"
    ) {
      throw new UserError("order_not_returnable", "Only items of an order that has shipped can be returned.");
    }
    const lines = new Map((await returnableLines(tx, order.id, now)).map((line) => [line.id, line]));
    const planned = [];
    for (const wanted of input.lines) {
      const line = lines.get(wanted.orderLineId);
      if (!line)
        throw new UserError("line_not_in_order", "One of the items does not belong to this order. Reload the page.");
      if (wanted.quantity > line.returnable) {
        throw new UserError(
          "over_return",
          line.returnable === 0
            ? `“${line.title}” cannot be returned (not shipped, already returned, or past the return window).`
            : `At most ${line.returnable} of “${line.title}” can be returned.`,
          { orderLineId: line.id, returnable: line.returnable },
        );
      }
      const creditCents = returnCreditCents(line, wanted.quantity);
      let exchangeCents = 0;
      if (wanted.exchangeVariantId) {
        const variant = await tx.variant.findUnique({
          where: { id: wanted.exchangeVariantId },
          select: { id: true, title: true, productId: true, priceCents: true, product: { select: { status: true } } },
        });
        if (
          !variant ||
          variant.productId !== line.productId ||
          variant.id === line.variantId ||
          variant.product.status !== "ACTIVE"
        ) {
          throw new UserError("exchange_not_offered", `Choose another option of “${line.title}” to exchange for.`);
        }
        exchangeCents = exchangeCostCents(creditCents, line.unitPriceCents, variant.priceCents);
      }
      planned.push({ ...wanted, creditCents, exchangeCents, title: line.title });
    }

    // Guarded claims, in id order so two requests on one order lock lines in the same order.
    for (const line of [...planned].sort((a, b) => (a.orderLineId < b.orderLineId ? -1 : 1))) {
      const claimed = await tx.$executeRaw`
          UPDATE "OrderLine" SET "returnedQuantity" = "returnedQuantity" + ${line.quantity}
          WHERE id = ${line.orderLineId} AND "orderId" = ${order.id}
            AND "returnedQuantity" + ${line.quantity} <= "fulfilledQuantity"`;
      if (claimed !== 1)
        throw new UserError("over_return", "These items were just included in another return. Reload the page.");
    }
    const created = await tx.returnRequest.create({
      data: {
        orderId: order.id,
        reason: input.reason,
        note: input.note || null,
        requestKey: input.requestKey,
        requestedById: requester.userId,
        differenceCents: returnDifferenceDueCents(planned),
        lines: {
          create: planned.map((line) => ({
            orderLineId: line.orderLineId,
            quantity: line.quantity,
            creditCents: line.creditCents,
            exchangeVariantId: line.exchangeVariantId ?? null,
            exchangeCents: line.exchangeCents,
          })),
        },
      },
      select: { id: true },
    });
    const units = planned.reduce((sum, line) => sum + line.quantity, 0);
    const exchanges = planned.filter((line) => line.exchangeVariantId).length;
    const summary = planned.map((line) => `${line.title} × ${line.quantity}`).join(", ");
    await tx.orderEvent.create({
      data: {
        orderId: order.id,
        actorId: requester.userId,
        type: "return_requested",
        public: true,
        message: `Return requested: ${summary} (${RETURN_REASONS[input.reason]})${exchanges > 0 ? ", with an exchange" : ""}.`,
        data: { returnId: created.id, units },
      },
    });
    const creditCents = planned.reduce((sum, line) => sum + line.creditCents - line.exchangeCents, 0);
    await writeAudit(tx, {
      actorId: requester.userId,
      action: "order.return.request",
      entityType: "Order",
      entityId: order.id,
      data: {
        returnId: created.id,
        lines: planned.map(({ orderLineId, quantity, exchangeVariantId, creditCents: credit, exchangeCents }) => ({
          orderLineId,
          quantity,
          exchangeVariantId: exchangeVariantId ?? null,
          creditCents: credit,
          exchangeCents,
        })),
        refundDue: formatMoney(creditCents, order.currency),
      },
    });
    await queueReturnEmail(tx, order.id, created.id, "requested");
    return { outcome: "requested" as const, returnId: created.id };
  });
}

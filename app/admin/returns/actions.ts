"use server";
// The seller's return actions (ADMIN or STAFF, as the other order actions). Thin: the kit authorizes and
// parses the form, lib/orders/returns-*.ts (which checks every id against the return, takes the order's
// lock, writes the audit entry and is idempotent) does the work, and the page is refreshed.
import { defineAction } from "@/lib/actions/define-action";
import { saved, type Saved } from "@/lib/actions/saved";
import { prisma } from "@/lib/db";
import { receiveReturnLine, refundReturn, shipReturnExchange } from "@/lib/orders/returns-complete";
import {
  approveReturnFormSchema,
  receiveReturnFormSchema,
  refundReturnFormSchema,
  rejectReturnFormSchema,
  shipExchangeFormSchema,
} from "@/lib/orders/returns-forms";
import { approveReturn, rejectReturn } from "@/lib/orders/returns-review";
import { reservationTtlMinutes } from "@/lib/checkout/config";
import { getStoreMoneyFormatter } from "@/lib/settings/money-format";

export type ReturnActionDone = Saved<{ message: string }>;

const done = (message: string): ReturnActionDone => saved({ message });

export const approveReturnAction = defineAction(
  { role: "staff", input: approveReturnFormSchema, echo: ["message"] },
  async ({ input, user }) => {
    const result = await approveReturn(prisma, user, input, { exchangeHoldMinutes: reservationTtlMinutes() });
    return done(
      result.outcome === "approved" ? "Return approved; the shopper is emailed." : "This return was already decided.",
    );
  },
);

export const rejectReturnAction = defineAction(
  { role: "staff", input: rejectReturnFormSchema, echo: ["message"] },
  async ({ input, user }) => {
    const result = await rejectReturn(prisma, user, input);
    return done(
      result.outcome === "rejected" ? "Return rejected; the shopper is emailed." : "This return was already decided.",
    );
  },
);

export const receiveReturnLineAction = defineAction(
  { role: "staff", input: receiveReturnFormSchema, echo: true },
  async ({ input, user }) => {
    const result = await receiveReturnLine(prisma, user, input);
    if (result.outcome === "already_received") return done("This item was already received.");
    return done(result.status === "APPROVED" ? "Item received." : "Item received: every item of this return is back.");
  },
);

export const refundReturnAction = defineAction(
  { role: "staff", input: refundReturnFormSchema },
  async ({ input, user }) => {
    const result = await refundReturn(prisma, user, input);
    const formatMoney = await getStoreMoneyFormatter();
    const money = formatMoney(result.amountCents, result.currency);
    switch (result.outcome) {
      case "refunded":
        return done(`${money} refunded.`);
      case "replayed":
        return done(`This return's refund of ${money} was already recorded.`);
      case "failed":
        return done(`The refund of ${money} failed at the payment provider: see the order's timeline.`);
      case "pending":
        return done(`The refund of ${money} is pending at the payment provider and will be retried automatically.`);
    }
  },
);

export const shipExchangeAction = defineAction(
  { role: "staff", input: shipExchangeFormSchema, echo: ["carrier", "trackingNumber"] },
  async ({ input, user }) => {
    const result = await shipReturnExchange(prisma, user, input);
    return done(
      result.outcome === "replayed" ? "The exchange was already shipped." : "Exchange shipped; the shopper is emailed.",
    );
  },
);

"use server";
// Stock adjustments and transfers. Thin: the kit authorizes and parses the form (field errors keyed by
// input name), lib/inventory does the work, then the admin page is refreshed to show the new figures.
// No storefront cache tag is revalidated: stock is never cached (product pages read availability live,
// lib/inventory/availability.ts), and the search index learns about a variant selling out or coming
// back through the outbox event lib/inventory/adjustments.ts writes in the same transaction.
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { saved, type Saved } from "@/lib/actions/saved";
import { prisma } from "@/lib/db";
import { adjustStock, transferStock } from "@/lib/inventory/adjustments";
import { adjustStockSchema, transferStockSchema } from "@/lib/inventory/schemas";
import { queueLowStockDigestNow } from "@/lib/settings/low-stock-digest";

export type StockChanged = Saved<{ message: string }>;

const units = (count: number) => `${count} unit${count === 1 ? "" : "s"}`;

export const adjustStockAction = defineAction(
  { role: "staff", input: adjustStockSchema, echo: true },
  async ({ input, user }) => {
    const result = await adjustStock(prisma, user, input);
    const level = result.levels[0];
    return saved({
      message: `${input.delta > 0 ? "Added" : "Removed"} ${units(Math.abs(input.delta))}: ${level?.onHand ?? 0} on hand, ${level?.available ?? 0} available here.`,
    });
  },
);

export const transferStockAction = defineAction(
  { role: "staff", input: transferStockSchema, echo: true },
  async ({ input, user }) => {
    const result = await transferStock(prisma, user, input);
    const destination = result.levels[1];
    return saved({
      message: `Moved ${units(input.quantity)}: ${destination?.onHand ?? 0} on hand at the destination.`,
    });
  },
);

/** The low-stock digest, now (the worker also sends one a day): queued through the outbox. */
// The form's hidden field: a forged or garbled post (without it) sends nothing.
const digestForm = z.object({ send: z.literal("digest", { error: "Please reload the page and try again." }) });

export const sendLowStockDigestAction = defineAction({ role: "staff", input: digestForm }, async ({ user }) => {
  const { total, recipients } = await queueLowStockDigestNow(prisma, user);
  return saved({
    message: `Low-stock digest queued for ${recipients} recipient${recipients === 1 ? "" : "s"}: ${total === 0 ? "nothing is low" : `${total} low item${total === 1 ? "" : "s"}`}.`,
  });
});

// The promotion form (/admin/promotions) as zod: every field arrives as text; each kind's own fields are
// required for it and field errors say what to type. Targets are typed as slugs (products, categories or
// brands, per scope) and resolved to ids by ./promotions.ts.
import { z } from "zod";
import { optionalDate, parsePercentBps } from "@/lib/coupons/schema";
import { idSchema, optionalIdSchema } from "@/lib/ids";
import { storeCurrency } from "@/lib/money";
import { moneyAmount, optionalMoneyAmount, optionalText, requiredText, wholeNumber } from "./fields";
import type { PromotionTier } from "@/lib/pricing/promotions";

export const PROMOTION_KINDS = {
  PERCENT_OFF: "Percentage off",
  AMOUNT_OFF: "Amount off",
  BUY_X_GET_Y: "Buy X get Y",
  TIERED_SPEND: "Spend more, save more (tiers)",
  FREE_SHIPPING: "Free shipping",
} as const;

export const PROMOTION_SCOPES = {
  ALL: "Every product",
  PRODUCTS: "These products",
  CATEGORIES: "These categories (and their subcategories)",
  BRANDS: "These brands",
} as const;

const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "on" || value === "true");

/** "12.5" percent to basis points (1250); empty: null. */
const optionalPercent = z
  .string()
  .trim()
  .optional()
  .transform((value, context) => {
    if (!value) return null;
    const bps = parsePercentBps(value) ?? NaN;
    if (!(bps >= 1 && bps <= 10_000)) {
      context.addIssue({ code: "custom", message: "Enter a percentage from 0.01 to 100." });
      return z.NEVER;
    }
    return bps;
  });

const optionalCount = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .pipe(wholeNumber(label, min, max).optional())
    .transform((value) => value ?? null);

/** "100: 10, 200: 25" (spend 100 save 10, spend 200 save 25) in the store currency. */
const tiersText = z
  .string()
  .optional()
  .transform((text, context): PromotionTier[] => {
    const parts = (text ?? "")
      .split(/[,;\n]+/)
      .map((part) => part.trim())
      .filter(Boolean);
    if (parts.length > 10) context.addIssue({ code: "custom", message: "At most 10 tiers." });
    const tiers: PromotionTier[] = [];
    for (const part of parts.slice(0, 10)) {
      const [spend, save, extra] = part.split(":").map((piece) => piece.trim());
      const min = moneyAmount("the amount", storeCurrency).safeParse(spend ?? "");
      const off = moneyAmount("the saving", storeCurrency).safeParse(save ?? "");
      if (extra !== undefined || !min.success || !off.success || off.data <= 0) {
        context.addIssue({ code: "custom", message: `“${part.slice(0, 30)}” is not “spend: save”, like 100: 10.` });
        return z.NEVER;
      }
      if (off.data > min.data) {
        context.addIssue({ code: "custom", message: `A tier cannot save more than its spend (${part.slice(0, 30)}).` });
        return z.NEVER;
      }
      tiers.push({ minCents: min.data, offCents: off.data });
    }
    return tiers.sort((a, b) => a.minCents - b.minCents);
  });

export const promotionInput = z
  .object({
    name: requiredText("a name shoppers see", 80),
    kind: z.enum(Object.keys(PROMOTION_KINDS) as [keyof typeof PROMOTION_KINDS], { error: "Choose a kind." }),
    scope: z
      .enum(Object.keys(PROMOTION_SCOPES) as [keyof typeof PROMOTION_SCOPES], { error: "Choose what it covers." })
      .optional()
      .default("ALL"),
    targets: z
      .string()
      .max(4000, "Too many targets.")
      .optional()
      .transform((text) => [
        ...new Set(
          (text ?? "")
            .split(/[\s,;]+/)
            .map((slug) => slug.trim().toLowerCase())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(z.string().max(120, "A slug is at most 120 characters.")).max(200, "At most 200 targets.")),
    percent: optionalPercent,
    amount: optionalMoneyAmount("the amount off", storeCurrency),
    buyQuantity: optionalCount("buy", 1, 100),
    getQuantity: optionalCount("get", 1, 100),
    tiers: tiersText,
    minSubtotal: optionalMoneyAmount("the minimum", storeCurrency),
    shippingZone: optionalText("the shipping zone", 40),
    priority: z
      .string()
      .optional()
      .transform((value) => value?.trim() || "0")
      .pipe(wholeNumber("the priority", 0, 1000)),
    combinesWithCoupons: checkbox,
    combinesWithPromotions: checkbox,
    usageLimit: optionalCount("the usage limit", 1, 1_000_000_000),
    startsAt: optionalDate.optional().transform((value) => value ?? null),
    endsAt: optionalDate.optional().transform((value) => value ?? null),
    active: checkbox,
  })
  .superRefine((input, context) => {
    const need = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });
    if (input.kind === "PERCENT_OFF" && input.percent === null) need("percent", "Enter the percentage off.");
    if (input.kind === "AMOUNT_OFF" && input.amount === null) need("amount", "Enter the amount off.");
    if (input.kind === "AMOUNT_OFF" && input.amount === 0) need("amount", "The amount off must be more than 0.");
    if (input.kind === "BUY_X_GET_Y") {
      if (input.buyQuantity === null) need("buyQuantity", "Enter how many to buy.");
      if (input.getQuantity === null) need("getQuantity", "Enter how many they get.");
    }
    if (input.kind === "TIERED_SPEND" && input.tiers.length === 0)
      need("tiers", "Enter at least one tier, like 100: 10.");
    if (input.scope !== "ALL" && input.targets.length === 0) need("targets", "Enter at least one slug.");
    if (input.startsAt && input.endsAt && input.endsAt <= input.startsAt)
      need("endsAt", "The end must be after the start.");
  })
  .transform((input) => ({
    ...input,
    // Buy X get Y without a percentage gives the Y items free.
    percent: input.kind === "BUY_X_GET_Y" ? (input.percent ?? 10_000) : input.percent,
    targets: input.scope === "ALL" ? [] : input.targets,
  }));

export type PromotionInput = z.output<typeof promotionInput>;

export const savePromotionInput = z.intersection(
  z.object({
    id: optionalIdSchema(),
  }),
  promotionInput,
);

export const setPromotionActiveInput = z.object({
  id: idSchema(),
  active: z
    .enum(["true", "false"], { message: "Choose activate or deactivate." })
    .transform((value) => value === "true"),
});

// What the admin's coupon form may send, parsed into the stored shape. Only the *shape and ranges* of a
// coupon are checked here (and what needs the database, code uniqueness and scope ids, in ./admin.ts);
// whether a coupon applies to a given cart is decided in one place only: lib/pricing/coupons.ts.
import { z } from "zod";
import { UserError } from "@/lib/errors";
import { idSchema } from "@/lib/ids";
import { fieldErrorsOf } from "@/lib/actions/form";
import { currencyExponent, storeCurrency, toDecimalString } from "@/lib/money";
import { normalizeCouponCode } from "@/lib/pricing/coupons";

export const COUPON_TYPES = ["PERCENTAGE", "FIXED_AMOUNT"] as const;
export const COUPON_SCOPES = ["ORDER", "CATEGORIES", "PRODUCTS"] as const;
/** 3 to 32 characters: letters, digits, dashes and underscores (shoppers type these). */
export const COUPON_CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{2,31}$/;
/** A fixed discount or minimum above this is a typo (10,000,000.00 in a 2-digit currency). */
const MAX_AMOUNT_MINOR = 1_000_000_000;
const MAX_LIMIT = 1_000_000;

const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

const id = idSchema({ missing: "Unknown id.", invalid: "Unknown id." });

/** Form fields arrive as strings ("" for an empty optional field); tests and scripts may pass numbers/Dates. */
const text = z.union([z.string(), z.number()]).transform((value) => String(value).trim());
const optionalText = z
  .union([z.string(), z.number(), z.null(), z.undefined()])
  .transform((value) => (value === null || value === undefined ? "" : String(value).trim()));

const optionalLimit = (label: string) =>
  optionalText.transform((value, context) => {
    if (value === "") return null;
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_LIMIT) {
      context.addIssue({
        code: "custom",
        message: `${label} must be a whole number of at least 1 (or empty for no limit).`,
      });
      return z.NEVER;
    }
    return Number(value);
  });

/** "2026-12-01T09:30" from <input type="datetime-local"> is read as UTC (the form says so); full ISO strings keep their offset. */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export const optionalDate = z.union([z.string(), z.date(), z.null(), z.undefined()]).transform((value, context) => {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      context.addIssue({ code: "custom", message: "Enter a valid date and time." });
      return z.NEVER;
    }
    return value;
  }
  const trimmed = value?.trim() ?? "";
  if (trimmed === "") return null;
  const iso = LOCAL_DATE_TIME.test(trimmed) ? `${trimmed}Z` : ISO_DATE_TIME.test(trimmed) ? trimmed : null;
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime()) || date.getUTCFullYear() < 2000 || date.getUTCFullYear() > 2200) {
    context.addIssue({ code: "custom", message: "Enter a valid date and time." });
    return z.NEVER;
  }
  return date;
});

const idList = (max: number, label: string) =>
  z
    .union([z.array(id), id, z.undefined(), z.null()])
    .transform((value) => [...new Set(value == null ? [] : Array.isArray(value) ? value : [value])])
    .pipe(z.array(z.string()).max(max, `Choose at most ${max} ${label}.`));

const THOUSANDS_GROUPED = /^\d{1,3}(,\d{3})+(\.\d*)?$/;

/**
 * Decimal text to integer minor units: "10", "10.5", "10.50" → 1050 in USD; no float arithmetic.
 * null when it is not a plain non-negative amount with at most the currency's digits.
 */
export function parseMinorUnits(value: string, currency: string): number | null {
  const digits = currencyExponent(currency);
  const pattern = digits === 0 ? /^(\d{1,12})$/ : new RegExp(`^(\\d{1,12})(?:\\.(\\d{1,${digits}}))?$`);
  // Commas only as thousands separators ("1,234.50"): "1,50" is a decimal comma in much of the world,
  // and dropping it would make a 1.50 discount 150.00.
  if (value.includes(",") && !THOUSANDS_GROUPED.test(value)) return null;
  const match = pattern.exec(value.replace(/,/g, ""));
  if (!match) return null;
  const whole = match[1] ?? "0";
  const fraction = (match[2] ?? "").padEnd(digits, "0");
  const minor = Number(whole) * 10 ** digits + Number(fraction || "0");
  return Number.isSafeInteger(minor) ? minor : null;
}

/** "15" or "12.5" (percent) → basis points (1500, 1250); null when not a number with at most 2 decimals. */
export function parsePercentBps(value: string): number | null {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** Basis points back to the form's percent text: 1250 → "12.5". */
export function formatPercent(bps: number): string {
  const whole = Math.floor(bps / 100);
  const fraction = String(bps % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}

export const couponInputSchema = z
  .object({
    code: text
      .transform(normalizeCouponCode)
      .pipe(
        z
          .string()
          .min(1, "Enter a code.")
          .regex(
            COUPON_CODE_PATTERN,
            "Use 3 to 32 letters, digits, dashes or underscores, starting with a letter or digit.",
          ),
      ),
    description: optionalText.pipe(z.string().max(200, "Keep the description under 200 characters.")),
    type: z.enum(COUPON_TYPES, { message: "Choose percentage or fixed amount." }),
    value: text,
    currency: optionalText
      .transform((value) => (value === "" ? storeCurrency() : value.toUpperCase()))
      .refine(
        (value) => /^[A-Z]{3}$/.test(value) && KNOWN_CURRENCIES.has(value),
        "Use a three-letter ISO currency code, such as USD.",
      ),
    minSubtotal: optionalText,
    usageLimit: optionalLimit("The total usage limit"),
    perCustomerLimit: optionalLimit("The per-customer limit"),
    startsAt: optionalDate,
    endsAt: optionalDate,
    scope: z.enum(COUPON_SCOPES, { message: "Choose what the coupon applies to." }),
    categoryIds: idList(200, "categories"),
    productIds: idList(500, "products"),
  })
  .transform((input, context) => {
    const issue = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });
    const currency = input.currency;
    let value: number | null = null;
    if (input.type === "PERCENTAGE") {
      value = parsePercentBps(input.value.replace(/\s*%$/, ""));
      if (value === null || value < 100 || value > 10_000) {
        issue("value", "Enter a percentage from 1 to 100 (at most 2 decimals).");
      }
    } else {
      value = parseMinorUnits(input.value, currency);
      if (value === null || value <= 0 || value > MAX_AMOUNT_MINOR) {
        issue(
          "value",
          `Enter an amount greater than 0, such as ${toDecimalString(10 ** currencyExponent(currency) * 10, currency)}.`,
        );
      }
    }
    let minSubtotalCents: number | null = 0;
    if (input.minSubtotal !== "") {
      minSubtotalCents = parseMinorUnits(input.minSubtotal, currency);
      if (minSubtotalCents === null || minSubtotalCents > MAX_AMOUNT_MINOR) {
        issue("minSubtotal", "Enter a minimum order amount such as 50.00, or leave it empty.");
      }
    }
    if (input.startsAt && input.endsAt && input.endsAt <= input.startsAt) {
      issue("endsAt", "The end must be after the start.");
    }
    if (input.scope === "CATEGORIES" && input.categoryIds.length === 0)
      issue("categoryIds", "Choose at least one category.");
    if (input.scope === "PRODUCTS" && input.productIds.length === 0)
      issue("productIds", "Choose at least one product.");
    if (value === null || minSubtotalCents === null) return z.NEVER;
    return {
      code: input.code,
      description: input.description,
      type: input.type,
      value,
      currency,
      minSubtotalCents,
      usageLimit: input.usageLimit,
      perCustomerLimit: input.perCustomerLimit,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      scope: input.scope,
      // Only the list the scope uses is kept: an order-wide coupon has no leftover links.
      categoryIds: input.scope === "CATEGORIES" ? input.categoryIds : [],
      productIds: input.scope === "PRODUCTS" ? input.productIds : [],
    };
  });

export type CouponInput = z.input<typeof couponInputSchema>;
export type CouponData = z.output<typeof couponInputSchema>;

export function couponFieldError(field: string, message: string, code = "invalid_input"): UserError {
  return new UserError(code, message, { fieldErrors: { [field]: message } });
}

/** Parses or throws a UserError("invalid_input") with the field errors (nothing has been written). */
export function parseCouponInput(input: unknown): CouponData {
  const parsed = couponInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors = fieldErrorsOf(parsed.error);
  throw new UserError("invalid_input", Object.values(fieldErrors)[0] ?? "Please check the form.", { fieldErrors });
}

/** A stored date as the value of <input type="datetime-local"> in UTC. */
export function toDateTimeLocal(date: Date | null): string {
  return date ? date.toISOString().slice(0, 16) : "";
}

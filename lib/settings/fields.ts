// Form fields shared by the settings forms: trimmed text, optional text, whole numbers, money amounts in
// the store currency (0 allowed: a free rate), slugs. Each gives a message a seller can act on.
import { z } from "zod";
import { MAX_SLUG_LENGTH, SLUG_PATTERN, toSlug } from "@/lib/catalog/admin/slug";
import { idSchema } from "@/lib/ids";
import { currencyExponent } from "@/lib/money";

export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .min(1, `Enter ${label}.`)
    .max(max, `${capitalize(label)} must be at most ${max} characters.`);

/** Empty becomes null (the field is cleared). */
export const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${capitalize(label)} must be at most ${max} characters.`)
    .optional()
    .transform((value) => (value ? value : null));

export const wholeNumber = (label: string, min: number, max: number) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .regex(/^\d{1,9}$/, `${capitalize(label)} must be a whole number.`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, `${capitalize(label)} must be at least ${min}.`)
        .max(max, `${capitalize(label)} must be at most ${max}.`),
    );

const MAX_MINOR = 2_147_483_647;

/** "12.50" in `currency` to minor units; 0 allowed. */
export function parseMoneyText(text: string, currency: string): { ok: true; cents: number } | { ok: false } {
  const digits = currencyExponent(currency);
  const pattern = digits === 0 ? /^(\d{1,10})$/ : new RegExp(`^(\\d{1,10})(?:\\.(\\d{1,${digits}}))?$`);
  const match = pattern.exec(text.trim());
  if (!match) return { ok: false };
  const cents = Number(match[1]) * 10 ** digits + (digits === 0 ? 0 : Number((match[2] ?? "").padEnd(digits, "0")));
  return cents <= MAX_MINOR ? { ok: true, cents } : { ok: false };
}

export const moneyAmount = (label: string, currency: () => string) =>
  z.string({ error: `Enter ${label}.` }).transform((text, context) => {
    const parsed = parseMoneyText(text, currency());
    if (parsed.ok) return parsed.cents;
    context.addIssue({ code: "custom", message: `${capitalize(label)} must be an amount like 12.50.` });
    return z.NEVER;
  });

/** Empty: none (null). */
export const optionalMoneyAmount = (label: string, currency: () => string) =>
  z
    .string()
    .optional()
    .transform((text, context) => {
      if (!text || text.trim() === "") return null;
      const parsed = parseMoneyText(text, currency());
      if (parsed.ok) return parsed.cents;
      context.addIssue({ code: "custom", message: `${capitalize(label)} must be an amount like 75.00, or empty.` });
      return z.NEVER;
    });

/**
 * A slug field: empty takes the slug of `fallbackField` (the name); otherwise lower-case words joined by
 * hyphens. Used with .superRefine on the object, so it reads the name.
 */
export const slugText = z
  .string()
  .trim()
  .toLowerCase()
  .max(MAX_SLUG_LENGTH, `The slug must be at most ${MAX_SLUG_LENGTH} characters.`)
  .optional()
  .transform((value) => value ?? "")
  .refine((value) => value === "" || SLUG_PATTERN.test(value), {
    message: "The slug may only have lower-case letters, digits and single hyphens between them (like summer-tees).",
  });

/** The slug typed, or the name's; a field error when the name makes none (only punctuation). */
export function slugOrFromName(slug: string, name: string, context: z.RefinementCtx): string {
  const value = slug || toSlug(name);
  if (!value) context.addIssue({ code: "custom", path: ["slug"], message: "Enter a slug (letters or digits)." });
  return value;
}

/** A record id posted by a form. */
export const recordId = idSchema();

function capitalize(text: string): string {
  return `${text[0]!.toUpperCase()}${text.slice(1)}`;
}

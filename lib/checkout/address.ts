// The shipping address a guest types at checkout. Validated on the server whatever the form sent:
// required fields, sane lengths, and the postal code format of the countries we know.
import { z } from "zod";

// Upper-cased, single-spaced input is matched against these.
const POSTAL_CODE_FORMATS: Record<string, { pattern: RegExp; example: string }> = {
  US: { pattern: /^\d{5}(-\d{4})?$/, example: "94103 or 94103-1234" },
  CA: { pattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/, example: "K1A 0B1" },
  GB: { pattern: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, example: "SW1A 1AA" },
  DE: { pattern: /^\d{5}$/, example: "10115" },
  FR: { pattern: /^\d{5}$/, example: "75001" },
};
// Countries where the region (state, province) decides the tax rate.
const REGION_REQUIRED = new Set(["US", "CA"]);

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);
const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .optional()
    .transform((value) => (value ? value : undefined));

export const shippingAddressSchema = z
  .object({
    firstName: text("First name", 100),
    lastName: text("Last name", 100),
    company: optionalText("Company", 100),
    line1: text("Address", 200),
    line2: optionalText("Address line 2", 200),
    city: text("City", 100),
    region: optionalText("State or region", 100).transform((value) => value?.toUpperCase()),
    postalCode: text("Postal code", 20).transform((value) => value.toUpperCase().replace(/\s+/g, " ")),
    country: z
      .string({ error: "Country is required." })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "Choose a country."),
    phone: optionalText("Phone", 30).refine(
      (value) => !value || /^[+()\d\s.-]{5,30}$/.test(value),
      "Enter a valid phone number.",
    ),
  })
  .superRefine((address, context) => {
    const format = POSTAL_CODE_FORMATS[address.country];
    if (format && !format.pattern.test(address.postalCode)) {
      context.addIssue({
        code: "custom",
        path: ["postalCode"],
        message: `Enter a valid postal code (for example ${format.example}).`,
      });
    }
    if (REGION_REQUIRED.has(address.country) && !address.region) {
      context.addIssue({ code: "custom", path: ["region"], message: "State or province is required." });
    }
  });

export type ShippingAddress = z.output<typeof shippingAddressSchema>;

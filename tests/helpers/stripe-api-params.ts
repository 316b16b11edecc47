// The request parameters Stripe's API accepts, read from the installed `stripe` SDK's type declarations
// (generated from Stripe's OpenAPI spec for the API version the store pins), so the stand-in refuses
// exactly what the real API would call an unknown parameter, without a hand-kept list that drifts.
//
// A small line-based reader of the SDK's .d.ts layout: `interface X {` / `namespace X {` open named
// blocks, one property per line (`name?: Type;`), JSDoc comments on their own lines.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export interface ParamSpec {
  /** Every parameter name. */
  names: ReadonlySet<string>;
  /** The parameters without `?`. */
  required: ReadonlySet<string>;
}

function sdkResourceFile(relative: string): string {
  // The package exports no package.json; its CommonJS entry sits at <package>/cjs/stripe.cjs.node.js.
  const entry = createRequire(import.meta.url).resolve("stripe");
  return path.join(path.dirname(path.dirname(entry)), "cjs", "resources", relative);
}

const OPEN_BLOCK = /^\s*(?:export\s+)?(?:declare\s+)?(interface|namespace)\s+(\w+)\b[^{]*\{\s*$/;
const PROPERTY = /^\s*(\w+)(\?)?:/;

/** The properties of the interface at `qualifiedName` (e.g. ["Checkout", "SessionCreateParams"]). */
export function interfaceParams(source: string, qualifiedName: readonly string[]): ParamSpec {
  const names = new Set<string>();
  const required = new Set<string>();
  // Named blocks carry their name; an inline object type spanning lines is an unnamed block.
  const stack: (string | null)[] = [];
  let found = false;
  for (const line of source.split("\n")) {
    const trimmed = line.trim();
    if (trimmed.startsWith("/*") || trimmed.startsWith("*") || trimmed.startsWith("//")) continue;
    const open = OPEN_BLOCK.exec(line);
    if (open) {
      stack.push(open[2]!);
      continue;
    }
    const here = stack.length === qualifiedName.length && stack.every((name, index) => name === qualifiedName[index]);
    if (here) {
      found = true;
      const property = PROPERTY.exec(line);
      if (property) {
        names.add(property[1]!);
        if (!property[2]) required.add(property[1]!);
      }
    }
    for (const char of line) {
      if (char === "{") stack.push(null);
      else if (char === "}") stack.pop();
    }
  }
  if (!found || names.size === 0) {
    throw new Error(`stripe SDK types: no interface ${qualifiedName.join(".")} found (did the SDK layout change?)`);
  }
  return { names, required };
}

const cache = new Map<string, ParamSpec>();

function fromSdk(file: string, qualifiedName: string[]): ParamSpec {
  const key = `${file}#${qualifiedName.join(".")}`;
  let spec = cache.get(key);
  if (!spec) {
    spec = interfaceParams(readFileSync(sdkResourceFile(file), "utf8"), qualifiedName);
    cache.set(key, spec);
  }
  return spec;
}

/** POST /v1/checkout/sessions and its nested objects. */
export const checkoutSessionCreateParams = {
  session: () => fromSdk("Checkout/Sessions.d.ts", ["Checkout", "SessionCreateParams"]),
  lineItem: () => fromSdk("Checkout/Sessions.d.ts", ["Checkout", "SessionCreateParams", "LineItem"]),
  priceData: () => fromSdk("Checkout/Sessions.d.ts", ["Checkout", "SessionCreateParams", "LineItem", "PriceData"]),
  productData: () =>
    fromSdk("Checkout/Sessions.d.ts", ["Checkout", "SessionCreateParams", "LineItem", "PriceData", "ProductData"]),
  paymentIntentData: () => fromSdk("Checkout/Sessions.d.ts", ["Checkout", "SessionCreateParams", "PaymentIntentData"]),
};

/** POST /v1/refunds. */
export const refundCreateParams = () => fromSdk("Refunds.d.ts", ["RefundCreateParams"]);

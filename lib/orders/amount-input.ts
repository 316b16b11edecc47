// A typed money amount ("12.34") to integer minor units, with integer arithmetic only (never a float
// multiplication, which turns 0.29 into 28.999...). The currency's exponent decides how many decimals are
// allowed: "12.34" is 1234 in USD, "1234" in JPY, "1.234" is 1234 in KWD.
import { currencyExponent, toDecimalString } from "@/lib/money";

export type AmountParse = { ok: true; cents: number } | { ok: false; error: string };

const MAX_MINOR = 2_147_483_647; // the database's INTEGER

export function parseAmountInput(text: string, currency: string): AmountParse {
  const digits = currencyExponent(currency);
  const example = toDecimalString(1234 * 10 ** Math.max(0, digits - 2), currency);
  const value = text.trim();
  const pattern = digits === 0 ? /^(\d{1,12})$/ : new RegExp(`^(\\d{1,12})(?:\\.(\\d{1,${digits}}))?$`);
  const match = pattern.exec(value);
  if (!match) {
    return {
      ok: false,
      error:
        digits === 0
          ? `Enter a whole amount, like ${example}.`
          : `Enter an amount like ${example} (at most ${digits} decimals).`,
    };
  }
  const whole = Number(match[1]);
  const fraction = digits === 0 ? 0 : Number((match[2] ?? "").padEnd(digits, "0"));
  const cents = whole * 10 ** digits + fraction;
  if (!Number.isSafeInteger(cents) || cents > MAX_MINOR) return { ok: false, error: "That amount is too large." };
  if (cents <= 0) return { ok: false, error: "Enter an amount greater than zero." };
  return { ok: true, cents };
}

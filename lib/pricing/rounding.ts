// Integer arithmetic for money. Amounts are minor units (safe integers); rates are basis points.
// Intermediate products use BigInt so amount * rate never loses precision, however large the order.

function assertMinorUnits(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer number of minor units, got ${value}`);
  }
}

/** numerator / denominator rounded half up (numerator >= 0, denominator > 0). */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n) throw new RangeError("numerator must not be negative");
  if (denominator <= 0n) throw new RangeError("denominator must be positive");
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** amount * bps / 10000, rounded half up (amounts are never negative, so half up = half away from zero). */
export function applyBasisPoints(amountMinor: number, bps: number): number {
  assertMinorUnits(amountMinor, "amount");
  if (!Number.isSafeInteger(bps) || bps < 0) throw new RangeError(`rate must be whole basis points, got ${bps}`);
  return Number(divideRoundHalfUp(BigInt(amountMinor) * BigInt(bps), 10_000n));
}

/**
 * Splits `amount` into integer parts proportional to `weights` by the largest remainder method, so the
 * parts always sum to exactly `amount`. Each part first gets floor(amount * w / W); the units left over
 * go one each to the largest remainders, ties to the earlier index. A zero weight never receives
 * anything, and when amount <= W no part exceeds its own weight (so a discount never exceeds its line).
 */
export function allocateByLargestRemainder(amount: number, weights: readonly number[]): number[] {
  assertMinorUnits(amount, "amount");
  weights.forEach((weight) => assertMinorUnits(weight, "weight"));
  const sum = weights.reduce((acc, weight) => acc + BigInt(weight), 0n);
  if (sum === 0n) {
    if (amount === 0) return weights.map(() => 0);
    throw new RangeError("cannot allocate a non-zero amount over zero weights");
  }
  const amountBig = BigInt(amount);
  const parts = weights.map((weight) => {
    const numerator = amountBig * BigInt(weight);
    return { floor: numerator / sum, remainder: numerator % sum };
  });
  let left = amountBig - parts.reduce((acc, part) => acc + part.floor, 0n);
  const byRemainder = parts
    .map((part, index) => ({ index, remainder: part.remainder }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const result = parts.map((part) => part.floor);
  for (const { index } of byRemainder) {
    if (left === 0n) break;
    result[index] = (result[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return result.map(Number);
}

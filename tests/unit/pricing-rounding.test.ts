import { describe, expect, it, test } from "vitest";
import { allocateByLargestRemainder, applyBasisPoints, divideRoundHalfUp } from "@/lib/pricing/rounding";

describe("divideRoundHalfUp", () => {
  test.each([
    [1n, 2n, 1n], // 0.5 -> 1
    [3n, 2n, 2n], // 1.5 -> 2
    [5n, 2n, 3n], // 2.5 -> 3 (half up, not half even)
    [5n, 4n, 1n], // 1.25 -> 1
    [7n, 4n, 2n], // 1.75 -> 2
    [1n, 3n, 0n], // 0.333 -> 0
    [2n, 3n, 1n], // 0.667 -> 1
    [0n, 7n, 0n],
    [10n, 5n, 2n], // exact
  ])("%s / %s = %s", (numerator, denominator, expected) => {
    expect(divideRoundHalfUp(numerator, denominator)).toBe(expected);
  });

  it("refuses negative numerators and non-positive denominators", () => {
    expect(() => divideRoundHalfUp(-1n, 2n)).toThrow(RangeError);
    expect(() => divideRoundHalfUp(1n, 0n)).toThrow(RangeError);
  });
});

describe("applyBasisPoints", () => {
  test.each([
    // amount, bps, expected
    [1005, 5000, 503], // 502.5 -> 503
    [1, 5000, 1], // 0.5 cent -> 1 cent
    [1, 4999, 0], // 0.4999 -> 0
    [100, 3333, 33], // 33.33 -> 33
    [150, 3333, 50], // 49.995 -> 50
    [300, 3333, 100], // 99.99 -> 100
    [3333, 3333, 1111], // 1110.8889 -> 1111
    [10000, 825, 825],
    [1999, 825, 165], // 164.9175 -> 165
    [1999, 10000, 1999], // 100 %
    [1999, 0, 0],
    [0, 825, 0],
    [333, 800, 27], // JPY: 26.64 yen -> 27
    [Number.MAX_SAFE_INTEGER, 10000, Number.MAX_SAFE_INTEGER], // no float overflow on the way
  ])("%s minor units x %s bps = %s", (amount, bps, expected) => {
    expect(applyBasisPoints(amount, bps)).toBe(expected);
  });

  test.each([
    [-1, 100],
    [1.5, 100],
    [100, -1],
    [100, 0.5],
    [Number.NaN, 1],
  ])("refuses %s x %s", (amount, bps) => {
    expect(() => applyBasisPoints(amount, bps)).toThrow(RangeError);
  });
});

describe("allocateByLargestRemainder", () => {
  test.each([
    // amount, weights, expected
    [100, [1, 1, 1], [34, 33, 33]], // equal remainders: earlier line first
    [2, [1, 1, 1], [1, 1, 0]],
    [1, [1, 1], [1, 0]],
    [1, [1, 3], [0, 1]], // 0.25 vs 0.75: the larger remainder wins
    [7, [2, 2, 3], [2, 2, 3]], // exact shares
    [10, [0, 5, 5], [0, 5, 5]], // a zero weight never receives anything
    [3, [0, 1, 1, 1], [0, 1, 1, 1]],
    [0, [0, 0], [0, 0]],
    [100, [1], [100]],
    [450, [3998, 500], [400, 50]],
    [334, [3598, 450], [297, 37]],
    [5, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]],
  ])("%s over %j = %j", (amount, weights, expected) => {
    expect(allocateByLargestRemainder(amount, weights)).toEqual(expected);
  });

  it("refuses a non-zero amount over zero weights, and bad input", () => {
    expect(() => allocateByLargestRemainder(5, [0, 0])).toThrow(RangeError);
    expect(() => allocateByLargestRemainder(5, [])).toThrow(RangeError);
    expect(() => allocateByLargestRemainder(-1, [1])).toThrow(RangeError);
    expect(() => allocateByLargestRemainder(1, [1.5])).toThrow(RangeError);
  });

  it("always sums exactly and never gives a line more than its weight (amount <= total weight)", () => {
    // Deterministic pseudo-random cases (a linear congruential generator), so a failure is reproducible.
    let seed = 42;
    const random = (max: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % max;
    };
    for (let round = 0; round < 2000; round++) {
      const weights = Array.from({ length: 1 + random(40) }, () => (random(4) === 0 ? 0 : random(100_000)));
      const total = weights.reduce((sum, weight) => sum + weight, 0);
      if (total === 0) continue;
      const amount = random(total + 1);
      const shares = allocateByLargestRemainder(amount, weights);
      expect(shares.reduce((sum, share) => sum + share, 0)).toBe(amount);
      shares.forEach((share, index) => {
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(weights[index] ?? 0);
        // Within one unit of the exact proportional share.
        expect(Math.abs(share - (amount * (weights[index] ?? 0)) / total)).toBeLessThan(1);
      });
    }
  });
});

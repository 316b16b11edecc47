import { describe, expect, it } from "vitest";
import {
  DEFAULT_GRACE_MS,
  MAX_SHUTDOWN_SECONDS,
  parseDrainSeconds,
  parseGraceSeconds,
} from "@/lib/http/shutdown-times";

describe("WEB_SHUTDOWN_DRAIN_SECONDS", () => {
  it("is 0 (no drain) when unset or blank", () => {
    expect(parseDrainSeconds(undefined)).toBe(0);
    expect(parseDrainSeconds("")).toBe(0);
    expect(parseDrainSeconds("  ")).toBe(0);
  });

  it("is read in seconds, fractions allowed, up to the limit", () => {
    expect(parseDrainSeconds("0")).toBe(0);
    expect(parseDrainSeconds("15")).toBe(15_000);
    expect(parseDrainSeconds(" 2.5 ")).toBe(2_500);
    expect(parseDrainSeconds(String(MAX_SHUTDOWN_SECONDS))).toBe(MAX_SHUTDOWN_SECONDS * 1000);
  });

  it("refuses anything else, naming the variable", () => {
    for (const bad of ["-1", "abc", "15s", "1e3", "NaN", "Infinity", String(MAX_SHUTDOWN_SECONDS + 1), "0.0001", "1,5"])
      expect(() => parseDrainSeconds(bad), bad).toThrow(/WEB_SHUTDOWN_DRAIN_SECONDS/);
  });
});

describe("WEB_SHUTDOWN_GRACE_SECONDS", () => {
  it("is the default when unset or blank", () => {
    expect(parseGraceSeconds(undefined)).toBe(DEFAULT_GRACE_MS);
    expect(parseGraceSeconds(" ")).toBe(DEFAULT_GRACE_MS);
  });

  it("is read in seconds like the drain", () => {
    expect(parseGraceSeconds("60")).toBe(60_000);
    expect(parseGraceSeconds("0.5")).toBe(500);
  });

  it("refuses 0 and anything that is not seconds, naming the variable (it fell back to 8 s silently)", () => {
    for (const bad of ["0", "30s", "-5", "abc", String(MAX_SHUTDOWN_SECONDS + 1)])
      expect(() => parseGraceSeconds(bad), bad).toThrow(/WEB_SHUTDOWN_GRACE_SECONDS/);
  });
});

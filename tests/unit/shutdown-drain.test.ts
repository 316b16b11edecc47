import { describe, expect, it } from "vitest";
import { MAX_DRAIN_SECONDS, parseDrainSeconds } from "@/lib/http/shutdown-drain";

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
    expect(parseDrainSeconds(String(MAX_DRAIN_SECONDS))).toBe(MAX_DRAIN_SECONDS * 1000);
  });

  it("refuses anything else, naming the variable", () => {
    for (const bad of ["-1", "abc", "15s", "1e3", "NaN", "Infinity", String(MAX_DRAIN_SECONDS + 1), "0.0001", "1,5"])
      expect(() => parseDrainSeconds(bad), bad).toThrow(/WEB_SHUTDOWN_DRAIN_SECONDS/);
  });
});

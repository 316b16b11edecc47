import { describe, expect, it } from "vitest";
import { addressLines } from "@/lib/cart/address-lines";

describe("addressLines", () => {
  it("prints every part on its own line, with the country's name", () => {
    expect(
      addressLines({
        firstName: "Ada",
        lastName: "Lovelace",
        company: "Analytical Engines",
        line1: "1 Langley Blvd",
        line2: "Suite 2",
        city: "Ottawa",
        region: "ON",
        postalCode: "K1A 0B1",
        country: "CA",
      }),
    ).toEqual(["Ada Lovelace", "Analytical Engines", "1 Langley Blvd", "Suite 2", "Ottawa, ON, K1A 0B1", "Canada"]);
  });

  it("leaves out empty parts and prints what a partial or malformed snapshot has", () => {
    expect(addressLines({ firstName: "Ada", line1: "1 Main St", company: null, city: "Paris", country: "FR" })).toEqual(
      ["Ada", "1 Main St", "Paris", "France"],
    );
    expect(addressLines({ line1: "1 Main St", country: "Atlantis" })).toEqual(["1 Main St", "Atlantis"]);
    expect(addressLines(null)).toEqual([]);
  });
});

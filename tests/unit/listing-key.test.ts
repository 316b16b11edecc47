import { describe, expect, it } from "vitest";
import { listingKey, requestFromListingKey } from "@/lib/search/listing-key";
import { EMPTY_REQUEST, parseSearchParams } from "@/lib/search/params";

const parse = (query: string) => parseSearchParams(new URLSearchParams(query));

describe("listing keys", () => {
  it("names each normalised request once: the same listing under different spellings shares a key", () => {
    const a = listingKey(parse("q=  navy   hoodie &sort=price-asc&page=1&unknown=x"));
    const b = listingKey(parse("sort=price-asc&q=navy%20hoodie"));
    expect(a).toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(listingKey(parse("q=navy+hoodie&sort=price-desc"))).not.toBe(a);
  });

  it("gives back the request it was made from", () => {
    for (const query of [
      "",
      "q=jaket&sort=relevance",
      "price=25-50&sort=price-asc",
      "q=caf%C3%A9+%E2%80%9Cnoir%E2%80%9D&brand=Granite+Trail&brand=Lark&size=US+9&inStock=1&page=3",
      "q=boots&interpret=0&rating=4",
    ]) {
      const request = parse(query);
      expect(requestFromListingKey(listingKey(request))).toEqual(request);
    }
    expect(listingKey(EMPTY_REQUEST)).toBe("all");
    expect(requestFromListingKey("all")).toEqual(EMPTY_REQUEST);
  });

  it("refuses a key that is not the canonical form of a request", () => {
    const canonical = Buffer.from("q=boots", "utf8").toString("base64url");
    expect(requestFromListingKey(canonical)).toEqual(parse("q=boots"));
    for (const key of [
      "",
      "All",
      "%2F..",
      "a b",
      // Decodes to a request, but not written the canonical way (an unknown parameter, a default value, padding).
      Buffer.from("q=boots&x=1", "utf8").toString("base64url"),
      Buffer.from("q=boots&page=1", "utf8").toString("base64url"),
      Buffer.from("q=boots", "utf8").toString("base64"),
      Buffer.from("q=  boots", "utf8").toString("base64url"),
      "x".repeat(5000),
    ]) {
      expect(requestFromListingKey(key), key.slice(0, 40)).toBeNull();
    }
  });
});

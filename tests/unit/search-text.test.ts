// Free-text search parameters never carry a control character to the database: PostgreSQL refuses a text
// value with a NUL byte, which used to fail the admin lists with an error page (found by the fuzz suite,
// e2e/http-edge.spec.ts). Lenient lists drop the characters; the orders list ignores the parameter and
// says so.
import { describe, expect, it } from "vitest";
import { userListParams } from "@/lib/auth/users-admin";
import { parseAdminProductListParams } from "@/lib/catalog/admin/list";
import { parseInventoryListParams } from "@/lib/inventory/list-params";
import { parseOrderListParams } from "@/lib/orders/admin-queries";
import { hasControlCharacters, searchText } from "@/lib/text";

describe("searchText", () => {
  it("turns control characters into spaces, collapses whitespace, trims and cuts by character", () => {
    expect(searchText("ridge\u0000tee", 50)).toBe("ridge tee");
    expect(searchText(" \u0000\u001f\u007f ", 50)).toBe("");
    expect(searchText("a\r\n\tb", 50)).toBe("a b");
    expect(searchText("😀".repeat(5), 3)).toBe("😀😀😀");
    expect(searchText(undefined, 5)).toBe("");
    expect(hasControlCharacters("a\u0000")).toBe(true);
    expect(hasControlCharacters("café 😀")).toBe(false);
  });
});

describe("admin list parameters with a NUL byte", () => {
  it("products, inventory and users drop it", () => {
    expect(parseAdminProductListParams({ q: "tee\u0000" }).q).toBe("tee");
    expect(parseInventoryListParams({ q: "\u0000sku" }).q).toBe("sku");
    expect(userListParams.parse({ q: "ann\u0000" }).q).toBe("ann");
    expect(userListParams.parse({ q: "\u0000" }).q).toBeUndefined();
  });

  it("orders ignore the search and list it among the ignored parameters", () => {
    const parsed = parseOrderListParams({ q: "a\u0000b@example.com" });
    expect(parsed.filters.q).toBeUndefined();
    expect(parsed.ignored).toContain("search");
  });
});

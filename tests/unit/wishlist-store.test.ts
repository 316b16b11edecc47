import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WishlistStore } from "@/components/wishlist/wishlist-store";

/** GET /api/wishlist answering with these saved ids and email; counts its calls. */
function answerWith(productIds: string[], email: string | null = null) {
  const fetch = vi.fn(async () => Response.json({ productIds, email }));
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

beforeEach(() => {
  // A document whose streamed parts are all revealed: the read goes out at once.
  vi.stubGlobal("document", { readyState: "complete", querySelector: () => null });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("WishlistStore", () => {
  it("shows every product as not saved until the read answers, then the saved ones", async () => {
    answerWith(["a"]);
    const store = new WishlistStore();
    expect(store.isSaved("a")).toBe(false);
    await store.load();
    expect(store.isSaved("a")).toBe(true);
    expect(store.isSaved("b")).toBe(false);
  });

  it("reads the state once, however many hearts ask", async () => {
    const fetch = answerWith([]);
    const store = new WishlistStore();
    await Promise.all([store.load(), store.load(), store.load()]);
    await store.load();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("tells only the hearts whose product changed", async () => {
    answerWith(["a"], "shopper@example.test");
    const store = new WishlistStore();
    const told = { a: 0, b: 0, c: 0, email: 0 };
    store.subscribeProduct("a", () => told.a++);
    store.subscribeProduct("b", () => told.b++);
    store.subscribeProduct("c", () => told.c++);
    store.subscribeEmail(() => told.email++);

    await store.load();
    // Only a was saved: b and c show "not saved" before and after the answer.
    expect(told).toEqual({ a: 1, b: 0, c: 0, email: 1 });
    expect(store.getEmail()).toBe("shopper@example.test");

    store.replace(["a", "b"]); // a save of b answers with both
    expect(told).toEqual({ a: 1, b: 1, c: 0, email: 1 });
    store.replace(["b"]); // a removal of a
    expect(told).toEqual({ a: 2, b: 1, c: 0, email: 1 });
  });

  it("stops telling a heart once it unsubscribes", () => {
    const store = new WishlistStore();
    let told = 0;
    const unsubscribe = store.subscribeProduct("a", () => told++);
    store.replace(["a"]);
    unsubscribe();
    store.replace([]);
    expect(told).toBe(1);
  });

  it("keeps the ids of a save answered before the read", async () => {
    answerWith(["a"]);
    const store = new WishlistStore();
    const read = store.load();
    store.replace(["b"]);
    await read;
    expect(store.isSaved("a")).toBe(false);
    expect(store.isSaved("b")).toBe(true);
  });

  it("resolves the read when it fails, leaving every product not saved", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("offline");
      }),
    );
    const store = new WishlistStore();
    await store.load();
    expect(store.isSaved("a")).toBe(false);
  });
});

"use client";
// "Out of stock" notes for a listing served from the cache: the provider reads, once, whether each listed
// product can be bought now (GET /api/stock) and each card's note follows that answer instead of the
// cached one. Until the answer arrives (or if it fails) the cached value stands.
// The answer goes into a small store rather than a context value: each note subscribes to its own
// product's answer, so only the notes that change render again (usually none), not all 20 cards' notes
// while the page is still starting.
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import type { StockResponse } from "@/lib/catalog/types";

class LiveStockStore {
  private answer: Record<string, boolean> | null = null;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  /** The live answer for one product; undefined until it arrives. */
  inStock(productId: string): boolean | undefined {
    return this.answer?.[productId];
  }

  set(answer: Record<string, boolean>) {
    this.answer = answer;
    for (const listener of this.listeners) listener();
  }
}

const LiveStockContext = createContext<LiveStockStore | null>(null);

export function LiveStockProvider({ productIds, children }: { productIds: string[]; children: ReactNode }) {
  // One store per provider for its lifetime: the context value never changes, so nothing re-renders by it.
  const [store] = useState(() => new LiveStockStore());
  const key = productIds.join(",");
  useEffect(() => {
    if (!key) return;
    let current = true;
    fetch(`/api/stock?products=${encodeURIComponent(key)}`, { cache: "no-store" })
      .then((response) => (response.ok ? (response.json() as Promise<StockResponse>) : null))
      .then(
        (body) => {
          if (current && body) store.set(body.inStock);
        },
        () => {},
      );
    return () => {
      current = false;
    };
  }, [key, store]);
  return <LiveStockContext.Provider value={store}>{children}</LiveStockContext.Provider>;
}

const NO_SUBSCRIPTION = () => () => {};

/** The card's note: the live answer when there is one, else what the cached listing said. */
export function LiveStockNote({ productId, inStock }: { productId: string; inStock: boolean }) {
  const store = useContext(LiveStockContext);
  // The snapshot is what the note shows, so a card whose answer agrees with the cached one does not render.
  const shown = useSyncExternalStore(
    store?.subscribe ?? NO_SUBSCRIPTION,
    () => store?.inStock(productId) ?? inStock,
    () => inStock,
  );
  return shown ? null : <p className="card-note">Out of stock</p>;
}

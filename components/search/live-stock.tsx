"use client";
// "Out of stock" notes for a listing served from the cache: the provider reads, once, whether each listed
// product can be bought now (GET /api/stock) and each card's note follows that answer instead of the
// cached one. Until the answer arrives (or if it fails) the cached value stands.
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import type { StockResponse } from "@/lib/catalog/types";

const LiveStockContext = createContext<Record<string, boolean> | null>(null);

export function LiveStockProvider({ productIds, children }: { productIds: string[]; children: ReactNode }) {
  const [inStock, setInStock] = useState<Record<string, boolean> | null>(null);
  const key = productIds.join(",");
  useEffect(() => {
    if (!key) return;
    let current = true;
    fetch(`/api/stock?products=${encodeURIComponent(key)}`, { cache: "no-store" })
      .then((response) => (response.ok ? (response.json() as Promise<StockResponse>) : null))
      .then(
        (body) => {
          if (current && body) setInStock(body.inStock);
        },
        () => {},
      );
    return () => {
      current = false;
    };
  }, [key]);
  return <LiveStockContext.Provider value={inStock}>{children}</LiveStockContext.Provider>;
}

/** The card's note: the live answer when there is one, else what the cached listing said. */
export function LiveStockNote({ productId, inStock }: { productId: string; inStock: boolean }) {
  const live = useContext(LiveStockContext);
  return (live?.[productId] ?? inStock) ? null : <p className="card-note">Out of stock</p>;
}

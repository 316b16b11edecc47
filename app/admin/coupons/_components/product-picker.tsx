"use client";

import { useId, useRef, useState, useTransition } from "react";
import type { ProductOption } from "@/lib/coupons/admin/pickers";
import { searchCouponProductsAction } from "../actions";

/**
 * Picks the products a coupon applies to: a typed search (never the whole catalog in the page), the
 * chosen products as removable chips, and one hidden `productIds` input per chosen product. The server
 * checks every id exists before saving.
 */
export function ProductPicker({ initial, error }: { initial: { id: string; title: string }[]; error?: string }) {
  const [selected, setSelected] = useState(initial);
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<ProductOption[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [searching, startSearch] = useTransition();
  const latest = useRef(0);
  const id = useId();

  const search = (text: string) => {
    const ticket = ++latest.current;
    if (text.trim().length < 2) {
      setResults(null);
      setMessage(null);
      return;
    }
    startSearch(async () => {
      const result = await searchCouponProductsAction(text);
      if (ticket !== latest.current) return; // a newer search was typed meanwhile
      if (result.ok) {
        setResults(result.data);
        setMessage(result.data.length === 0 ? "No products match." : null);
      } else {
        setResults(null);
        setMessage(result.error);
      }
    });
  };

  // Debounced: one request after the typing pauses.
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const type = (text: string) => {
    setQuery(text);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => search(text), 250);
  };

  const chosen = new Set(selected.map((product) => product.id));
  return (
    <fieldset className="flex flex-col gap-3" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-1 text-sm font-medium">Products</legend>
      {selected.length === 0 ? (
        <p className="text-sm text-zinc-600">No products chosen yet.</p>
      ) : (
        <ul className="flex flex-wrap gap-2" aria-label="Chosen products">
          {selected.map((product) => (
            <li
              key={product.id}
              className="flex items-center gap-1 rounded-full border border-zinc-300 bg-white py-1 pr-1 pl-3 text-sm"
            >
              {product.title}
              <input type="hidden" name="productIds" value={product.id} />
              <button
                type="button"
                onClick={() => setSelected((current) => current.filter((entry) => entry.id !== product.id))}
                className="rounded-full px-2 text-zinc-600 hover:bg-zinc-100 focus-visible:outline-2"
                aria-label={`Remove ${product.title}`}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Find products</span>
        <input
          type="search"
          value={query}
          maxLength={100}
          onChange={(event) => type(event.target.value)}
          onKeyDown={(event) => {
            // Enter searches now instead of submitting the coupon form.
            if (event.key === "Enter") {
              event.preventDefault();
              if (timer.current) clearTimeout(timer.current);
              search(query);
            }
          }}
          placeholder="Title or SKU (2 characters or more)"
          aria-controls={`${id}-results`}
          className="rounded-md border border-zinc-300 px-3 py-2 focus-visible:outline-2 focus-visible:outline-offset-1"
        />
      </label>
      <div id={`${id}-results`} aria-live="polite" aria-busy={searching}>
        {searching ? <p className="text-sm text-zinc-600">Searching…</p> : null}
        {message ? <p className="text-sm text-zinc-600">{message}</p> : null}
        {results && results.length > 0 ? (
          <ul className="max-h-64 divide-y divide-zinc-100 overflow-y-auto rounded-md border border-zinc-200 bg-white">
            {results.map((product) => (
              <li key={product.id} className="flex items-center justify-between gap-2 px-3 py-2 text-sm">
                <span>
                  {product.title}
                  {product.status !== "ACTIVE" ? (
                    <span className="text-xs text-zinc-500"> ({product.status.toLowerCase()})</span>
                  ) : null}
                </span>
                <button
                  type="button"
                  disabled={chosen.has(product.id)}
                  onClick={() => setSelected((current) => [...current, { id: product.id, title: product.title }])}
                  className="rounded-md border border-zinc-300 px-3 py-1 font-medium hover:bg-zinc-100 focus-visible:outline-2 disabled:opacity-50"
                >
                  {chosen.has(product.id) ? (
                    "Added"
                  ) : (
                    <>
                      Add<span className="sr-only"> {product.title}</span>
                    </>
                  )}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {error ? (
        <span id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}

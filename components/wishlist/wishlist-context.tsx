"use client";
// The visitor's saved products in the browser, shared by every heart on the page (product cards, search
// results, the product page) and the product page's "notify me" form (which starts with the signed-in
// account's email). Pages are the same for every visitor and served from the cache, so the state is read
// here from GET /api/wishlist, once, when the first heart or form appears (pages without any read
// nothing). Each save or removal answers with the saved ids, which replace the shown ones; a save shows a
// short notice with the way to the wishlist page (rendered in the browser only, so cached pages carry none
// of it).
// The actions come in as props from the store layout (app/), so nothing under components/ imports app/.
import Link from "next/link";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { whenStreamSettled } from "@/components/ui/stream-settled";
import type { ActionResult } from "@/lib/actions/result";
import type { FormAction } from "@/lib/actions/form-action";
import type { WishlistStateResponse } from "@/lib/wishlist/wishlist";

type SavedIds = ActionResult<{ productIds: string[] }>;

export interface WishlistActions {
  save(input: { productId: string; variantId?: string }): Promise<SavedIds>;
  remove(input: { productId: string }): Promise<SavedIds>;
  subscribe: FormAction<{ message: string }>;
}

interface WishlistContextValue {
  /** Saved product ids; null until read (or when the read failed). */
  saved: ReadonlySet<string> | null;
  email: string | null;
  /** Reads the state the first time it is called. */
  load: () => void;
  /** Saves the product, or removes it when `saved` (as the heart shows it now). */
  toggle: (productId: string, saved: boolean, variantId?: string) => Promise<SavedIds>;
  subscribe: FormAction<{ message: string }>;
}

const WishlistContext = createContext<WishlistContextValue | null>(null);

const UNREACHABLE: SavedIds = { ok: false, error: "Could not reach the store. Please try again." };

export function WishlistProvider({ actions, children }: { actions: WishlistActions; children: ReactNode }) {
  const [state, setState] = useState<{ saved: ReadonlySet<string> | null; email: string | null }>({
    saved: null,
    email: null,
  });
  const requested = useRef(false);
  // After a save, until dismissed or followed.
  const [notice, setNotice] = useState(false);

  const load = useCallback(() => {
    if (requested.current) return;
    requested.current = true;
    // After the page's streamed parts are revealed: components/ui/stream-settled.ts says why.
    whenStreamSettled()
      .then(() => fetch("/api/wishlist", { cache: "no-store", headers: { accept: "application/json" } }))
      .then((response) => (response.ok ? (response.json() as Promise<WishlistStateResponse>) : null))
      .then(
        (body) => {
          if (body) setState((current) => ({ saved: current.saved ?? new Set(body.productIds), email: body.email }));
        },
        () => {},
      );
  }, []);

  const toggle = useCallback(
    async (productId: string, saved: boolean, variantId?: string) => {
      const result = await (saved ? actions.remove({ productId }) : actions.save({ productId, variantId })).catch(
        () => UNREACHABLE,
      );
      if (result.ok) {
        setState((current) => ({ ...current, saved: new Set(result.data.productIds) }));
        if (!saved) setNotice(true);
      }
      return result;
    },
    [actions],
  );

  const value = useMemo(
    () => ({ saved: state.saved, email: state.email, load, toggle, subscribe: actions.subscribe }),
    [state, load, toggle, actions.subscribe],
  );
  return (
    <WishlistContext value={value}>
      {children}
      {notice ? (
        <div
          role="status"
          data-testid="wishlist-notice"
          className="fixed right-4 bottom-4 z-50 flex items-center gap-3 rounded-md bg-zinc-900 px-4 py-3 text-sm text-white shadow-lg"
        >
          Saved to your wishlist.
          <Link href="/wishlist" className="font-semibold underline" onClick={() => setNotice(false)}>
            View wishlist
          </Link>
          <button type="button" aria-label="Dismiss" className="px-1" onClick={() => setNotice(false)}>
            ×
          </button>
        </div>
      ) : null}
    </WishlistContext>
  );
}

/** The shared wishlist state, read from the server the first time a component using it mounts. */
export function useWishlist(): WishlistContextValue {
  const context = useContext(WishlistContext);
  if (!context) throw new Error("useWishlist outside WishlistProvider");
  const { load } = context;
  useEffect(load, [load]);
  return context;
}

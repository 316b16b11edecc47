"use client";
// The visitor's saved products in the browser, shared by every heart on the page (product cards, search
// results, the product page) and the product page's "notify me" form (which starts with the signed-in
// account's email). Pages are the same for every visitor and served from the cache, so the state is read
// in the browser from GET /api/wishlist, once, when the first heart or form appears (pages without any read
// nothing). Each save or removal answers with the saved ids, which replace the shown ones; a save shows a
// short notice with the way to the wishlist page (rendered in the browser only, so cached pages carry none
// of it).
// The state lives in a WishlistStore (wishlist-store.ts), which each heart subscribes to for its own
// product: the context's value is made once and never changes, so nothing re-renders by it.
// The actions come in as props from the store layout (app/), so nothing under components/ imports app/.
import Link from "next/link";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import type { ActionResult } from "@/lib/actions/result";
import type { FormAction } from "@/lib/actions/form-action";
import { WishlistStore } from "./wishlist-store";

type SavedIds = ActionResult<{ productIds: string[] }>;

export interface WishlistActions {
  save(input: { productId: string; variantId?: string }): Promise<SavedIds>;
  remove(input: { productId: string }): Promise<SavedIds>;
  subscribe: FormAction<{ message: string }>;
}

interface WishlistContextValue {
  store: WishlistStore;
  /** Saves the product, or removes it when `saved` (as the heart shows it now). */
  toggle: (productId: string, saved: boolean, variantId?: string) => Promise<SavedIds>;
  subscribe: FormAction<{ message: string }>;
}

const WishlistContext = createContext<WishlistContextValue | null>(null);

const UNREACHABLE: SavedIds = { ok: false, error: "Could not reach the store. Please try again." };

export function WishlistProvider({ actions, children }: { actions: WishlistActions; children: ReactNode }) {
  const [store] = useState(() => new WishlistStore());
  // After a save, until dismissed or followed.
  const [notice, setNotice] = useState(false);

  const toggle = useCallback(
    async (productId: string, saved: boolean, variantId?: string) => {
      const result = await (saved ? actions.remove({ productId }) : actions.save({ productId, variantId })).catch(
        () => UNREACHABLE,
      );
      if (result.ok) {
        store.replace(result.data.productIds);
        if (!saved) setNotice(true);
      }
      return result;
    },
    [actions, store],
  );

  const value = useMemo(() => ({ store, toggle, subscribe: actions.subscribe }), [store, toggle, actions.subscribe]);
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

/** The provider's store, read from the server the first time a component using it mounts. */
function useLoadedContext(): WishlistContextValue {
  const context = useContext(WishlistContext);
  if (!context) throw new Error("wishlist hook outside WishlistProvider");
  const { store } = context;
  useEffect(() => void store.load(), [store]);
  return context;
}

const NOT_SAVED = () => false;
const NO_EMAIL = () => null;

/**
 * A heart's state: whether the product is saved (false until read), and its toggle. The toggle does what
 * the heart showed when it was clicked (an empty heart saves, a filled one removes), after the read has
 * answered (a click can come before it): an empty heart clicked on a product the read then finds saved
 * saves it again, which changes nothing (saving is idempotent), rather than taking it out.
 */
export function useWishlistProduct(productId: string) {
  const { store, toggle } = useLoadedContext();
  const subscribe = useCallback(
    (listener: () => void) => store.subscribeProduct(productId, listener),
    [store, productId],
  );
  // The snapshot is what the heart shows, so a heart whose product did not change does not render again.
  const saved = useSyncExternalStore(subscribe, () => store.isSaved(productId), NOT_SAVED);
  const toggleProduct = useCallback(
    async (variantId?: string) => {
      const shownSaved = store.isSaved(productId);
      await store.load();
      return toggle(productId, shownSaved, variantId);
    },
    [store, toggle, productId],
  );
  return { saved, toggle: toggleProduct };
}

/** The "notify me" form's needs: the signed-in account's email (null until read, and for guests), the action. */
export function useWishlistEmail() {
  const { store, subscribe } = useLoadedContext();
  const subscribeEmail = useCallback((listener: () => void) => store.subscribeEmail(listener), [store]);
  const email = useSyncExternalStore(subscribeEmail, () => store.getEmail(), NO_EMAIL);
  return { email, subscribe };
}

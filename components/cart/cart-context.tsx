"use client";
// The one cart of the storefront in the browser, shared by the header's count, the cart drawer, the
// product page's add-to-cart form and the cart page (the model is vercel/commerce's cart provider).
//
// - Read once per page load from GET /api/cart (the pages themselves are the same for every visitor and
//   served from the cache, so the cart cannot come with them), or handed over by the cart page, which
//   reads it on the server anyway.
// - Every cart action answers with the cart as it now is, and that answer replaces the shown cart: no
//   page refresh, no second read.
// - Quantity changes and removals show at once through useOptimistic; when the server refuses one (the
//   stock ran out), the guess falls away with the transition and the server's cart is read again.
// The actions come in as props from the store layout (app/), so nothing under components/ imports app/.
import {
  createContext,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useOptimistic,
  useRef,
  useState,
  type ReactNode,
} from "react";
import type { CartActionResult, CartResponse, ShopperCart } from "@/lib/cart/cart";
import { GENERIC_ERROR_MESSAGE } from "@/lib/errors";
import { whenStreamSettled } from "@/components/ui/stream-settled";
import { applyCartLineChange } from "./optimistic-cart";

export interface CartActions {
  add(previous: unknown, formData: FormData): Promise<CartActionResult>;
  update(previous: unknown, formData: FormData): Promise<CartActionResult>;
  remove(previous: unknown, formData: FormData): Promise<CartActionResult>;
  acknowledgePrices(): Promise<CartActionResult>;
}

export interface CartContextValue {
  /** The cart as shown (optimistic changes included); null when the visitor has none. */
  cart: ShopperCart | null;
  /** False until the first answer (from /api/cart or the cart page) has arrived. */
  loaded: boolean;
  /** The last read of /api/cart failed (and none succeeded since). */
  failed: boolean;
  /** Reads the cart again from the server. */
  refresh: () => Promise<void>;
  /** Adds { variantId, quantity } (form fields); the answer's cart is shown. */
  addItem: (formData: FormData) => Promise<CartActionResult>;
  /** Sets a line's quantity (0 removes it), shown at once and then as the server answered. */
  changeLine: (lineId: string, quantity: number) => Promise<CartActionResult>;
  acknowledgePrices: () => Promise<CartActionResult>;
  /** A cart read on the server for this page (the cart page): shown as it is, no extra read. */
  adopt: (cart: ShopperCart | null) => void;
}

const CartContext = createContext<CartContextValue | null>(null);

// A server action whose request failed (offline, server restarting) rejects instead of answering.
const UNREACHABLE: CartActionResult = { ok: false, error: GENERIC_ERROR_MESSAGE };

async function fetchCart(): Promise<ShopperCart | null> {
  // The route answers with no-store; `cache: "no-store"` keeps the browser from reusing an answer too.
  const response = await fetch("/api/cart", { cache: "no-store", headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`GET /api/cart answered ${response.status}`);
  return ((await response.json()) as CartResponse).cart;
}

export function CartProvider({ actions, children }: { actions: CartActions; children: ReactNode }) {
  const [state, setState] = useState<{ cart: ShopperCart | null; loaded: boolean; failed: boolean }>({
    cart: null,
    loaded: false,
    failed: false,
  });
  const [optimisticCart, applyLineChange] = useOptimistic(state.cart, applyCartLineChange);
  // Every answer gets a number; an older one (a slow read) never replaces a newer one (an action's).
  const latest = useRef(0);

  const show = useCallback((cart: ShopperCart | null) => {
    latest.current += 1;
    startTransition(() => setState({ cart, loaded: true, failed: false }));
  }, []);

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    try {
      const cart = await fetchCart();
      if (request !== latest.current) return;
      startTransition(() => setState({ cart, loaded: true, failed: false }));
    } catch (error) {
      if (request !== latest.current) return;
      console.error("[cart]", error);
      setState((current) => ({ ...current, failed: true }));
    }
  }, []);

  // Once per page load, after the page's streamed parts are revealed (stream-settled.ts says why). A page
  // that handed its own cart over (adopt, which runs in a child's effect, before this one) needs no read.
  useEffect(() => {
    void whenStreamSettled().then(() => {
      if (latest.current === 0) void refresh();
    });
  }, [refresh]);

  const addItem = useCallback(
    async (formData: FormData) => {
      const result = await actions.add(null, formData).catch(() => UNREACHABLE);
      if (result.ok) show(result.data.cart);
      return result;
    },
    [actions, show],
  );

  const changeLine = useCallback(
    (lineId: string, quantity: number) =>
      new Promise<CartActionResult>((resolve) => {
        startTransition(async () => {
          applyLineChange({ lineId, quantity });
          const form = new FormData();
          form.set("lineId", lineId);
          if (quantity > 0) form.set("quantity", String(quantity));
          const result = await (quantity > 0 ? actions.update(null, form) : actions.remove(null, form)).catch(
            () => UNREACHABLE,
          );
          // Refused: the server's cart is the truth (a refusal usually means the stock changed).
          if (result.ok) show(result.data.cart);
          else await refresh();
          resolve(result);
        });
      }),
    [actions, applyLineChange, refresh, show],
  );

  const acknowledgePrices = useCallback(async () => {
    const result = await actions.acknowledgePrices().catch(() => UNREACHABLE);
    if (result.ok) show(result.data.cart);
    return result;
  }, [actions, show]);

  const value = useMemo<CartContextValue>(
    () => ({
      cart: optimisticCart,
      loaded: state.loaded,
      failed: state.failed,
      refresh,
      addItem,
      changeLine,
      acknowledgePrices,
      adopt: show,
    }),
    [optimisticCart, state.loaded, state.failed, refresh, addItem, changeLine, acknowledgePrices, show],
  );
  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}

export function useCart(): CartContextValue {
  const context = useContext(CartContext);
  if (!context) throw new Error("useCart must be used inside <CartProvider> (app/(store)/layout.tsx)");
  return context;
}

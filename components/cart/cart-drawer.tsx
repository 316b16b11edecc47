"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useOptimistic, useRef, useState, useTransition, type KeyboardEvent } from "react";
import type { CartResponse } from "@/app/api/cart/route";
import { removeCartLineAction, updateCartLineAction } from "@/app/(store)/cart/actions";
import type { ActionResult } from "@/lib/actions/result";
import type { CartView } from "@/lib/cart/cart";
import { formatMoney } from "@/lib/money";
import { closeCartDrawer, takeCartDrawerOpener, useCartDrawer } from "./cart-drawer-store";
import { CartDrawerLine } from "./cart-drawer-line";
import { applyCartLineChange } from "./optimistic-cart";

const FOCUSABLE =
  'a[href], button:not([disabled]), select:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])';

async function fetchCart(): Promise<CartView | null> {
  // The route answers with no-store; `cache: "no-store"` keeps the browser from reusing an answer too.
  const response = await fetch("/api/cart", { cache: "no-store", headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`GET /api/cart answered ${response.status}`);
  return ((await response.json()) as CartResponse).cart;
}

/**
 * The cart as a slide-over modal dialog (native <dialog> opened with showModal: the page behind is inert,
 * Escape closes it). Its contents are read from GET /api/cart each time it opens. Quantity changes and
 * removals show at once through useOptimistic, then the server's cart replaces the guess: when an action
 * is refused, the optimistic change falls away with the transition and the action's message is shown.
 */
export function CartDrawer() {
  const { open, openCount } = useCartDrawer();
  const router = useRouter();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeButtonRef = useRef<HTMLButtonElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const latestRequest = useRef(0);
  const [cart, setCart] = useState<CartView | null>(null);
  // Which opening the shown cart (or the failure) belongs to: a reopened drawer never shows a stale cart.
  const [loadedFor, setLoadedFor] = useState(-1);
  const [failedFor, setFailedFor] = useState(-1);
  const [optimisticCart, applyChange] = useOptimistic(cart, applyCartLineChange);
  const [lineErrors, setLineErrors] = useState<Record<string, string>>({});
  const [, startTransition] = useTransition();

  const load = useCallback(async (forOpening: number) => {
    const request = ++latestRequest.current;
    try {
      const fresh = await fetchCart();
      // Only the newest request may write: an older answer can arrive after a newer one.
      if (request !== latestRequest.current) return;
      setCart(fresh);
      setLoadedFor(forOpening);
      setFailedFor(-1);
    } catch (error) {
      if (request !== latestRequest.current) return;
      console.error("[cart drawer]", error);
      setFailedFor(forOpening);
    }
  }, []);

  useEffect(() => {
    // load() sets state only after its fetch resolves; the rule cannot see past the await (facebook/react#34905).
    // eslint-disable-next-line react-hooks/set-state-in-effect -- no synchronous setState here
    if (open) void load(openCount);
  }, [open, openCount, load]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (!open) {
      if (dialog.open) dialog.close();
      return;
    }
    if (!dialog.open) dialog.showModal();
    closeButtonRef.current?.focus();
    // The page behind must not scroll under the drawer (the dialog scrolls its own list).
    const previousOverflow = document.body.style.overflow;
    document.body.style.overflow = "hidden";
    return () => {
      document.body.style.overflow = previousOverflow;
    };
  }, [open]);

  // One place for every way of closing (Escape, close button, backdrop, a link): sync the store, give
  // focus back to whatever opened the drawer.
  function handleClose() {
    closeCartDrawer();
    setLineErrors({});
    const opener = takeCartDrawerOpener();
    if (opener?.isConnected) opener.focus();
  }

  // showModal already makes the page inert; this keeps Tab cycling inside the drawer rather than
  // leaving for the browser's own toolbar.
  function trapTab(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== "Tab" || !dialogRef.current) return;
    const focusables = Array.from(dialogRef.current.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
      (element) => element.getClientRects().length > 0,
    );
    const first = focusables[0];
    const last = focusables[focusables.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  function changeLine(lineId: string, quantity: number) {
    setLineErrors(({ [lineId]: _dropped, ...rest }) => rest);
    // A removed line takes the focused Remove button with it: keep focus inside the dialog.
    if (quantity === 0) titleRef.current?.focus();
    const form = new FormData();
    form.set("lineId", lineId);
    startTransition(async () => {
      applyChange({ lineId, quantity });
      let result: ActionResult;
      if (quantity === 0) {
        result = await removeCartLineAction(null, form);
      } else {
        form.set("quantity", String(quantity));
        result = await updateCartLineAction(null, form);
      }
      if (!result.ok) {
        const message = result.error;
        setLineErrors((errors) => ({ ...errors, [lineId]: message }));
      }
      // Either way the server's cart is the truth (a refusal usually means the stock changed).
      await load(openCount);
      // The header's count and a cart page underneath are server-rendered.
      router.refresh();
    });
  }

  const loading = open && loadedFor !== openCount && failedFor !== openCount;
  const failed = failedFor === openCount && loadedFor !== openCount;
  const lines = optimisticCart?.lines ?? [];
  // Messages of lines that are gone (e.g. removed in another tab) still need saying somewhere.
  const orphanErrors = Object.entries(lineErrors).filter(([lineId]) => !lines.some((line) => line.id === lineId));

  return (
    <dialog
      ref={dialogRef}
      id="cart-drawer"
      role="dialog"
      aria-modal="true"
      aria-labelledby="cart-drawer-title"
      data-testid="cart-drawer"
      onClose={handleClose}
      onKeyDown={trapTab}
      // The panel fills the dialog box, so a click whose target is the dialog itself is on the backdrop.
      onClick={(event) => {
        if (event.target === event.currentTarget) closeCartDrawer();
      }}
      className="fixed inset-y-0 right-0 left-auto m-0 h-dvh max-h-none w-full max-w-none bg-white p-0 text-zinc-900 shadow-2xl backdrop:bg-zinc-950/40 sm:max-w-md"
    >
      <div className="flex h-full flex-col">
        <div className="flex items-center justify-between gap-4 border-b border-zinc-200 px-5 py-4">
          <h2 id="cart-drawer-title" ref={titleRef} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
            Your cart
            {optimisticCart && optimisticCart.itemCount > 0 ? (
              <span className="ml-2 font-normal text-zinc-600" data-testid="cart-drawer-count">
                ({optimisticCart.itemCount} {optimisticCart.itemCount === 1 ? "item" : "items"})
              </span>
            ) : null}
          </h2>
          <button
            ref={closeButtonRef}
            type="button"
            onClick={closeCartDrawer}
            className="rounded-md p-2 text-zinc-700 hover:bg-zinc-100 hover:text-zinc-950 focus-visible:outline-2"
          >
            <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" className="stroke-current">
              <path d="M5 5l10 10M15 5L5 15" strokeWidth="1.8" strokeLinecap="round" />
            </svg>
            <span className="sr-only">Close cart</span>
          </button>
        </div>

        {loading ? (
          <div aria-busy="true" aria-label="Loading your cart" className="flex flex-col gap-4 p-5">
            {[0, 1].map((key) => (
              <div key={key} className="h-20 animate-pulse rounded-lg bg-zinc-100" />
            ))}
          </div>
        ) : failed ? (
          <div role="alert" className="flex flex-col items-start gap-3 p-5 text-sm">
            <p className="text-red-700">Your cart could not be loaded.</p>
            <button
              type="button"
              onClick={() => void load(openCount)}
              className="rounded-md border border-zinc-300 px-3 py-1.5 font-semibold hover:bg-zinc-50 focus-visible:outline-2"
            >
              Try again
            </button>
            <Link href="/cart" onClick={closeCartDrawer} className="font-semibold underline">
              Open the cart page
            </Link>
          </div>
        ) : !optimisticCart || lines.length === 0 ? (
          <div className="flex flex-col items-start gap-4 p-5" data-testid="cart-drawer-empty">
            {orphanErrors.map(([lineId, message]) => (
              <p key={lineId} role="alert" className="text-sm font-medium text-red-700">
                {message}
              </p>
            ))}
            <p className="text-zinc-700">Your cart is empty.</p>
            <button
              type="button"
              onClick={closeCartDrawer}
              className="rounded-md bg-zinc-900 px-5 py-2.5 font-semibold text-white hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2"
            >
              Continue shopping
            </button>
          </div>
        ) : (
          <>
            <div className="flex-1 overflow-y-auto px-5">
              {orphanErrors.map(([lineId, message]) => (
                <p key={lineId} role="alert" className="mt-4 text-sm font-medium text-red-700">
                  {message}
                </p>
              ))}
              {optimisticCart.hasPriceChanges ? (
                <p
                  role="status"
                  className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
                >
                  Some prices changed since you added the items. The cart shows the current prices.
                </p>
              ) : null}
              <ul className="divide-y divide-zinc-200">
                {lines.map((line) => (
                  <CartDrawerLine
                    key={line.id}
                    line={line}
                    currency={optimisticCart.currency}
                    error={lineErrors[line.id] ?? null}
                    onQuantityChange={(quantity) => changeLine(line.id, quantity)}
                    onNavigate={closeCartDrawer}
                  />
                ))}
              </ul>
            </div>
            <div className="border-t border-zinc-200 px-5 py-4">
              <dl className="flex justify-between text-base">
                <dt>Subtotal</dt>
                <dd className="font-semibold" data-testid="cart-drawer-subtotal">
                  {formatMoney(optimisticCart.subtotalCents, optimisticCart.currency)}
                </dd>
              </dl>
              <p className="mt-1 text-sm text-zinc-600">Shipping, tax and discounts are calculated at checkout.</p>
              {optimisticCart.hasProblems ? (
                <p role="alert" className="mt-3 text-sm font-medium text-red-700">
                  Some items are not available in the quantity you chose. Adjust them to continue.
                </p>
              ) : null}
              <div className="mt-4 grid grid-cols-2 gap-3">
                <Link
                  href="/cart"
                  onClick={closeCartDrawer}
                  className="rounded-md border border-zinc-300 px-4 py-3 text-center font-semibold hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2"
                >
                  View cart
                </Link>
                {optimisticCart.hasProblems ? (
                  <span
                    aria-disabled="true"
                    className="cursor-not-allowed rounded-md bg-zinc-300 px-4 py-3 text-center font-semibold text-zinc-600"
                  >
                    Checkout
                  </span>
                ) : (
                  <Link
                    href="/checkout"
                    onClick={closeCartDrawer}
                    data-testid="cart-drawer-checkout"
                    className="rounded-md bg-zinc-900 px-4 py-3 text-center font-semibold text-white hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2"
                  >
                    Checkout
                  </Link>
                )}
              </div>
            </div>
          </>
        )}
      </div>
    </dialog>
  );
}

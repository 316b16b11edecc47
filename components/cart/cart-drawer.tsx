"use client";

import Link from "next/link";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useFormatMoney } from "@/components/money-display";
import { useCart } from "./cart-context";
import { closeCartDrawer, takeCartDrawerOpener, useCartDrawer } from "./cart-drawer-store";
import { CartLine } from "./cart-line";
import { CartDiscounts } from "./cart-discounts";
import { CartRecommendations } from "./cart-recommendations";

const FOCUSABLE =
  'a[href], button:not([disabled]), select:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The cart as a slide-over modal dialog (native <dialog> opened with showModal: the page behind is inert,
 * Escape closes it). It shows the shared cart (./cart-context.tsx): opened from the header it reads the
 * cart again (another tab may have changed it); opened by an add it shows the add's answer. Quantity
 * changes and removals show at once; a refused one falls back to the server's cart and says why.
 */
export function CartDrawer() {
  const formatMoney = useFormatMoney();
  const { open, openCount, reload } = useCartDrawer();
  const { cart, loaded, failed, refresh, changeLine } = useCart();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeButtonRef = useRef<HTMLButtonElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const [lineErrors, setLineErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (open && reload) void refresh();
  }, [open, openCount, reload, refresh]);

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

  async function changeLineQuantity(lineId: string, quantity: number) {
    setLineErrors(({ [lineId]: _dropped, ...rest }) => rest);
    // A removed line takes the focused Remove button with it: keep focus inside the dialog.
    if (quantity === 0) titleRef.current?.focus();
    const result = await changeLine(lineId, quantity);
    if (!result.ok) setLineErrors((errors) => ({ ...errors, [lineId]: result.error }));
  }

  const loading = !loaded && !failed;
  const unreadable = !loaded && failed;
  const lines = cart?.lines ?? [];
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
            {cart && cart.itemCount > 0 ? (
              <span className="ml-2 font-normal text-zinc-600" data-testid="cart-drawer-count">
                ({cart.itemCount} {cart.itemCount === 1 ? "item" : "items"})
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
        ) : unreadable ? (
          <div role="alert" className="flex flex-col items-start gap-3 p-5 text-sm">
            <p className="text-red-700">Your cart could not be loaded.</p>
            <button
              type="button"
              onClick={() => void refresh()}
              className="rounded-md border border-zinc-300 px-3 py-1.5 font-semibold hover:bg-zinc-50 focus-visible:outline-2"
            >
              Try again
            </button>
            <Link href="/cart" onClick={closeCartDrawer} className="font-semibold underline">
              Open the cart page
            </Link>
          </div>
        ) : !cart || lines.length === 0 ? (
          <div className="flex flex-col items-start gap-4 p-5" data-testid="cart-drawer-empty">
            {orphanErrors.map(([lineId, message]) => (
              <p key={lineId} role="alert" className="text-sm font-medium text-red-700">
                {message}
              </p>
            ))}
            <p className="text-zinc-700">Your cart is empty.</p>
            {open ? <CartRecommendations slugs={[]} onNavigate={closeCartDrawer} /> : null}
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
              {cart.hasPriceChanges ? (
                <p
                  role="status"
                  className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
                >
                  Some prices changed since you added the items. The cart shows the current prices.
                </p>
              ) : null}
              <ul className="divide-y divide-zinc-200">
                {lines.map((line) => (
                  <CartLine
                    key={line.id}
                    place="drawer"
                    line={line}
                    currency={cart.currency}
                    error={lineErrors[line.id] ?? null}
                    onQuantityChange={(quantity) => void changeLineQuantity(line.id, quantity)}
                    onNavigate={closeCartDrawer}
                  />
                ))}
              </ul>
              {open ? (
                <CartRecommendations slugs={lines.map((line) => line.productSlug)} onNavigate={closeCartDrawer} />
              ) : null}
            </div>
            <div className="border-t border-zinc-200 px-5 py-4">
              <dl className="flex justify-between text-base">
                <dt>Subtotal</dt>
                <dd className="font-semibold" data-testid="cart-drawer-subtotal">
                  {formatMoney(cart.subtotalCents, cart.currency)}
                </dd>
              </dl>
              <CartDiscounts cart={cart} />
              <p className="mt-1 text-sm text-zinc-600">Shipping, tax and coupon codes are calculated at checkout.</p>
              {cart.hasProblems ? (
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
                {cart.hasProblems ? (
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

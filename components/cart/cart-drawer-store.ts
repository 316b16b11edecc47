"use client";
// Whether the cart drawer is open, shared by the header's cart button, the drawer and the product page's
// add-to-cart form: a tiny external store read through useSyncExternalStore. `openCount` grows on every
// open; `reload` says whether that opening should re-read the cart (the header's button: the cart may
// have changed in another tab) or shows it as it is (right after an add, which answered with the cart).
import { useSyncExternalStore } from "react";

export interface CartDrawerState {
  open: boolean;
  openCount: number;
  reload: boolean;
}

const CLOSED: CartDrawerState = { open: false, openCount: 0, reload: false };

let state: CartDrawerState = CLOSED;
// Where focus goes back to when the drawer closes.
let opener: HTMLElement | null = null;
const listeners = new Set<() => void>();

function setState(next: CartDrawerState) {
  state = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Opens the drawer (or re-reads the cart when it is open already). `from` gets focus back on close. */
export function openCartDrawer(from?: HTMLElement | null, { reload = true }: { reload?: boolean } = {}) {
  const active = document.activeElement;
  opener = from ?? (active instanceof HTMLElement && active !== document.body ? active : null);
  setState({ open: true, openCount: state.openCount + 1, reload });
}

export function closeCartDrawer() {
  if (!state.open) return;
  setState({ ...state, open: false });
}

/** The element that opened the drawer, once: the drawer restores focus to it when it closes. */
export function takeCartDrawerOpener(): HTMLElement | null {
  const element = opener;
  opener = null;
  return element;
}

export function useCartDrawer(): CartDrawerState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => CLOSED,
  );
}

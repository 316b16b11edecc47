"use client";
// Whether the cart drawer is open, shared by the header's cart button, the drawer and the product page's
// add-to-cart form without a provider in the root layout: a tiny external store read through
// useSyncExternalStore. `openCount` grows on every open so the drawer re-reads the cart each time.
import { useSyncExternalStore } from "react";

export interface CartDrawerState {
  open: boolean;
  openCount: number;
}

const CLOSED: CartDrawerState = { open: false, openCount: 0 };

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
export function openCartDrawer(from?: HTMLElement | null) {
  const active = document.activeElement;
  opener = from ?? (active instanceof HTMLElement && active !== document.body ? active : null);
  setState({ open: true, openCount: state.openCount + 1 });
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

"use client";

import { useTransition } from "react";
import { useCart } from "./cart-context";

export function AcknowledgePricesButton() {
  const { acknowledgePrices } = useCart();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => startTransition(async () => void (await acknowledgePrices()))}
      className="rounded-md border border-amber-400 bg-white px-3 py-1.5 font-semibold hover:bg-amber-100 focus-visible:outline-2 disabled:opacity-60"
    >
      {pending ? "Saving…" : "OK, got it"}
    </button>
  );
}

"use client";
// Submits the surrounding filter form as soon as a checkbox, radio or select changes, so ticking a
// facet updates results and URL at once. Without JavaScript the form's Apply button does the same.
import { useEffect, useRef, useState } from "react";

export function AutoSubmit({ label = "Apply" }: { label?: string }) {
  const ref = useRef<HTMLButtonElement>(null);
  const shownBefore = useRef(false);
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => {
    const form = ref.current?.form;
    if (!form) return;
    // Shown again: Next keeps a page the shopper left mounted but hidden, with the boxes as they were ticked
    // on the way out, and reveals it on Back (a page loaded whole from the cache is such a page: its route
    // is not the one client navigations render). Its boxes go back to what its URL says.
    if (shownBefore.current) form.reset();
    shownBefore.current = true;
    const onChange = (event: Event) => {
      const target = event.target as HTMLElement;
      if (target instanceof HTMLInputElement && target.type !== "checkbox" && target.type !== "radio") return;
      form.requestSubmit();
    };
    form.addEventListener("change", onChange);
    setEnhanced(true);
    return () => form.removeEventListener("change", onChange);
  }, []);
  return (
    <button
      ref={ref}
      type="submit"
      className={
        enhanced ? "sr-only" : "rounded-md bg-zinc-900 px-4 py-2 text-sm font-semibold text-white hover:bg-zinc-800"
      }
      tabIndex={enhanced ? -1 : undefined}
      aria-hidden={enhanced || undefined}
    >
      {label}
    </button>
  );
}

"use client";

import { useSearchParams } from "next/navigation";
import { createContext, Suspense, useContext, useEffect, useState, type ReactNode } from "react";

// The variant the shopper just picked, shared by the purchase panel (which sets it) and the gallery (which
// shows that colour) so the image changes at once; the URL's ?variant= follows and covers a fresh load.
// Each pick is a new object, so picking the same variant twice still reads as a new pick.
export interface VariantPick {
  variantId: string;
}

/** The URL's ?variant=: not known in the cached HTML, read in the browser once the page has hydrated. */
export type UrlVariant = { known: false } | { known: true; variantId: string | null };

const VariantSelection = createContext<{
  pick: VariantPick | null;
  setPick: (pick: VariantPick) => void;
  urlVariant: UrlVariant;
  /** The variant the purchase panel shows as chosen (picked, or named by a valid ?variant=); null while
   *  it shows its default. The heart saves this one, so "move to cart" adds what the shopper saw. */
  chosenId: string | null;
  setChosenId: (variantId: string | null) => void;
}>({
  pick: null,
  setPick: () => {},
  urlVariant: { known: false },
  chosenId: null,
  setChosenId: () => {},
});

// The only reader of the URL's query on the page. Its own empty Suspense boundary: the prerendered page
// cannot know the query, so this boundary is rendered in the browser, and the gallery and the panel around
// it hydrate their server HTML as it is (rendered again in the browser, the main image was a new element,
// a second Largest Contentful Paint after the page had started).
function ReadUrlVariant({ onChange }: { onChange: (variantId: string | null) => void }) {
  const variantId = useSearchParams().get("variant");
  useEffect(() => onChange(variantId), [variantId, onChange]);
  return null;
}

export function VariantSelectionProvider({ children }: { children: ReactNode }) {
  const [pick, setPick] = useState<VariantPick | null>(null);
  const [urlVariant, setUrlVariant] = useState<UrlVariant>({ known: false });
  const [chosenId, setChosenId] = useState<string | null>(null);
  // A setState function is stable, so the reader's effect runs when the URL's variant changes only.
  const [onUrlVariant] = useState(() => (variantId: string | null) => setUrlVariant({ known: true, variantId }));
  return (
    <VariantSelection value={{ pick, setPick, urlVariant, chosenId, setChosenId }}>
      <Suspense fallback={null}>
        <ReadUrlVariant onChange={onUrlVariant} />
      </Suspense>
      {children}
    </VariantSelection>
  );
}

export function useVariantSelection() {
  return useContext(VariantSelection);
}

/** The URL's ?variant= once known (null before, and without one). */
export function useUrlVariantId(): string | null {
  const { urlVariant } = useContext(VariantSelection);
  return urlVariant.known ? urlVariant.variantId : null;
}

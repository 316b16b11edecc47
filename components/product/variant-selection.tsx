"use client";

import { createContext, useContext, useState, type ReactNode } from "react";

// The variant the shopper just picked, shared by the purchase panel (which sets it) and the gallery (which
// shows that colour) so the image changes at once; the URL's ?variant= follows and covers a fresh load.
// Each pick is a new object, so picking the same variant twice still reads as a new pick.
export interface VariantPick {
  variantId: string;
}

const VariantSelection = createContext<{ pick: VariantPick | null; setPick: (pick: VariantPick) => void }>({
  pick: null,
  setPick: () => {},
});

export function VariantSelectionProvider({ children }: { children: ReactNode }) {
  const [pick, setPick] = useState<VariantPick | null>(null);
  return <VariantSelection value={{ pick, setPick }}>{children}</VariantSelection>;
}

export function useVariantSelection() {
  return useContext(VariantSelection);
}

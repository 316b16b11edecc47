"use client";
// The promotion form's stacking rule in one sentence, kept in step with its two checkboxes as the seller
// ticks them (the same sentence the list shows, from lib/pricing/promotions.ts stackingLine).
import { useState, type ReactNode } from "react";
import { stackingLine } from "@/lib/pricing/promotions";

export function StackingPreview({
  combinesWithCoupons,
  combinesWithPromotions,
  children,
}: {
  combinesWithCoupons: boolean;
  combinesWithPromotions: boolean;
  children: ReactNode;
}) {
  const [rule, setRule] = useState({ combinesWithCoupons, combinesWithPromotions });
  return (
    <div
      onChange={(event) => {
        const target = event.target as HTMLInputElement;
        if (target.name === "combinesWithCoupons" || target.name === "combinesWithPromotions") {
          setRule((current) => ({ ...current, [target.name]: target.checked }));
        }
      }}
      className="flex flex-col gap-3"
    >
      <p className="rounded-md bg-zinc-100 p-2 text-sm text-zinc-800" data-testid="stacking-line">
        {stackingLine(rule)}
      </p>
      {children}
    </div>
  );
}

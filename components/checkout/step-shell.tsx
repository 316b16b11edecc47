import type { ReactNode } from "react";
import { Suspense } from "react";
import { CheckoutSteps, type CheckoutStepKey } from "./steps";

/** Layout of a checkout step: title, progress, and the per-request content streamed in. */
export function StepShell({ step, title, children }: { step: CheckoutStepKey; title: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="mb-6 text-3xl font-bold tracking-tight">{title}</h1>
      <CheckoutSteps current={step} />
      <Suspense fallback={<div aria-busy="true" className="h-64 animate-pulse rounded-lg bg-zinc-100" />}>
        {children}
      </Suspense>
    </div>
  );
}

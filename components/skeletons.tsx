// Loading placeholders shaped like the content they stand for, so nothing jumps when it arrives.
// Hidden from assistive technology; the region that is loading says so with aria-busy.

export function ProductGridSkeleton({ count = 8 }: { count?: number }) {
  return (
    <div aria-busy="true" aria-live="polite">
      <span className="sr-only">Loading products…</span>
      <ul aria-hidden="true" className="grid grid-cols-1 gap-x-6 gap-y-10 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
        {Array.from({ length: count }, (_, index) => (
          <li key={index} className="flex animate-pulse flex-col gap-2">
            <div className="aspect-square rounded-lg bg-zinc-200" />
            <div className="h-3 w-1/3 rounded bg-zinc-200" />
            <div className="h-4 w-3/4 rounded bg-zinc-200" />
            <div className="h-4 w-1/4 rounded bg-zinc-200" />
          </li>
        ))}
      </ul>
    </div>
  );
}

export function PurchasePanelSkeleton() {
  return (
    <div aria-busy="true" className="flex animate-pulse flex-col gap-4">
      <span className="sr-only">Loading price and availability…</span>
      <div aria-hidden="true" className="h-8 w-32 rounded bg-zinc-200" />
      <div aria-hidden="true" className="flex gap-2">
        {[0, 1, 2, 3].map((index) => (
          <div key={index} className="h-10 w-14 rounded-md bg-zinc-200" />
        ))}
      </div>
      <div aria-hidden="true" className="h-5 w-24 rounded bg-zinc-200" />
      <div aria-hidden="true" className="h-12 w-full rounded-md bg-zinc-200" />
    </div>
  );
}

/** Shown when the PostgreSQL fallback answered (or nothing could). Discreet: results are still useful. */
export function DegradedNotice({ unavailable }: { unavailable: boolean }) {
  return (
    <p role="status" className="rounded-md bg-zinc-100 px-3 py-2 text-sm text-zinc-600" data-testid="search-degraded">
      {unavailable
        ? "Search is temporarily unavailable. Please try again in a moment."
        : "Search is running in a simplified mode right now: spelling mistakes are not corrected and filter counts are hidden."}
    </p>
  );
}

import { connection } from "next/server";
import { storeMode } from "@/lib/ops/store-mode";

/** The store's mode in the admin header. Read at request time: the mode comes from the running server's
 *  environment, never from the build. */
export async function StoreModeBadge() {
  await connection();
  const mode = storeMode();
  return mode === "demo" ? (
    <span
      className="rounded bg-amber-300 px-2 py-0.5 text-xs font-bold uppercase tracking-wide text-amber-950"
      title="Test payments and the development mailbox are on. Not for real customers."
      data-testid="store-mode"
    >
      Demo mode
    </span>
  ) : (
    <span
      className="rounded bg-zinc-700 px-2 py-0.5 text-xs font-semibold uppercase tracking-wide text-zinc-100"
      data-testid="store-mode"
    >
      Production
    </span>
  );
}

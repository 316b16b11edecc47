// The store settings as pages read them: cached, and expired by the save action (revalidateStoreSettings),
// so every instance reads the new values at the next request. Checkout never reads through here: it reads
// the row inside its own transaction (./store-settings.ts), so a change applies to the next checkout.
import "server-only";
import { cacheLife, cacheTag, revalidateTag } from "next/cache";
import { prisma } from "@/lib/db";
import { readStoreSettings, STORE_SETTINGS_TAG, type StoreSettings } from "./store-settings";

export async function getStoreSettings(): Promise<StoreSettings> {
  "use cache";
  cacheLife("hours");
  cacheTag(STORE_SETTINGS_TAG);
  return readStoreSettings(prisma);
}

/** After a settings save committed. */
export function revalidateStoreSettings(): void {
  revalidateTag(STORE_SETTINGS_TAG, { expire: 0 });
}

import "server-only";
// The answer of an admin save: the page is re-rendered with the saved data (refresh()), and the answer is
// stamped so the form announces every save, two identical ones too (its FormSuccess is keyed by the stamp).
import { refresh } from "next/cache";

export type Saved<T extends object = object> = T & { savedAt: number };

export function saved<T extends object>(data: T): Saved<T> {
  refresh();
  return { ...data, savedAt: Date.now() };
}

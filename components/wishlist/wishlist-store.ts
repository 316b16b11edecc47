// The visitor's saved product ids and email in the browser, for the wishlist hearts and the "notify me"
// form (components/wishlist/wishlist-context.tsx provides one per store layout). A small store rather than
// a context value: each heart subscribes to its own product, so a save or removal renders that heart again,
// not every heart on the page (about 20 on a listing), and no context change walks the page's tree.
// Until the read answers a heart shows "not saved", which is what it shows after it for all but the saved
// products: so the answer renders only the hearts of saved products again (before, all 20 went from
// disabled to enabled). A click before the answer waits for it, then does what the heart showed.
import { whenStreamSettled } from "@/components/ui/stream-settled";
import type { WishlistStateResponse } from "@/lib/wishlist/wishlist";

type Listener = () => void;

export class WishlistStore {
  /** Saved product ids; null until read (or when the read failed). */
  private saved: ReadonlySet<string> | null = null;
  private email: string | null = null;
  /** The first read, settled (answered or failed); undefined until requested. */
  private read: Promise<void> | undefined;
  private readonly productListeners = new Map<string, Set<Listener>>();
  private readonly emailListeners = new Set<Listener>();

  subscribeProduct(productId: string, listener: Listener): () => void {
    let listeners = this.productListeners.get(productId);
    if (!listeners) this.productListeners.set(productId, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.productListeners.delete(productId);
    };
  }

  subscribeEmail(listener: Listener): () => void {
    this.emailListeners.add(listener);
    return () => void this.emailListeners.delete(listener);
  }

  /** Whether the product is saved (false until the state is read). */
  isSaved(productId: string): boolean {
    return this.saved?.has(productId) ?? false;
  }

  getEmail(): string | null {
    return this.email;
  }

  /**
   * Reads the state from GET /api/wishlist the first time it is called (pages without a heart read
   * nothing); resolves once that read has answered or failed.
   */
  load(): Promise<void> {
    // After the page's streamed parts are revealed: components/ui/stream-settled.ts says why.
    this.read ??= whenStreamSettled()
      .then(() => fetch("/api/wishlist", { cache: "no-store", headers: { accept: "application/json" } }))
      .then((response) => (response.ok ? (response.json() as Promise<WishlistStateResponse>) : null))
      .then(
        (body) => {
          if (!body) return;
          // A save answered before the read keeps its ids: they are the newer.
          if (!this.saved) this.replace(body.productIds);
          if (body.email !== this.email) {
            this.email = body.email;
            for (const listener of [...this.emailListeners]) listener();
          }
        },
        () => {},
      );
    return this.read;
  }

  /** The saved ids as the server answered them; only the products whose state changed are told. */
  replace(productIds: readonly string[]): void {
    const previous = this.saved;
    const next = new Set(productIds);
    this.saved = next;
    for (const [productId, listeners] of [...this.productListeners]) {
      if ((previous?.has(productId) ?? false) === next.has(productId)) continue;
      for (const listener of [...listeners]) listener();
    }
  }
}

/**
 * Shown instead of the cart while the database is out of reach: "Your cart is empty" would tell the
 * shopper their cart is lost, when it is only unreadable for a moment.
 */
export function CartUnavailable() {
  return (
    <div
      role="status"
      className="flex flex-col items-start gap-4 rounded-lg border border-amber-300 bg-amber-50 p-10"
      data-testid="cart-unavailable"
    >
      <p className="text-lg text-amber-950">We can&apos;t load your cart right now.</p>
      <p className="text-amber-900">
        Your items are safe: this is a brief problem on our side. Please reload the page in a minute.
      </p>
    </div>
  );
}

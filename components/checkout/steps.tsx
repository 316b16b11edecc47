import Link from "next/link";

export const CHECKOUT_STEPS = [
  { key: "contact", label: "Contact", href: "/checkout" },
  { key: "shipping", label: "Address", href: "/checkout/shipping" },
  { key: "delivery", label: "Delivery", href: "/checkout/delivery" },
  { key: "review", label: "Review", href: "/checkout/review" },
  { key: "payment", label: "Payment", href: null },
] as const;

export type CheckoutStepKey = (typeof CHECKOUT_STEPS)[number]["key"];

/** The step list; steps before the current one are links back, so a shopper can change an answer. */
export function CheckoutSteps({ current }: { current: CheckoutStepKey }) {
  const index = CHECKOUT_STEPS.findIndex((step) => step.key === current);
  return (
    <nav aria-label="Checkout progress" className="mb-8">
      <ol className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
        {CHECKOUT_STEPS.map((step, position) => {
          const state = position < index ? "done" : position === index ? "current" : "todo";
          return (
            <li key={step.key} className="flex items-center gap-2">
              <span
                aria-hidden="true"
                className={`flex h-6 w-6 items-center justify-center rounded-full text-xs font-semibold ${
                  state === "todo" ? "bg-zinc-200 text-zinc-600" : "bg-zinc-900 text-white"
                }`}
              >
                {position + 1}
              </span>
              {state === "done" && step.href ? (
                <Link href={step.href} className="underline hover:text-zinc-950 focus-visible:outline-2">
                  {step.label}
                </Link>
              ) : (
                <span
                  aria-current={state === "current" ? "step" : undefined}
                  className={state === "current" ? "font-semibold" : "text-zinc-600"}
                >
                  {step.label}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

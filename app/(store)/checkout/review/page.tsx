import type { Metadata } from "next";
import Link from "next/link";
import { StepShell } from "@/components/checkout/step-shell";
import { OrderSummary } from "@/components/checkout/order-summary";
import { CouponForm } from "@/components/checkout/coupon-form";
import { PlaceOrderForm } from "@/components/checkout/place-order-form";
import { checkoutStep } from "@/lib/checkout/checkout-guard";
import { PostalAddress } from "@/components/ui/postal-address";
import { quoteCheckout } from "@/lib/checkout/quote";
import { prisma } from "@/lib/db";
import { isUserError } from "@/lib/errors";
import { getStoreMoneyFormatter } from "@/lib/settings/money-format";
import { applyCouponAction, placeOrderAction, removeCouponAction } from "@/app/(store)/checkout/actions";

export const metadata: Metadata = { title: "Review your order", robots: { index: false } };

export default function CheckoutReviewPage() {
  return (
    <StepShell step="review" title="Review your order">
      <ReviewStep />
    </StepShell>
  );
}

async function ReviewStep() {
  const formatMoney = await getStoreMoneyFormatter();
  const { cart, state } = await checkoutStep("review");
  const address = state.shippingAddress!;
  let quote;
  try {
    quote = await quoteCheckout(prisma, {
      cartId: cart.id,
      email: state.email!,
      shippingAddress: address,
      shippingMethod: state.shippingMethod!,
      couponCode: state.couponCode,
    });
  } catch (error) {
    if (!isUserError(error)) throw error;
    return (
      <p role="alert" className="text-red-700">
        {error.message}{" "}
        <Link href="/checkout/delivery" className="underline">
          Choose another option
        </Link>
      </p>
    );
  }
  return (
    <div className="grid gap-10 lg:grid-cols-[1fr_24rem]">
      <div className="flex flex-col gap-6">
        <ReviewSection id="contact" title="Contact" changeHref="/checkout">
          <p className="text-zinc-700">{state.email}</p>
        </ReviewSection>
        <ReviewSection id="address" title="Shipping to" changeHref="/checkout/shipping">
          <PostalAddress address={address} className="text-zinc-700" />
        </ReviewSection>
        <ReviewSection id="delivery" title="Delivery" changeHref="/checkout/delivery">
          <p className="text-zinc-700">{quote.shippingMethodName}</p>
        </ReviewSection>
        <CouponForm
          couponCode={quote.couponCode}
          couponError={quote.couponError}
          apply={applyCouponAction}
          remove={removeCouponAction}
        />
      </div>
      <div className="flex flex-col gap-4">
        <OrderSummary
          cart={cart}
          totals={quote.totals}
          shippingMethodName={quote.shippingMethodName}
          couponCode={quote.couponCode}
          taxNote={quote.taxNote}
        />
        <PlaceOrderForm
          totalLabel={formatMoney(quote.totals.totalCents, quote.totals.currency)}
          totalCents={quote.totals.totalCents}
          placeOrder={placeOrderAction}
        />
      </div>
    </div>
  );
}

/** One answer of an earlier step (contact, address, delivery), with the link back to that step. */
function ReviewSection({
  id,
  title,
  changeHref,
  children,
}: {
  id: string;
  title: string;
  changeHref: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="font-semibold">
        {title}
      </h2>
      {children}
      <Link href={changeHref} className="text-sm underline">
        Change
      </Link>
    </section>
  );
}

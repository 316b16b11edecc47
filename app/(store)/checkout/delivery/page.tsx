import type { Metadata } from "next";
import { StepShell } from "@/components/checkout/step-shell";
import { DeliveryForm, type DeliveryOption } from "@/components/checkout/delivery-form";
import { checkoutStep } from "@/lib/checkout/checkout-guard";
import { prisma } from "@/lib/db";
import { formatMoney } from "@/lib/money";
import { shippingRatesFor } from "@/lib/pricing/shipping";

export const metadata: Metadata = { title: "Delivery", robots: { index: false } };

export default function CheckoutDeliveryPage() {
  return (
    <StepShell step="delivery" title="Delivery">
      <DeliveryStep />
    </StepShell>
  );
}

async function DeliveryStep() {
  const { cart, state } = await checkoutStep("delivery");
  const country = state.shippingAddress!.country;
  const rates = shippingRatesFor(await prisma.shippingRate.findMany(), country, cart.currency);
  if (rates.length === 0) {
    return (
      <p role="alert" className="text-red-700">
        Sorry, we do not ship to this country yet. Please choose another address.
      </p>
    );
  }
  const options: DeliveryOption[] = rates.map((rate) => {
    // Indicative here; the review step computes the exact amount after any discount.
    const free = rate.freeOverCents !== null && cart.subtotalCents >= rate.freeOverCents;
    return {
      method: rate.method,
      name: rate.name,
      priceLabel: free ? "Free" : formatMoney(rate.priceCents, rate.currency),
      days:
        rate.minDays === rate.maxDays
          ? `${rate.minDays} business days`
          : `${rate.minDays}–${rate.maxDays} business days`,
    };
  });
  return <DeliveryForm options={options} selected={state.shippingMethod} />;
}

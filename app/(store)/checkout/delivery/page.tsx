import type { Metadata } from "next";
import { StepShell } from "@/components/checkout/step-shell";
import { DeliveryForm } from "@/components/checkout/delivery-form";
import { checkoutStep } from "@/lib/checkout/checkout-guard";
import { deliveryOptionsFor } from "@/lib/checkout/delivery-options";
import { prisma } from "@/lib/db";
import { saveDeliveryAction } from "@/app/(store)/checkout/actions";

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
  const options = await deliveryOptionsFor(prisma, country, cart);
  if (options.length === 0) {
    return (
      <p role="alert" className="text-red-700">
        Sorry, we do not ship to this country yet. Please choose another address.
      </p>
    );
  }
  return <DeliveryForm options={options} selected={state.shippingMethod} save={saveDeliveryAction} />;
}

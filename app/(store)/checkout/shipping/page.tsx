import type { Metadata } from "next";
import { StepShell } from "@/components/checkout/step-shell";
import { AddressForm } from "@/components/checkout/address-form";
import { checkoutStep } from "@/lib/checkout/checkout-guard";
import { CHECKOUT_COUNTRIES, countryName } from "@/lib/cart/countries";
import { saveAddressAction } from "@/app/(store)/checkout/actions";

export const metadata: Metadata = { title: "Shipping address", robots: { index: false } };

export default function CheckoutShippingPage() {
  return (
    <StepShell step="shipping" title="Shipping address">
      <AddressStep />
    </StepShell>
  );
}

async function AddressStep() {
  const { state } = await checkoutStep("shipping");
  const countries = CHECKOUT_COUNTRIES.map((code) => ({ code, name: countryName(code) }));
  return <AddressForm address={state.shippingAddress} countries={countries} save={saveAddressAction} />;
}

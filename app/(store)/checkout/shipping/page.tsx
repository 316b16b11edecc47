import type { Metadata } from "next";
import { StepShell } from "@/components/checkout/step-shell";
import { AddressForm } from "@/components/checkout/address-form";
import { checkoutStep } from "@/lib/checkout/checkout-guard";
import { CHECKOUT_COUNTRIES, countryName } from "@/lib/cart/countries";
import { listAddresses } from "@/lib/account/addresses";
import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
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
  // A signed-in shopper's address book: the default address fills the form unless this checkout already
  // has an address, and the others are one choice away.
  const user = await getSessionUser();
  const saved = user ? await listAddresses(prisma, user.id) : [];
  const address = state.shippingAddress ?? saved.find((entry) => entry.isDefault) ?? null;
  return <AddressForm address={address} saved={saved} countries={countries} save={saveAddressAction} />;
}

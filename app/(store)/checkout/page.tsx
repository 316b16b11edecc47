import type { Metadata } from "next";
import { StepShell } from "@/components/checkout/step-shell";
import { ContactForm } from "@/components/checkout/contact-form";
import { checkoutStep } from "@/lib/checkout/checkout-guard";
import { saveContactAction } from "@/app/(store)/checkout/actions";

export const metadata: Metadata = { title: "Checkout", robots: { index: false } };

export default function CheckoutContactPage() {
  return (
    <StepShell step="contact" title="Checkout">
      <ContactStep />
    </StepShell>
  );
}

async function ContactStep() {
  const { state } = await checkoutStep("contact");
  return <ContactForm email={state.email} save={saveContactAction} />;
}

import "server-only";
import { redirect } from "next/navigation";
import { prisma } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/errors";
import { getCartView } from "@/lib/cart/cart";
import { getCheckoutState } from "./checkout-state";
import { readCartId } from "@/lib/cart/cookies";

type Step = "contact" | "shipping" | "delivery" | "review";

/**
 * The cart and checkout answers a step needs, or a redirect to the first step still missing an answer
 * (or to the cart when it is empty or cannot be bought as it is).
 */
export async function checkoutStep(step: Step) {
  const cartId = await readCartId();
  let answers;
  try {
    answers = await Promise.all([getCartView(prisma, cartId), getCheckoutState(prisma, cartId)]);
  } catch (error) {
    // Checkout cannot go on without the database: the cart page says it is briefly unavailable.
    if (isDatabaseUnavailable(error)) redirect("/cart");
    throw error;
  }
  const [cart, state] = answers;
  if (!cart || !state || cart.lines.length === 0 || cart.hasProblems) redirect("/cart");
  if (step !== "contact" && !state.email) redirect("/checkout");
  if ((step === "delivery" || step === "review") && !state.shippingAddress) redirect("/checkout/shipping");
  if (step === "review" && !state.shippingMethod) redirect("/checkout/delivery");
  return { cart, state };
}

// A server action as a prop of the client form that posts it. components/ never imports app/: a page
// imports its route's actions and hands each to its form (`<ContactForm save={saveContactAction} />`),
// which calls it through useActionState. The page decides which endpoint a form posts to; the form stays
// UI only, and one form can serve two routes (the account's and the admin's password change).
import type { ActionResult } from "./result";

export type FormAction<T = undefined> = (
  previous: ActionResult<T> | null,
  formData: FormData,
) => Promise<ActionResult<T>>;

/** An action a button calls with no form (sign out everywhere, remove the coupon). */
export type ButtonAction<T = undefined> = () => Promise<ActionResult<T>>;

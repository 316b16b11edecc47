// The action kit: every server action is `defineAction({ role, input }, handler)`, which does, in order,
//   1. authorization for the declared role (./access.ts), before anything is read;
//   2. parsing of the input (the FormData, or the one argument of a non-form action) with its schema,
//      a failure answered with the message of each field and nothing run;
//   3. the handler, whose return value is the result's data; a UserError it throws is shown (with its
//      field errors), anything else is logged and shown as the generic message, and Next's redirect(),
//      notFound() and forbidden() (which work by throwing) pass through.
// The action always answers with an ActionResult (./result.ts), also to a forged call posting other
// arguments than its form. This module takes the authorization as an argument, so unit tests run the kit
// with the real rules and a user of their own; ./define-action.ts binds it to the request's session.
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { ActionAccess, ActionRole } from "./access";
import type { SessionUser } from "@/lib/auth/session";
import { formObject, formStrings, parseFields, type FormParse } from "./form";
import { failure, invalidFields, ok, type ActionResult } from "./result";

export type Authorize = <R extends ActionRole>(role: R) => Promise<ActionAccess<R>>;

const ROLES: readonly ActionRole[] = ["public", "customer", "staff", "admin"];

/** The signed-in user a handler gets: none for public actions (a public handler that cares looks it up). */
type UserOf<R extends ActionRole> = R extends "public" ? null : SessionUser;

/**
 * How a form action reads its input: a zod schema of the form's fields (the first value of each, as
 * strings), or a parser of the whole FormData (repeated fields, checks across fields). A parser may throw
 * a UserError for a refusal of the whole form ("This product no longer exists.").
 */
export type FormInput = z.ZodType | ((form: FormData) => FormParse<unknown>);
type InputOf<I> = I extends z.ZodType ? z.output<I> : I extends (form: FormData) => FormParse<infer T> ? T : never;

/** A handler returning nothing gives `ActionResult` (data undefined); one that always redirects, any. */
type DataOf<D> = [D] extends [never] ? never : [D] extends [void] ? undefined : D;

/**
 * What the form sent, to show it again after a refusal: `true` for every field (a repeated one's values
 * joined by commas), or the fields to keep (never echo a password or a card number).
 */
export type Echo = true | readonly string[];

export interface DefineAction {
  /** An action called with one argument that is not a form (a typed search). */
  <R extends ActionRole, S extends z.ZodType, D>(
    options: { role: R; input: S; from: "argument" },
    handler: (context: { input: z.output<S>; user: UserOf<R> }) => Promise<D>,
  ): (argument: z.input<S>) => Promise<ActionResult<DataOf<D>>>;
  /** A form action, for useActionState: `(previousState, formData)`. */
  <R extends ActionRole, I extends FormInput, D>(
    options: { role: R; input: I; echo?: Echo },
    handler: (context: { input: InputOf<I>; user: UserOf<R>; form: FormData }) => Promise<D>,
  ): (previous: unknown, formData: FormData) => Promise<ActionResult<DataOf<D>>>;
  /** An action without input (a button). */
  <R extends ActionRole, D>(
    options: { role: R },
    handler: (context: { user: UserOf<R> }) => Promise<D>,
  ): () => Promise<ActionResult<DataOf<D>>>;
}

interface Options {
  role: ActionRole;
  input?: FormInput;
  from?: "argument";
  echo?: Echo;
}

type Handler = (context: { input?: unknown; user: SessionUser | null; form?: FormData }) => Promise<unknown>;

export function actionKit(authorize: Authorize): DefineAction {
  function defineAction(options: Options, handler: Handler) {
    // A typo in a role must not become "anyone": refused when the module loads (the build fails).
    if (!ROLES.includes(options.role)) throw new Error(`Unknown server action role: ${String(options.role)}`);
    const shape = options.input === undefined ? "none" : options.from === "argument" ? "argument" : "form";

    return async function action(...args: unknown[]): Promise<ActionResult<unknown>> {
      // `(previousState, formData)` from useActionState; a forged call may post anything instead.
      const form = shape === "form" ? (args[1] instanceof FormData ? args[1] : new FormData()) : undefined;
      let values: Record<string, string> | undefined;
      try {
        const access = await authorize(options.role);
        if (!access.ok) return access.result;
        if (form && options.echo) values = echoed(form, options.echo);
        let input: unknown;
        if (shape !== "none") {
          const parsed = form ? parseForm(options.input!, form) : parseFields(options.input as z.ZodType, args[0]);
          if (!parsed.ok) return failure(invalidFields(parsed.fieldErrors), values);
          input = parsed.data;
        }
        return ok(await handler({ input, user: access.user, form }));
      } catch (error) {
        unstable_rethrow(error);
        return failure(error, values);
      }
    };
  }
  return defineAction as DefineAction;
}

function parseForm(input: FormInput, form: FormData): FormParse<unknown> {
  return typeof input === "function" ? input(form) : parseFields(input, formObject(form));
}

function echoed(form: FormData, echo: Echo): Record<string, string> {
  const fields = formObject(form);
  if (echo !== true) return Object.fromEntries(echo.map((name) => [name, fields[name] ?? ""]));
  return Object.fromEntries(Object.keys(fields).map((name) => [name, formStrings(form, name).join(",")]));
}

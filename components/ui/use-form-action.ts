"use client";
// The one way a client form posts its server action: useActionState, plus what every form reads of the
// answer. A refusal (`failed`) carries a message, each field's message (`errors`) and, when the action
// echoes them, the values that were posted (React resets a form after its action, so a field shows them
// again through `field()`). See docs/architecture.md, "Building a form".
import { useActionState } from "react";
import type { FormAction } from "@/lib/actions/form-action";
import type { ActionFailure, ActionResult } from "@/lib/actions/result";

const NO_ERRORS: Readonly<Record<string, string>> = Object.freeze({});

export interface FormActionState<T> {
  /** The last answer, null before the first submit. */
  result: ActionResult<T> | null;
  /** For `<form action={...}>`. */
  action: (formData: FormData) => void;
  pending: boolean;
  /** The last answer when it was a refusal. */
  failed: ActionFailure | null;
  /** Each field's message of the last refusal, keyed by field name (empty otherwise). */
  errors: Readonly<Record<string, string>>;
  /** The refusal's message for the top of the form, when no field carries it (else the fields show it). */
  formError: string | null;
  /**
   * The props of one Field / SelectField / TextareaField: its name, its message, and as `defaultValue`
   * the value it posted with the last refusal, else `fallback` (the saved value). Never for a password
   * or a card number: those are not echoed, give them `name` and `error={errors.name}`.
   */
  field: (name: string, fallback?: string | number) => { name: string; error?: string; defaultValue?: string | number };
}

export function useFormAction<T = undefined>(formAction: FormAction<T>): FormActionState<T> {
  const [result, action, pending] = useActionState<ActionResult<T> | null, FormData>(formAction, null);
  const failed = result && !result.ok ? result : null;
  const errors = failed?.fieldErrors ?? NO_ERRORS;
  return {
    result,
    action,
    pending,
    failed,
    errors,
    formError: failed && !failed.fieldErrors ? failed.error : null,
    field: (name, fallback) => ({ name, error: errors[name], defaultValue: failed?.values?.[name] ?? fallback }),
  };
}

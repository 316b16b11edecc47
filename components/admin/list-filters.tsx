// The filter bar of the admin list pages: a GET form (every filtered view is a URL that can be shared or
// reloaded), a search box, labelled selects, and the submit and "clear" controls, the same on every list.
import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "./ui";

/** The class of a filter's input or select. */
export const filterControlClass =
  "rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-offset-1";

export function FilterForm({
  action,
  label,
  clearable,
  submitLabel = "Filter",
  clearLabel = "Clear filters",
  children,
}: {
  /** The list's own path: submitting drops every parameter the form does not send (the page number). */
  action: string;
  label?: string;
  /** Shows the link back to the unfiltered list. */
  clearable: boolean;
  submitLabel?: string;
  clearLabel?: string;
  children: ReactNode;
}) {
  return (
    <form method="get" action={action} role="search" aria-label={label} className="flex flex-wrap items-end gap-3">
      {children}
      <button type="submit" className={buttonClass.secondary}>
        {submitLabel}
      </button>
      {clearable ? (
        <Link
          href={action}
          className="px-2 py-2 text-sm font-medium text-zinc-700 underline underline-offset-2 hover:text-zinc-900"
        >
          {clearLabel}
        </Link>
      ) : null}
    </form>
  );
}

/** A labelled filter control (a select, a date). */
export function FilterField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium">{label}</span>
      {children}
    </label>
  );
}

/** The free-text search of a list (parameter q), taking the room left in the bar. */
export function SearchFilter({
  defaultValue,
  placeholder,
  maxLength,
}: {
  defaultValue: string | undefined;
  placeholder: string;
  maxLength: number;
}) {
  return (
    <label className="flex min-w-56 flex-1 flex-col gap-1 text-sm">
      <span className="font-medium">Search</span>
      <input
        type="search"
        name="q"
        defaultValue={defaultValue}
        maxLength={maxLength}
        placeholder={placeholder}
        className={filterControlClass}
      />
    </label>
  );
}

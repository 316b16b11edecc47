"use client";

import { startTransition, useRef, type FormEvent } from "react";
import { FormError, FormSuccess } from "@/components/ui/field";
import { DataTable, buttonClass, TableHead } from "@/components/admin/ui";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/actions/result";
import type { ImportView } from "@/lib/catalog/csv";

type Result = ActionResult<ImportView>;

const MAX_BYTES = 5 * 1024 * 1024;

// The upload goes to a route handler (app/api/admin/products/import), which authorizes the caller before
// reading a body of up to 5 MB; it answers the ActionResult shape as JSON. A dropped connection or an
// unexpected answer becomes a message in the form instead of the error page.
async function runImport(_previous: Result | null, formData: FormData): Promise<Result> {
  try {
    const response = await fetch("/api/admin/products/import", { method: "POST", body: formData });
    if (response.status === 401)
      return { ok: false, error: "Your session has ended. Sign in again, then upload the file." };
    return (await response.json()) as Result;
  } catch {
    return {
      ok: false,
      error:
        "The upload did not reach the importer: the file may be larger than the server accepts, or the connection dropped. Try a smaller file or try again.",
    };
  }
}

function plural(count: number, word: string) {
  return `${count.toLocaleString("en-US")} ${word}${count === 1 ? "" : "s"}`;
}

function Summary({ view }: { view: ImportView }) {
  const { report } = view;
  if (!report.ok) return null;
  const c = report.counts;
  const parts = [
    `${plural(c.productsCreated, "product")} created`,
    `${plural(c.productsUpdated, "product")} updated`,
    `${plural(c.productsUnchanged, "product")} unchanged`,
    `${plural(c.variantsCreated, "variant")} created`,
    `${plural(c.variantsUpdated, "variant")} updated`,
    `${plural(c.stockLevelsChanged, "stock count")} changed`,
  ].join(", ");
  const message = report.dryRun
    ? `${view.fileName} is valid (${plural(c.rows, "row")}). Importing it would give: ${parts}. Nothing has been written yet.`
    : report.written
      ? `Imported ${view.fileName}: ${parts}.`
      : `${view.fileName} matches the catalog already: nothing to change.`;
  return <FormSuccess message={message} />;
}

function Problems({ view }: { view: ImportView }) {
  const { report } = view;
  if (report.ok) return null;
  const shown = report.errors.length;
  return (
    <div className="flex flex-col gap-3">
      <FormError
        message={`${view.fileName}: ${plural(report.errorCount, "problem")} found. Nothing was imported; fix the file and upload it again.`}
      />
      {shown < report.errorCount ? <p className="text-sm text-zinc-600">Showing the first {shown} problems.</p> : null}
      <DataTable caption={`Problems in ${view.fileName}, by row and column`}>
        <TableHead columns={[{ label: "Row", className: "w-20" }, { label: "Column", className: "w-44" }, "Problem"]} />
        <tbody>
          {report.errors.map((error, index) => (
            <tr key={`${error.row}-${error.column}-${index}`}>
              <td className="tabular-nums">{error.row === 0 ? "File" : error.row}</td>
              <td className="font-mono text-xs">{error.column || "—"}</td>
              <td>{error.message}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </div>
  );
}

export function ImportForm() {
  const { result, action, pending, failed, errors } = useFormAction(runImport);
  const fileRef = useRef<HTMLInputElement>(null);
  const fileError = errors.file;

  // Submitting through the transition (not the form's action attribute) keeps the chosen file in the
  // input after a dry run, so "Validate" then "Import" needs no second pick.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const file = fileRef.current?.files?.[0];
    if (file && file.size > MAX_BYTES) {
      fileRef.current?.setCustomValidity("This file is larger than 5 MB; split it into several files.");
      fileRef.current?.reportValidity();
      return;
    }
    fileRef.current?.setCustomValidity("");
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => action(data));
  }

  return (
    <div className="flex flex-col gap-4">
      <form action={action} onSubmit={onSubmit} className="flex flex-col gap-4" aria-describedby="import-help">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">CSV file</span>
          <input
            ref={fileRef}
            type="file"
            name="file"
            accept=".csv,text/csv"
            required
            onChange={() => fileRef.current?.setCustomValidity("")}
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? "file-error" : "import-help"}
            className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-base file:mr-3 file:rounded file:border-0 file:bg-zinc-100 file:px-3 file:py-1 file:font-semibold focus-visible:outline-2 focus-visible:outline-offset-1"
          />
          {fileError ? (
            <span id="file-error" className="text-sm text-red-700">
              {fileError}
            </span>
          ) : null}
        </label>
        <div className="flex flex-wrap gap-2">
          <button type="submit" name="mode" value="validate" disabled={pending} className={buttonClass.secondary}>
            {pending ? "Checking…" : "Validate only"}
          </button>
          <button type="submit" name="mode" value="import" disabled={pending} className={buttonClass.primary}>
            {pending ? "Working…" : "Import"}
          </button>
        </div>
      </form>
      <div aria-live="polite" className="flex flex-col gap-3">
        {pending ? <p className="text-sm text-zinc-600">Reading and checking every row…</p> : null}
        {!pending && result?.ok ? (
          <>
            <Summary view={result.data} />
            <Problems view={result.data} />
          </>
        ) : null}
        {!pending && failed && !fileError ? <FormError message={failed.error} /> : null}
      </div>
    </div>
  );
}

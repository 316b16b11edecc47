// The frame of every store settings page: its title, the sections, and for staff a note that only
// administrators change settings.
import type { ReactNode } from "react";
import { AdminPageHeader } from "@/components/admin/ui";
import { SettingsNav } from "./settings-nav";

export function SettingsShell({
  title,
  description,
  canEdit,
  children,
}: {
  title: string;
  description: string;
  canEdit: boolean;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-6">
      <AdminPageHeader title={title} description={description} />
      <SettingsNav />
      {canEdit ? null : (
        <p role="note" className="rounded-md border border-zinc-200 bg-white p-3 text-sm text-zinc-700">
          You can read the store settings; only administrators can change them.
        </p>
      )}
      {children}
    </div>
  );
}

// Brands (lib/settings/brands.ts): create, rename, delete when no product uses it.
import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { listBrandsForAdmin } from "@/lib/settings/brands";
import { Card, DataTable } from "@/components/admin/ui";
import { SettingsForm, type SettingsField } from "@/components/admin/settings/settings-form";
import { SettingsShell } from "@/components/admin/settings/settings-shell";
import { createBrandAction, deleteBrandAction, updateBrandAction } from "../actions";

export const metadata: Metadata = { title: "Brands" };

const fields: SettingsField[] = [
  { name: "name", label: "Name", required: true },
  { name: "slug", label: "Slug", hint: "Empty: made from the name" },
  { name: "seoTitle", label: "SEO title" },
  { name: "seoDescription", label: "SEO description", type: "textarea", wide: true },
];

export default async function BrandsSettingsPage() {
  const user = await requireAdminPage("STAFF", "/admin/settings/brands");
  const canEdit = hasRole(user.role, "ADMIN");
  const brands = await listBrandsForAdmin(prisma);
  return (
    <SettingsShell
      title="Brands"
      description="Brands shown on products and used by search. A rename updates the products' pages and search results; a brand can be deleted once no product uses it."
      canEdit={canEdit}
    >
      {canEdit ? (
        <Card title="New brand">
          <SettingsForm
            label="New brand"
            action={createBrandAction}
            submitLabel="Create brand"
            successMessage="Brand created."
            fields={fields}
          />
        </Card>
      ) : null}
      <DataTable caption="Brands">
        <thead>
          <tr>
            <th scope="col">Brand</th>
            <th scope="col">Slug</th>
            <th scope="col">Products</th>
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody>
          {brands.map((brand) => (
            <tr key={brand.id} data-brand={brand.slug}>
              <td className="font-medium">{brand.name}</td>
              <td className="font-mono text-xs">{brand.slug}</td>
              <td className="tabular-nums">{brand.productCount}</td>
              <td>
                <details>
                  <summary className="cursor-pointer text-sm underline">{canEdit ? "Edit" : "Details"}</summary>
                  <div className="mt-3 flex flex-col gap-4">
                    <SettingsForm
                      label={`Edit ${brand.name}`}
                      action={updateBrandAction}
                      readOnly={!canEdit}
                      submitLabel="Save brand"
                      values={{
                        id: brand.id,
                        name: brand.name,
                        slug: brand.slug,
                        seoTitle: brand.seoTitle ?? "",
                        seoDescription: brand.seoDescription ?? "",
                      }}
                      fields={[{ name: "id", label: "", type: "hidden" }, ...fields]}
                    />
                    {canEdit ? (
                      <SettingsForm
                        inline
                        label={`Delete ${brand.name}`}
                        action={deleteBrandAction}
                        submitLabel="Delete"
                        successMessage="Deleted."
                        tone="danger"
                        values={{ id: brand.id }}
                        fields={[{ name: "id", label: "", type: "hidden" }]}
                      />
                    ) : null}
                  </div>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </SettingsShell>
  );
}

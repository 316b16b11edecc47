import type { Metadata } from "next";
import { prisma } from "@/lib/db";
import { requireAdminPage } from "@/lib/auth/guard";
import { listUsers, userListParams } from "@/lib/auth/users-admin";
import { AdminPageHeader, Badge, Card, DataTable, EmptyState, Pagination, buttonClass } from "@/components/admin/ui";
import { RoleForm } from "@/components/admin/users/role-form";
import { CreateStaffForm } from "@/components/admin/users/create-staff-form";
import { createStaffAction, setUserRoleAction } from "@/app/admin/users/actions";

export const metadata: Metadata = { title: "Users" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireAdminPage("ADMIN", "/admin/users");
  const params = userListParams.parse(await searchParams);
  const { users, total, pageCount } = await listUsers(prisma, params);
  const hrefFor = (page: number) => {
    const query = new URLSearchParams();
    if (params.q) query.set("q", params.q);
    if (params.role) query.set("role", params.role);
    if (page > 1) query.set("page", String(page));
    const text = query.toString();
    return text ? `/admin/users?${text}` : "/admin/users";
  };
  return (
    <div className="flex flex-col gap-6">
      <AdminPageHeader
        title="Users"
        description={`${total} account${total === 1 ? "" : "s"}. Role changes sign the account out everywhere.`}
      />
      <Card title="Add a staff account">
        <CreateStaffForm createStaff={createStaffAction} />
      </Card>
      <form method="get" className="flex flex-wrap items-end gap-3" role="search">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Search</span>
          <input
            name="q"
            defaultValue={params.q ?? ""}
            placeholder="Email or name"
            className="rounded-md border border-zinc-300 px-3 py-2"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Role</span>
          <select
            name="role"
            defaultValue={params.role ?? ""}
            className="rounded-md border border-zinc-300 bg-white px-3 py-2"
          >
            <option value="">All</option>
            <option value="ADMIN">Admin</option>
            <option value="STAFF">Staff</option>
            <option value="CUSTOMER">Customer</option>
          </select>
        </label>
        <button type="submit" className={buttonClass.secondary}>
          Filter
        </button>
      </form>
      {users.length === 0 ? (
        <EmptyState title="No accounts match">Try another search or role.</EmptyState>
      ) : (
        <DataTable caption="Accounts">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Orders</th>
              <th scope="col">Since</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>
                  {user.email} {user.id === actor.id ? <Badge tone="info">you</Badge> : null}
                </td>
                <td>{user.name ?? "—"}</td>
                <td>{user._count.orders}</td>
                <td>{user.createdAt.toISOString().slice(0, 10)}</td>
                <td>
                  <RoleForm userId={user.id} email={user.email} role={user.role} setRole={setUserRoleAction} />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pagination page={params.page} pageCount={pageCount} hrefFor={hrefFor} />
    </div>
  );
}

import type { Metadata } from "next";
import { AdminPageHeader, Card } from "@/components/admin/ui";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { requireAdminPasswordPage } from "@/lib/auth/guard";
import { changePasswordAction } from "@/app/(store)/account/actions";

export const metadata: Metadata = { title: "Change your password" };

// Where every admin page sends an account that still has its generated password (lib/auth/guard.ts). The
// form is the account page's own: changing the password clears the flag and signs the account out
// everywhere, so it signs in again with the new password and lands back in the admin.
export default async function AdminPasswordPage() {
  const user = await requireAdminPasswordPage();
  return (
    <div className="flex flex-col gap-6">
      <AdminPageHeader title="Change your password" />
      {user.mustChangePassword ? (
        <p
          role="alert"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
          data-testid="password-change-required"
        >
          Your account still has the password it was created with, which was shown when the account was made. Choose
          your own password to use the store admin.
        </p>
      ) : null}
      <Card>
        <ChangePasswordForm changePassword={changePasswordAction} callbackUrl="/admin" />
      </Card>
    </div>
  );
}

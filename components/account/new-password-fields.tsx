import { Field } from "@/components/ui/field";

/**
 * A new password and its repetition, as the password change and the password reset ask for them. `name`
 * is the new password's field (each action names it its own way); the repetition is `confirmPassword`.
 */
export function NewPasswordFields({
  name,
  errors,
  autoFocus,
}: {
  name: string;
  errors: Readonly<Record<string, string>>;
  autoFocus?: boolean;
}) {
  return (
    <>
      <Field
        label="New password"
        name={name}
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        autoFocus={autoFocus}
        error={errors[name]}
      />
      <Field
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={errors.confirmPassword}
      />
    </>
  );
}

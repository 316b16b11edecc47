/** Emails are stored and compared lower-cased and trimmed: "Ann@Example.com " and "ann@example.com" are one account. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

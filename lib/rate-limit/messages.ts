// The refusal text users see, in a module without server dependencies so client components can word a
// refusal too (the sign-in form gets only the seconds from next-auth, never text to show).
export function retryMessage(retryAfterSeconds: number): string {
  if (retryAfterSeconds < 120) {
    return `Too many attempts. Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.`;
  }
  return `Too many attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`;
}

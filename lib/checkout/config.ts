// Checkout settings read from the environment (documented in .env.example).

const DEFAULT_RESERVATION_TTL_MINUTES = 15;

/** How long placed-but-unpaid orders hold their stock. RESERVATION_TTL_MINUTES, 1 to 1440, default 15. */
export function reservationTtlMinutes(): number {
  const raw = process.env.RESERVATION_TTL_MINUTES;
  if (raw === undefined || raw.trim() === "") return DEFAULT_RESERVATION_TTL_MINUTES;
  const minutes = Number(raw);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
    throw new Error(`RESERVATION_TTL_MINUTES must be a whole number of minutes from 1 to 1440, got "${raw}"`);
  }
  return minutes;
}

// Times on the order page, in UTC to the minute: staff in several time zones read the same value.
export function when(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function Time({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{when(date)}</time>;
}

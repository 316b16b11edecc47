// Where the end-to-end store lives: its port (E2E_PORT), data directory and database. One data directory per
// port, so two runs on different ports never share or delete each other's state.
export const e2ePort = Number(process.env.E2E_PORT ?? 3100);

export function e2eDataDir(port: number = e2ePort): string {
  return port === 3100 ? ".data/e2e" : `.data/e2e-${port}`;
}

export function e2eDatabaseUrl(): string {
  return (
    process.env.E2E_DATABASE_URL ??
    `postgresql://postgres:postgres@127.0.0.1:${process.env.E2E_PG_PORT ?? 54331}/storefront`
  );
}

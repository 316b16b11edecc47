// A Prisma transaction's BEGIN in the same round trip as its first statement (checkout's and payment's fast
// transactions do the same on their own: ./pg-transaction.ts). Prisma's pg adapter sends BEGIN
// and waits for its answer before the transaction's callback runs, so every transaction pays a round trip
// (and two process wake-ups on each side) for a command that cannot fail on a healthy connection. Here the
// BEGIN is handed to the connection but answered at once; in node-postgres' pipeline mode (./index.ts) the
// first statement then follows it on the wire without waiting, and its result
// is returned only once BEGIN's answer has arrived too, so a failed BEGIN (a broken connection, which fails
// the statement behind it as well) still fails the transaction's first call.
import type { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";

type Query = (config: unknown, ...rest: unknown[]) => unknown;

const isBegin = (config: unknown) =>
  (typeof config === "string" ? config : (config as { text?: unknown } | null)?.text) === "BEGIN";

/** Until the connection's next statement: BEGIN is sent but not waited for; that statement waits for both. */
function deferBegin(client: pg.PoolClient): pg.PoolClient {
  const own = client as unknown as { query?: Query; release: pg.PoolClient["release"] };
  const query = client.query.bind(client) as Query;
  const release = client.release.bind(client);
  let begun: Promise<unknown> | null = null;
  // Back to node-postgres' own methods (the prototype's) once the transaction's first statement is sent.
  const restore = () => {
    delete own.query;
    own.release = release;
  };
  own.query = (config, ...rest) => {
    if (rest.some((arg) => typeof arg === "function")) {
      restore();
      return query(config, ...rest);
    }
    if (begun === null && isBegin(config)) {
      begun = query(config) as Promise<unknown>;
      // Reported with the first statement (below), never as an unhandled rejection.
      begun.catch(() => {});
      return Promise.resolve({ command: "BEGIN", rowCount: null, oid: 0, rows: [], fields: [] });
    }
    restore();
    const result = query(config) as Promise<pg.QueryResult>;
    return begun === null ? result : Promise.all([begun, result]).then(([, value]) => value);
  };
  own.release = (error?: Error | boolean) => {
    restore();
    release(error);
  };
  return client;
}

/** The adapter factory, with every transaction's BEGIN sent along with its first statement. */
export function withBeginInFirstStatement(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const pool = adapter.underlyingDriver();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = (isolationLevel) => {
      // The adapter takes its connection from the pool synchronously, at the start of startTransaction:
      // only that connection is changed, whatever else uses the pool meanwhile.
      const poolConnect = Object.getOwnPropertyDescriptor(pool, "connect");
      const takeConnection = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
      pool.connect = (() => takeConnection().then(deferBegin)) as typeof pool.connect;
      try {
        return startTransaction(isolationLevel);
      } finally {
        if (poolConnect) Object.defineProperty(pool, "connect", poolConnect);
        else delete (pool as { connect?: unknown }).connect;
      }
    };
    return adapter;
  };
  return factory;
}

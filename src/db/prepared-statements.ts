// Named (prepared) statements for what Prisma sends to a PostgreSQL server. Unnamed, every
// statement is parsed, analysed and planned again on each execution; Prisma's statements for a
// page (lateral joins, JSON aggregation) cost PostgreSQL 2-4x what PostGraphile's prepared ones do
// (bench/README.md "Round 6"). Named, a connection parses a statement once, and after five
// executions PostgreSQL may keep a generic plan. node-pg never forgets a named statement, so each
// connection keeps the most recently used ones (as PostGraphile's @dataplan/pg does) and
// deallocates the rest.
import { LRUCache } from "lru-cache";
import type pg from "pg";

/**
 * Our own SQL that starts with this comment runs prepared too. For statements whose plan does not
 * depend on their values (one listing day through its index): a full-text search does, and its
 * generic plan ran 2x slower (bench/README.md "Round 6"), so ranking SQL is not prepared by default.
 */
export const PREPARED = "/* prepared */ ";

/** Statements kept prepared per connection, by default (DATABASE_PREPARED_STATEMENTS). */
export const PREPARED_PER_CONNECTION = 100;

/** node-pg's record of the statements a connection has prepared (not part of its typed API). */
interface ConnectionInternals {
  parsedStatements?: Record<string, string>;
  submittedNamedStatements?: Record<string, string>;
}

function internals(client: pg.PoolClient): ConnectionInternals | undefined {
  const connection: unknown = Reflect.get(client, "connection");
  return typeof connection === "object" && connection !== null ? connection : undefined;
}

let sequence = 0;

/** The prepared statements of one connection. */
export interface StatementNames {
  /** The name `text` runs under on this connection: the one it was prepared under, or a new one. */
  nameOf(text: string): string;
  /**
   * Called with what running `text` threw; true when it is worth running again. A statement whose
   * cached plan no longer fits its tables (a migration changed a column's type while the server
   * ran) fails until it is prepared again: it is forgotten, so that it is prepared anew. Such a
   * statement failed before it ran; inside a transaction, the failure aborted the transaction
   * anyway, and the second try says so.
   */
  failed(text: string, error: unknown): boolean;
}

/** PostgreSQL's error for a prepared statement whose result columns changed type under it. */
function isStalePlan(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return e?.code === "0A000" && typeof e.message === "string" && e.message.includes("cached plan must not change result type");
}

/**
 * The statements of one client. A name is never given to another text, so a statement being
 * deallocated can never be taken for a live one.
 */
export function statementNames(client: pg.PoolClient, max: number): StatementNames {
  const names = new LRUCache<string, string>({
    max,
    dispose: (name) => {
      const connection = internals(client);
      delete connection?.parsedStatements?.[name];
      delete connection?.submittedNamedStatements?.[name];
      // Queued behind whatever the client is running; a failure only leaves the statement prepared.
      client.query(`DEALLOCATE ${name}`).catch(() => undefined);
    },
  });
  return {
    nameOf(text) {
      let name = names.get(text);
      if (name === undefined) {
        sequence += 1;
        name = `paperboy_${sequence}`;
        names.set(text, name);
      }
      return name;
    },
    failed(text, error) {
      return isStalePlan(error) && names.delete(text);
    },
  };
}

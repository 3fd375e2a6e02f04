// GET /ready: the database (and whatever else is passed) answers; 503 naming what failed if not.
// GET /health (the process is up) is Yoga's own built-in endpoint.
import type { Plugin } from "graphql-yoga";
import type { Database } from "../db.ts";

function json(fetchAPI: { Response: typeof Response }, body: unknown, status = 200): Response {
  return new fetchAPI.Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8" } });
}

export function useHealth(db: Database, extraChecks: Record<string, () => Promise<void>> = {}): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== "/ready") return;
      const checks: Record<string, () => Promise<void>> = {
        database: async () => {
          await db.prisma.$queryRaw`SELECT 1`;
        },
        ...extraChecks,
      };
      const results: Record<string, string> = {};
      let ok = true;
      for (const [name, check] of Object.entries(checks)) {
        try {
          await check();
          results[name] = "ok";
        } catch (e) {
          ok = false;
          results[name] = e instanceof Error ? e.message : String(e);
        }
      }
      endResponse(json(fetchAPI, { status: ok ? "ready" : "unavailable", checks: results }, ok ? 200 : 503));
    },
  };
}

// GET /health: the process is up (liveness). GET /ready: the database (and whatever else is passed)
// answers; 503 naming what failed if not. Both are routes of ours rather than Yoga's built-ins:
// - useHealthCheck answers 200 to any URL that merely ends in "/health", before any route check
//   (src/app.ts turns it off);
// - useReadinessCheck matches the same way (`request.url.endsWith("/ready")`, checked with Yoga
//   5.24: GET /graphql?query={a}&next=/ready is answered as readiness, so is /anything/ready) and
//   answers without useRoutes' URL checks (/ready?x=%E0 would be 200, not 400). Its one other
//   service, turning a `check` into a 200/503, does not fit either: /ready names every check with
//   its outcome, so `check` would return our whole Response and the plugin would add only the
//   matching.
import type { Database } from "../db.ts";
import type { Route } from "./routes.ts";

const NO_STORE = { "cache-control": "no-store" };

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", ...NO_STORE } });
}

export function healthRoutes(db: Database, extraChecks: Record<string, () => Promise<void>> = {}): Route[] {
  const checks: Record<string, () => Promise<void>> = {
    database: async () => {
      await db.prisma.$queryRaw`SELECT 1`;
    },
    ...extraChecks,
  };
  const health: Route = {
    matches: (url) => url.pathname === "/health",
    handle: () => new Response("ok", { headers: { "content-type": "text/plain; charset=utf-8", ...NO_STORE } }),
  };
  const ready: Route = {
    matches: (url) => url.pathname === "/ready",
    async handle() {
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
      return json({ status: ok ? "ready" : "unavailable", checks: results }, ok ? 200 : 503);
    },
  };
  return [health, ready];
}

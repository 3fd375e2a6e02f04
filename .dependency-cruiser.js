// The layers of ../shared/DESIGN.md ("Layout and layers"), enforced by `npm run deps` (part of
// `npm test`). Imports run one way, down this list; type-only imports count like any other
// (tsPreCompilationDeps), because a type import couples two modules as much as a value import does:
//
//   entry points (server.ts, the CLIs, bench/)
//   -> app (app.ts, http.ts, ws.ts), seed/
//   -> schema/
//   -> plugins/, feeds/, digest/, reader/
//   -> context.ts
//   -> ingest/, discovery/, auth/, notifications/
//   -> live/
//   -> db.ts, db/ (migrator/ included)
//   -> leaves: text.ts, config.ts, errors.ts, logger.ts (any other file directly in src/ too),
//      live/events.ts: of ours they import only one another
//
// Rooms on one layer may import each other one way only; the rules below name the way. Tests may
// import anything and are not cruised. src/generated/ (Prisma's client) is below everything.

/** A path pattern from a list of alternatives. */
const any = (...patterns) => `^(${patterns.join("|")})`;

const ENTRY = any(
  "src/server\\.ts$",
  "src/ingest/cli\\.ts$",
  "src/ingest/retag-cli\\.ts$",
  "src/digest/cli\\.ts$",
  "src/schema/print\\.ts$",
  "seed/cli\\.ts$",
  "bench/",
);
const APP = any("src/app\\.ts$", "src/http\\.ts$", "src/ws\\.ts$");
const SEED = any("seed/");
const SCHEMA = any("src/schema/");
const PLUGINS = any("src/plugins/");
const FEEDS = any("src/feeds/");
const DIGEST = any("src/digest/");
// The reader page at / (an HTTP room beside feeds and digest).
const READER = any("src/reader/");
const CONTEXT = any("src/context\\.ts$");
const INGEST = any("src/ingest/");
const DISCOVERY = any("src/discovery/");
const AUTH = any("src/auth/");
// Writing notifications (set-based fan-out): a service that ingest and discovery call in their transactions.
const NOTIFICATIONS = any("src/notifications/");
const LIVE = any("src/live/");
const DB = any("src/db\\.ts$", "src/db/");
// Leaves: text.ts, config.ts, errors.ts, logger.ts and any other module directly in src/ that is
// not named above (so a new one starts as a leaf, the strictest place), and the event contract.
const LEAF = any("src/(?!(server|app|http|ws|context|db)\\.ts$)[^/]+\\.ts$", "src/live/events\\.ts$");

/** Everything on the layers above one: what it must not import. */
const ABOVE_SCHEMA = [ENTRY, APP, SEED];
const ABOVE_HTTP = [...ABOVE_SCHEMA, SCHEMA];
const ABOVE_CONTEXT = [...ABOVE_HTTP, PLUGINS, FEEDS, DIGEST, READER];
const ABOVE_SERVICES = [...ABOVE_CONTEXT, CONTEXT];
const ABOVE_LIVE = [...ABOVE_SERVICES, INGEST, DISCOVERY, AUTH, NOTIFICATIONS];
const ABOVE_DB = [...ABOVE_LIVE, LIVE];

/** A rule: modules matching `from` (minus `except`) import none of `to`. */
const forbid = (name, comment, from, to, except = [ENTRY, LEAF]) => ({
  name,
  comment,
  severity: "error",
  from: { path: from, pathNot: except },
  to: { path: to },
});

/** @type {import("dependency-cruiser").IConfiguration} */
export default {
  forbidden: [
    {
      name: "no-circular",
      comment: "No import cycle anywhere, type-only imports included: every module can be read (and loaded) after what it imports.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    forbid(
      "entry-points-are-not-imported",
      "Entry points (server, CLIs, benchmarks) start processes; nothing imports them.",
      any("src/", "seed/"),
      [ENTRY],
      [ENTRY],
    ),
    forbid("app-not-up", "The app (Yoga, HTTP and WebSocket serving) knows neither the seed nor the entry points.", APP, [ENTRY, SEED]),
    forbid("seed-not-up", "The seed fills a database through ingest; it does not know the app that serves it.", SEED, [ENTRY, APP]),
    forbid("schema-not-up", "The schema does not know the app, the seed or the entry points.", SCHEMA, ABOVE_SCHEMA),
    forbid(
      "http-not-up",
      "Yoga plugins, feeds and digests do not know the schema: services give them what they need.",
      [PLUGINS, FEEDS, DIGEST, READER],
      ABOVE_HTTP,
    ),
    forbid("plugins-not-sideways", "Feeds and digests use the route plugin; plugins know neither.", PLUGINS, [FEEDS, DIGEST, READER]),
    forbid("feeds-digest-apart", "Feeds and digests share services, not each other.", FEEDS, [DIGEST, READER]),
    forbid("digest-feeds-apart", "Feeds and digests share services, not each other.", DIGEST, [FEEDS, READER]),
    forbid("reader-apart", "The reader page shares services with feeds and digests, not their code.", READER, [FEEDS, DIGEST]),
    forbid("context-not-up", "The per-request context holds services; it knows no plugin, route or schema.", CONTEXT, ABOVE_CONTEXT),
    forbid(
      "services-not-up",
      "Ingest, discovery and auth are services: they throw domain errors and know no GraphQL layer above them.",
      [INGEST, DISCOVERY, AUTH, NOTIFICATIONS],
      ABOVE_SERVICES,
    ),
    forbid("notifications-not-sideways", "Ingest and discovery write notifications; notifications know none of them.", NOTIFICATIONS, [
      INGEST,
      DISCOVERY,
      AUTH,
    ]),
    forbid("discovery-not-sideways", "Ingest uses discovery's periods; discovery knows neither ingest nor auth.", DISCOVERY, [
      INGEST,
      AUTH,
    ]),
    forbid("auth-not-sideways", "Auth publishes through the event contract (live/events.ts), knowing neither ingest nor discovery.", AUTH, [
      INGEST,
      DISCOVERY,
    ]),
    forbid(
      "live-not-up",
      "Live delivery reads the database and the event contract, never ingest or auth: they publish to it.",
      LIVE,
      ABOVE_LIVE,
    ),
    forbid(
      "db-not-up",
      "The database layer (the migrator included) knows no data, no service and no seed: callers pass the seeding step in.",
      DB,
      ABOVE_DB,
    ),
    {
      name: "leaves-import-only-leaves",
      comment: "text, config, errors, logger and the event contract sit under every layer: of ours they import only another leaf.",
      severity: "error",
      from: { path: LEAF },
      to: { path: any("src/", "seed/", "bench/"), pathNot: [LEAF, any("src/generated/")] },
    },
    {
      name: "every-module-has-a-layer",
      comment: "A module outside every layer would escape these rules: place it on one (and in the list at the top).",
      severity: "error",
      from: {
        path: any("src/", "seed/"),
        pathNot: [
          ENTRY,
          APP,
          SEED,
          SCHEMA,
          PLUGINS,
          FEEDS,
          DIGEST,
          READER,
          CONTEXT,
          INGEST,
          DISCOVERY,
          AUTH,
          NOTIFICATIONS,
          LIVE,
          DB,
          LEAF,
        ],
      },
      to: {},
    },
    {
      name: "no-tests-in-code",
      comment: "Code does not import tests or their helpers; tests import code.",
      severity: "error",
      from: { path: any("src/", "seed/", "bench/") },
      to: { path: any("test/") },
    },
  ],
  options: {
    doNotFollow: { path: ["node_modules", "src/generated"] },
    exclude: { path: ["node_modules"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

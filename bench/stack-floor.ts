// The stack's floor (bench/README.md "Round 9"): what GraphQL Yoga, graphql-js's execution and one
// Prisma query cost per request with no Paperboy code at all, for the daily feed (a) and the paper
// page without related papers (b2). A hand-written schema of just the fields those two workloads
// select, answered by one statement each, through bare Yoga (none of our plugins, no Pothos).
// `bench/server-cpu.ts` starts it beside Paperboy and PostGraphile (BENCH_SERVERS=floor-prisma,...)
// so that a goal can be set against what the fixed stack itself costs.
//
//   FLOOR_MODE=prisma: one Prisma query with the relations (relationJoins), as Paperboy's page does;
//   FLOOR_MODE=pg:     one SQL statement through pg that returns the page already shaped as JSON,
//                      as PostGraphile does (no Prisma client);
//   FLOOR_MODE=static: the same answer kept in memory (Yoga and execution alone).
//   PORT, DATABASE_URL as the server's.
import { createServer } from "node:http";

import { buildSchema } from "graphql";
import { createYoga } from "graphql-yoga";

import { fromPostgres } from "../src/db.ts";

const MODE = process.env.FLOOR_MODE ?? "prisma";
if (!["prisma", "pg", "static"].includes(MODE)) throw new Error(`FLOOR_MODE: "${MODE}" is none of prisma, pg, static`);
const db = fromPostgres(process.env.DATABASE_URL!, 10);

const schema = buildSchema(/* GraphQL */ `
  scalar Date
  enum Sort {
    UPVOTES
  }
  type Query {
    paper(arxivId: String!): Paper
    dailyPapers(date: Date!, first: Int!, sort: Sort): PaperConnection!
  }
  type PaperConnection {
    edges: [PaperEdge!]!
  }
  type PaperEdge {
    node: Paper!
  }
  type Links {
    abstract: String
    pdf: String
  }
  type Author {
    name: String!
  }
  type Topic {
    slug: String!
    name: String!
  }
  type PaperTopic {
    score: Float!
    topic: Topic!
  }
  type User {
    handle: String!
  }
  type Comment {
    body: String!
    createdAt: String!
    author: User!
  }
  type CommentEdge {
    cursor: String!
    node: Comment!
  }
  type CommentConnection {
    edges: [CommentEdge!]!
  }
  type Paper {
    id: ID!
    arxivId: String
    title: String!
    abstract: String!
    listedOn: String!
    upvoteCount: Int!
    commentCount: Int!
    links: Links!
    authors: [Author!]!
    topics: [PaperTopic!]!
    comments(first: Int!): CommentConnection!
  }
`);

// Prisma: the selection Paperboy's planner builds for these documents, shaped afterwards.
const paperSelect = {
  id: true,
  arxivId: true,
  title: true,
  abstract: true,
  listedOn: true,
  upvoteCount: true,
  commentCount: true,
  absUrl: true,
  pdfUrl: true,
  authors: { select: { name: true }, orderBy: { position: "asc" } },
  topics: { select: { score: true, topic: { select: { slug: true, name: true } } } },
} as const;
const pageSelect = {
  ...paperSelect,
  comments: {
    where: { parentId: null },
    orderBy: { id: "asc" },
    take: 20,
    select: { id: true, body: true, createdAt: true, author: { select: { handle: true } } },
  },
} as const;
type Row = { id: number; listedOn: Date; absUrl: string | null; pdfUrl: string | null; comments?: { id: number; createdAt: Date }[] };
const globalId = (id: number) => Buffer.from(`Paper:${id}`).toString("base64");
const shape = (p: Row) => ({
  ...p,
  id: globalId(p.id),
  listedOn: p.listedOn.toISOString().slice(0, 10),
  links: { abstract: p.absUrl, pdf: p.pdfUrl },
  comments: p.comments && {
    edges: p.comments.map((c) => ({ cursor: String(c.id), node: { ...c, createdAt: c.createdAt.toISOString() } })),
  },
});

// pg: the same answers built by PostgreSQL (json_build_object), one prepared statement each.
const PAPER_JSON = `json_build_object(
  'id', encode(convert_to('Paper:' || p.id, 'utf8'), 'base64'), 'arxivId', p.arxiv_id, 'title', p.title, 'abstract', p.abstract,
  'listedOn', p.listed_on::text, 'upvoteCount', p.upvote_count, 'commentCount', p.comment_count,
  'links', json_build_object('abstract', p.abs_url, 'pdf', p.pdf_url),
  'authors', (select coalesce(json_agg(json_build_object('name', a.name) order by a.position), '[]')
              from paper_author a where a.paper_id = p.id),
  'topics', (select coalesce(json_agg(json_build_object('score', t.score,
                'topic', json_build_object('slug', tp.slug, 'name', tp.name))), '[]')
             from paper_topic t join topic tp on tp.id = t.topic_id where t.paper_id = p.id)`;
const PAGE_SQL = `select ${PAPER_JSON},
  'comments', json_build_object('edges', (select coalesce(json_agg(json_build_object('cursor', c.id::text, 'node',
      json_build_object('body', c.body, 'createdAt', c.created_at, 'author', json_build_object('handle', u.handle))) order by c.id), '[]')
    from (select * from comment c where c.paper_id = p.id and c.parent_id is null order by c.id limit 20) c
    join app_user u on u.id = c.author_id))) as p
  from paper p where p.arxiv_id = $1`;
const DAY_SQL = `select coalesce(json_agg(json_build_object('node', ${PAPER_JSON}))
    order by p.upvote_count desc, p.title_key, p.id), '[]') as edges
  from (select * from paper p where p.listed_on = $1::date order by p.upvote_count desc, p.title_key, p.id limit $2) p`;

async function page(arxivId: string): Promise<unknown> {
  if (MODE === "pg") return (await db.pool!.query({ name: "floor_page", text: PAGE_SQL, values: [arxivId] })).rows[0]?.p ?? null;
  const row = await db.prisma.paper.findUnique({ where: { arxivId }, select: pageSelect });
  return row && shape(row);
}

async function day(date: string, first: number): Promise<unknown> {
  if (MODE === "pg") return { edges: (await db.pool!.query({ name: "floor_day", text: DAY_SQL, values: [date, first] })).rows[0].edges };
  const rows = await db.prisma.paper.findMany({
    where: { listedOn: new Date(date) },
    orderBy: [{ upvoteCount: "desc" }, { titleKey: "asc" }, { id: "asc" }],
    take: first,
    select: paperSelect,
  });
  return { edges: rows.map((r) => ({ node: shape(r) })) };
}

// static: each distinct answer read once, then served from memory.
const kept = new Map<string, unknown>();
const remembered = (key: string, load: () => Promise<unknown>) =>
  MODE !== "static" ? load() : kept.has(key) ? kept.get(key) : load().then((v) => (kept.set(key, v), v));

const fields = schema.getQueryType()!.getFields();
fields.paper!.resolve = (_: unknown, a: { arxivId: string }) => remembered(`p${a.arxivId}`, () => page(a.arxivId));
fields.dailyPapers!.resolve = (_: unknown, a: { date: string; first: number }) => remembered(`d${a.date}`, () => day(a.date, a.first));

const yoga = createYoga({ schema, graphiql: false, logging: false });
const server = createServer(yoga).listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`stack floor (${MODE}) listening on ${(server.address() as { port: number }).port}`);
});

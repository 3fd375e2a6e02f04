// The four HTTP workloads, each written for Paperboy and, by hand, for PostGraphile 5 with its
// default inflection, selecting the same data. Parameters rotate (days, papers, search terms,
// users) so that a run is not one request repeated.
import type pg from "pg";

import { BENCH_COMMENT } from "./corpus.ts";

export interface Request {
  query: string;
  variables: Record<string, unknown>;
  /** Bearer token (mutations). */
  token?: string;
}

export interface Workload {
  key: string;
  name: string;
  ours(i: number): Request;
  /** Undefined when PostGraphile has no equivalent. */
  peer?: (i: number) => Request;
  /** Where PostGraphile's request differs from ours. */
  peerNote?: string;
  /** The key of another workload whose PostGraphile run this one is compared with (it has no peer of its own). */
  comparedWith?: string;
  /** A problem with a response's data, or undefined when it is what the workload asks for. */
  checkOurs(data: unknown): string | undefined;
  checkPeer?: (data: unknown) => string | undefined;
}

export interface Params {
  days: string[];
  commentedArxivIds: string[];
  /** Global ids of recent papers (mutations). */
  paperIds: string[];
  /** One API token per bench user. */
  tokens: string[];
}

const TERMS = [
  "diffusion",
  "transformer",
  '"large language model"',
  "reinforcement learning",
  "graph neural network",
  "quantum",
  "segmentation",
  "medoids",
  "kernel",
  "robot manipulation",
  "federated",
  "protein",
  "retrieval augmented generation",
  "contrastive",
  "speech recognition",
  "causal inference",
];

const pick = <T>(list: T[], i: number): T => list[i % list.length]!;
type Obj = Record<string, unknown>;
const nodes = (conn: unknown, key: "edges" | "nodes"): Obj[] =>
  key === "edges" ? ((conn as { edges: { node: Obj }[] }).edges ?? []).map((e) => e.node) : ((conn as { nodes: Obj[] }).nodes ?? []);

export function workloads(p: Params): Workload[] {
  return [dailyFeed(p), signedInDailyFeed(p), paperPage(p, true), paperPage(p, false), search(), mutationMix(p)];
}

function dailyFeed(p: Params): Workload {
  return {
    key: "a",
    name: "daily feed: 50 papers with authors and topics",
    ours: (i) => ({
      query: `query Daily($d: Date!) { dailyPapers(date: $d, first: 50, sort: UPVOTES) { edges { node {
        id arxivId title upvoteCount commentCount authors { name } topics { score topic { slug name } } } } } }`,
      variables: { d: pick(p.days, i) },
    }),
    peer: (i) => ({
      query: `query Daily($d: Date!) {
        allPapers(condition: { listedOn: $d }, orderBy: [UPVOTE_COUNT_DESC, TITLE_KEY_ASC, ROW_ID_ASC], first: 50) { nodes {
        id arxivId title upvoteCount commentCount
        paperAuthorsByPaperId(orderBy: POSITION_ASC) { nodes { authorByAuthorId { name } } }
        paperTopicsByPaperId { nodes { score topicByTopicId { slug name } } } } } }`,
      variables: { d: pick(p.days, i) },
    }),
    checkOurs: (d) => {
      const papers = nodes((d as Obj).dailyPapers, "edges");
      return papers.length === 50 && papers.every((x) => (x.authors as unknown[]).length > 0) ? undefined : `${papers.length} papers`;
    },
    checkPeer: (d) => {
      const papers = nodes((d as Obj).allPapers, "nodes");
      return papers.length === 50 && papers.every((x) => nodes(x.paperAuthorsByPaperId, "nodes").length > 0)
        ? undefined
        : `${papers.length} papers`;
    },
  };
}

/**
 * (a') The daily feed as a signed-in reader sees it: `viewerHasUpvoted` on every paper, so the
 * response cache never answers it (it caches anonymous requests only) and every request executes.
 * `me` proves the token was accepted. PostGraphile has no sign-in here: compared with its (a).
 */
function signedInDailyFeed(p: Params): Workload {
  return {
    key: "a'",
    name: "daily feed, signed in: 50 papers with authors, topics and viewerHasUpvoted",
    ours: (i) => ({
      token: pick(p.tokens, i),
      query: `query DailySignedIn($d: Date!) { me { handle } dailyPapers(date: $d, first: 50, sort: UPVOTES) { edges { node {
        id arxivId title upvoteCount commentCount viewerHasUpvoted authors { name } topics { score topic { slug name } } } } } }`,
      variables: { d: pick(p.days, i) },
    }),
    comparedWith: "a",
    peerNote: "compared with PostGraphile's (a): it has no sign-in; ours answers per user, so the response cache never does",
    checkOurs: (d) => {
      if (!((d as Obj).me as Obj | null)?.handle) return "not signed in";
      const papers = nodes((d as Obj).dailyPapers, "edges");
      return papers.length === 50 && papers.every((x) => typeof x.viewerHasUpvoted === "boolean") ? undefined : `${papers.length} papers`;
    },
  };
}

/** The paper page, with its related papers or (b2) without. */
function paperPage(p: Params, related: boolean): Workload {
  const PEER_RELATED =
    "related: paperTopicsByPaperId(first: 1) { nodes { topicByTopicId { " +
    "paperTopicsByTopicId(first: 5) { nodes { paperByPaperId { arxivId title } } } } } }";
  return {
    key: related ? "b" : "b2",
    name: `paper page: paper, authors, topics, 20 comments${related ? ", 5 related" : " (no related)"}`,
    ours: (i) => ({
      query: `query Page($a: String!) { paper(arxivId: $a) {
          id arxivId title abstract listedOn upvoteCount commentCount links { abstract pdf }
          authors { name } topics { score topic { slug name } }
          comments(first: 20) { edges { node { body createdAt author { handle } } } }
          ${related ? "related(first: 5) { edges { node { arxivId title } } }" : ""} } }`,
      variables: { a: pick(p.commentedArxivIds, i) },
    }),
    peer: (i) => ({
      query: `query Page($a: String!) { allPapers(condition: { arxivId: $a }, first: 1) { nodes {
          id arxivId title abstract listedOn upvoteCount commentCount absUrl pdfUrl
          paperAuthorsByPaperId(orderBy: POSITION_ASC) { nodes { authorByAuthorId { name } } }
          paperTopicsByPaperId { nodes { score topicByTopicId { slug name } } }
          commentsByPaperId(first: 20, orderBy: CREATED_AT_ASC) { nodes { body createdAt appUserByAuthorId { handle } } }
          ${related ? PEER_RELATED : ""} } } }`,
      variables: { a: pick(p.commentedArxivIds, i) },
    }),
    peerNote: related
      ? "related = 5 papers of the paper's first topic: PostGraphile has no notion of related papers; " +
        "ours ranks papers sharing title words and topics over the whole corpus (one statement, the costliest of the page). " +
        "b2 is the same page without it"
      : undefined,
    checkOurs: (d) => {
      const paper = (d as Obj).paper as Obj | null;
      if (!paper) return "no paper";
      if (nodes(paper.comments, "edges").length !== 20) return "not 20 comments";
      return undefined;
    },
    checkPeer: (d) => {
      const [paper] = nodes((d as Obj).allPapers, "nodes");
      if (!paper) return "no paper";
      if (nodes(paper.commentsByPaperId, "nodes").length !== 20) return "not 20 comments";
      return undefined;
    },
  };
}

function search(): Workload {
  return {
    key: "c",
    name: "search: 20 results with authors and topics",
    ours: (i) => ({
      query: `query Search($q: String!) { search(query: $q, first: 20) { edges { node {
        id arxivId title listedOn authors { name } topics { topic { slug } } } } } }`,
      variables: { q: pick(TERMS, i) },
    }),
    peer: (i) => ({
      query: `query Search($q: String!) { benchPeerSearchPapers(q: $q, first: 20) { nodes {
        id arxivId title listedOn
        paperAuthorsByPaperId(orderBy: POSITION_ASC) { nodes { authorByAuthorId { name } } }
        paperTopicsByPaperId { nodes { topicByTopicId { slug } } } } } }`,
      variables: { q: pick(TERMS, i) },
    }),
    peerNote:
      "search through a SQL function (bench/postgraphile/peer.sql) with the same index and ranking; " +
      "ours also returns match highlights when asked (not asked here)",
    checkOurs: (d) => (nodes((d as Obj).search, "edges").length > 0 ? undefined : "no results"),
    checkPeer: (d) => (nodes((d as Obj).benchPeerSearchPapers, "nodes").length > 0 ? undefined : "no results"),
  };
}

function mutationMix(p: Params): Workload {
  return {
    key: "d",
    name: "mutation mix: upvote, remove the upvote, comment (signed in, 50 users)",
    ours: (i) => {
      const token = pick(p.tokens, i);
      const paperId = pick(p.paperIds, Math.floor(i / p.tokens.length));
      const kind = i % 5;
      if (kind < 2)
        return {
          token,
          query: `mutation Up($id: ID!) { upvotePaper(id: $id) { __typename ... on Paper { upvoteCount } } }`,
          variables: { id: paperId },
        };
      if (kind < 4) return { token, query: `mutation Down($id: ID!) { removeUpvote(id: $id) { __typename } }`, variables: { id: paperId } };
      return {
        token,
        query: `mutation Say($id: ID!) { addComment(paperId: $id, body: "${BENCH_COMMENT}") { __typename } }`,
        variables: { id: paperId },
      };
    },
    checkOurs: (d) => {
      const result = Object.values(d as Obj)[0] as { __typename?: string } | undefined;
      return result?.__typename &&
        !["Unauthenticated", "ValidationError", "NotFound", "Forbidden", "RateLimited"].includes(result.__typename)
        ? undefined
        : JSON.stringify(result);
    },
  };
}

/** The rotating parameters, read from the corpus database. */
export async function readParams(client: pg.Client, tokens: string[], globalPaperId: (id: number) => string): Promise<Params> {
  const days = (
    await client.query(
      `SELECT to_char(listed_on, 'YYYY-MM-DD') AS d FROM paper GROUP BY listed_on HAVING count(*) >= 50 ORDER BY listed_on DESC LIMIT 60`,
    )
  ).rows.map((r) => r.d as string);
  const commented = (
    await client.query(`SELECT p.arxiv_id FROM paper p WHERE p.comment_count >= 20 AND p.arxiv_id IS NOT NULL ORDER BY p.id`)
  ).rows.map((r) => r.arxiv_id as string);
  const ids = (await client.query(`SELECT id FROM paper ORDER BY ingest_seq DESC LIMIT 2000`)).rows.map((r) => r.id as number);
  return { days, commentedArxivIds: commented, paperIds: ids.map(globalPaperId), tokens };
}

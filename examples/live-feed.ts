// Prints new papers on a topic as they arrive, and resumes where it left off after a disconnect.
//   npx tsx examples/live-feed.ts [topic] [ws://host:port/graphql]
import { createClient } from "graphql-ws";
import WebSocket from "ws";

const topic = process.argv[2] ?? "machine-learning";
const url = process.argv[3] ?? "ws://localhost:4000/graphql";
const query = `subscription Feed($topic: String!, $after: String) {
  paperIngested(filter: { topics: [$topic] }, after: $after) {
    cursor
    paper { title authors { name } links { abstract } }
  }
}`;
type Delivery = {
  paperIngested: { cursor: string; paper: { title: string; authors: { name: string }[]; links: { abstract: string | null } } };
};

const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0 });
let after: string | undefined; // the last cursor seen: a resubscription continues from it, without gap or repeat

for (;;) {
  try {
    for await (const { data } of client.iterate<Delivery>({ query, variables: { topic, after } })) {
      if (!data) continue;
      after = data.paperIngested.cursor;
      const { title, authors, links } = data.paperIngested.paper;
      console.log(`${title}\n  ${authors.map((a) => a.name).join(", ")}\n  ${links.abstract ?? ""}`);
    }
  } catch (e) {
    console.error(`disconnected (${e instanceof Error ? e.message : JSON.stringify(e)}); retrying in 2 s`);
  }
  await new Promise((r) => setTimeout(r, 2_000));
}

// One of bench:fanout's client processes: it holds a share of the subscribers, so that the
// benchmark's own event loop (parsing every frame of 5,000 sockets) is not part of what it
// measures. Started by fanout.ts with fork(); talks over IPC:
//   in:  { subscribers: [index, wsUrl][] }   out: { ready }
//   out: { delivered } every 200 ms           in:  "report"
//   out: { deliveries: [index, title, atMs][], duplicates, cpuMs }   (atMs: wall-clock, shared by processes)
import { fileURLToPath } from "node:url";

import WebSocket from "ws";

import { TOPICS } from "../seed/topics.ts";
import type { PaperFilterInput } from "../src/live/filter.ts";

export const CATEGORIES = ["cs.LG", "cs.CV", "cs.CL", "stat.ML", "quant-ph"];
export const KEYWORDS = ["diffusion", "transformer", "graph", "kernel", "robot"];

/** Subscriber i's filter: a quarter each follow everything, a topic, a category, a keyword. */
export function filterFor(i: number): PaperFilterInput {
  switch (i % 4) {
    case 0:
      return {};
    case 1:
      return { topics: [TOPICS[i % TOPICS.length]!.slug] };
    case 2:
      return { categories: [CATEGORIES[i % CATEGORIES.length]!] };
    default:
      return { keywords: [KEYWORDS[i % KEYWORDS.length]!] };
  }
}

/** Milliseconds on a clock every process of the machine shares. */
export const now = () => performance.timeOrigin + performance.now();

/** A minimal graphql-transport-ws client. */
function subscribe(wsUrl: string, filter: PaperFilterInput, onNext: (title: string, at: number) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, "graphql-transport-ws");
    socket.on("error", reject);
    socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init" })));
    socket.on("message", (data) => {
      const at = now();
      const m = JSON.parse(data.toString()) as { type: string; payload?: { data?: { paperIngested: { paper: { title: string } } } } };
      if (m.type === "connection_ack") {
        socket.send(
          JSON.stringify({
            id: "1",
            type: "subscribe",
            payload: {
              query: "subscription($f: PaperIngestedFilter) { paperIngested(filter: $f) { cursor paper { title } } }",
              variables: { f: filter },
            },
          }),
        );
        resolve(socket);
      } else if (m.type === "next" && m.payload?.data) onNext(m.payload.data.paperIngested.paper.title, at);
    });
  });
}

async function run(): Promise<void> {
  const { subscribers } = await new Promise<{ subscribers: [number, string][] }>((r) => process.once("message", (m) => r(m as never)));
  const cpuStart = process.cpuUsage();
  const deliveries: [number, string, number][] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  const sockets: WebSocket[] = [];
  for (let i = 0; i < subscribers.length; i += 200) {
    await Promise.all(
      subscribers.slice(i, i + 200).map(async ([k, url]) => {
        sockets.push(
          await subscribe(url, filterFor(k), (title, at) => {
            const key = `${k}\n${title}`;
            if (seen.has(key)) duplicates += 1;
            else seen.add(key);
            deliveries.push([k, title, at]);
          }),
        );
      }),
    );
  }
  process.send!({ ready: true });
  const progress = setInterval(() => process.send!({ delivered: seen.size }), 200);
  process.once("message", () => {
    clearInterval(progress);
    const cpu = process.cpuUsage(cpuStart);
    for (const s of sockets) s.terminate();
    process.send!({ deliveries, duplicates, cpuMs: (cpu.user + cpu.system) / 1000 }, () => process.exit(0));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();

// collectionUpdated over WebSocket: each change to a collection is delivered to its watchers; a
// private collection cannot be watched by anyone else, and one made private turns to null for them.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphql } from "./gql/index.ts";
import { ENGINES } from "./helpers/app.ts";
import { data } from "./helpers/data.ts";
import { Collector, type LiveServer, startLiveServer, until, wsClient } from "./helpers/server.ts";
import { HIGH_LIMITS, newUser } from "./helpers/users.ts";

const CreateLiveCollection = graphql(`
  mutation CreateLiveCollection($name: String!, $visibility: CollectionVisibility) {
    createCollection(name: $name, visibility: $visibility) {
      ... on Collection {
        id
      }
    }
  }
`);

const RenameLiveCollection = graphql(`
  mutation RenameLiveCollection($id: ID!, $name: String, $visibility: CollectionVisibility) {
    updateCollection(id: $id, name: $name, visibility: $visibility) {
      __typename
    }
  }
`);

const AddLivePaper = graphql(`
  mutation AddLivePaper($id: ID!, $paperId: ID!) {
    addPaperToCollection(id: $id, paperId: $paperId) {
      __typename
    }
  }
`);

const CollectionLive = graphql(`
  subscription CollectionLive($id: ID!) {
    collectionUpdated(id: $id) {
      name
      paperCount
    }
  }
`);

type Update = { collectionUpdated: { name: string; paperCount: number } | null };

describe.each(ENGINES)("collectionUpdated on %s", (engine) => {
  let live: LiveServer;
  beforeAll(async () => {
    live = await startLiveServer(engine, HIGH_LIMITS);
  });
  afterAll(async () => {
    await live?.close();
  });

  it("delivers each change to the owner and, while public, to others; never a private one to others", async () => {
    const owner = await newUser(live.app, `liveowner${engine}`);
    const other = await newUser(live.app, `livewatcher${engine}`);
    const created = data(await live.app.run(CreateLiveCollection, { name: "Live list" }, { token: owner.token })).createCollection;
    const id = (created as { id: string }).id;
    const paper = await live.app.db.prisma.paper.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } });

    // Private: the other user is told it does not exist, exactly as for a missing collection.
    const refused = new Collector<unknown>();
    const otherClient = wsClient(live.wsUrl, { authorization: `Bearer ${other.token}` });
    otherClient.subscribe(
      { query: print(CollectionLive), variables: { id } },
      { next: (r) => refused.push(r), error: refused.fail, complete: refused.complete },
    );
    const missing = new Collector<unknown>();
    otherClient.subscribe(
      { query: print(CollectionLive), variables: { id: encodeGlobalID("Collection", 2_000_000_000) } },
      { next: (r) => missing.push(r), error: missing.fail, complete: missing.complete },
    );
    await until(() => refused.completed && missing.completed, "both refusals", 5_000);
    expect(refused.items).toMatchObject([{ errors: [{ extensions: { code: "NOT_FOUND" } }] }]);
    expect(JSON.stringify(refused.items).replace(id, "ID")).toBe(
      JSON.stringify(missing.items).replace(encodeGlobalID("Collection", 2_000_000_000), "ID"),
    );

    const mine = new Collector<Update>();
    const ownerClient = wsClient(live.wsUrl, { authorization: `Bearer ${owner.token}` });
    ownerClient.subscribe(
      { query: print(CollectionLive), variables: { id } },
      { next: (r) => mine.push(r.data as never), error: mine.fail, complete: mine.complete },
    );
    await until(() => live.app.activeSubscriptions() >= 1, "the owner's subscription", 5_000);
    await live.app.run(AddLivePaper, { id, paperId: encodeGlobalID("Paper", paper.id) }, { token: owner.token });
    await live.app.run(RenameLiveCollection, { id, name: "Live list, renamed", visibility: "PUBLIC" }, { token: owner.token });
    expect(await mine.waitFor(2)).toEqual([
      { collectionUpdated: { name: "Live list", paperCount: 1 } },
      { collectionUpdated: { name: "Live list, renamed", paperCount: 1 } },
    ]);

    // Public now: the other user may watch it, until it turns private again.
    const theirs = new Collector<Update>();
    otherClient.subscribe(
      { query: print(CollectionLive), variables: { id } },
      { next: (r) => theirs.push(r.data as never), error: theirs.fail, complete: theirs.complete },
    );
    await until(() => live.app.activeSubscriptions() >= 2, "the other user's subscription", 5_000);
    await live.app.run(RenameLiveCollection, { id, name: "Shared" }, { token: owner.token });
    // Each delivery shows the collection as it is when delivered: the rename must arrive before it
    // turns private, or it would arrive as null.
    expect(await theirs.waitFor(1)).toEqual([{ collectionUpdated: { name: "Shared", paperCount: 1 } }]);
    await live.app.run(RenameLiveCollection, { id, visibility: "PRIVATE" }, { token: owner.token });
    expect(await theirs.waitFor(2)).toEqual([{ collectionUpdated: { name: "Shared", paperCount: 1 } }, { collectionUpdated: null }]);
    expect(await mine.waitFor(4)).toEqual([
      { collectionUpdated: { name: "Live list", paperCount: 1 } },
      { collectionUpdated: { name: "Live list, renamed", paperCount: 1 } },
      { collectionUpdated: { name: "Shared", paperCount: 1 } },
      { collectionUpdated: { name: "Shared", paperCount: 1 } },
    ]);
    await otherClient.dispose();
    await ownerClient.dispose();
  });
});

/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  subscription CliNewPapers {\n    paperIngested {\n      paper {\n        arxivId\n        title\n      }\n    }\n  }\n": typeof types.CliNewPapersDocument,
    "\n  query IngestedPaper($arxivId: String!) {\n    paper(arxivId: $arxivId) {\n      arxivId\n      arxivVersion\n      title\n      abstract\n      authors {\n        name\n        affiliation\n        author {\n          id\n        }\n      }\n      categories\n      primaryCategory\n      publishedAt\n      sourceUpdatedAt\n      listedOn\n      links {\n        abstract\n        pdf\n        code\n        project\n      }\n      comment\n      journalRef\n      doi\n      sourceUpvotes\n      topics {\n        source\n        topic {\n          slug\n        }\n      }\n    }\n  }\n": typeof types.IngestedPaperDocument,
    "\n  mutation IngestPapers($input: IngestPapersInput!) {\n    ingestPapers(input: $input) {\n      __typename\n      ... on IngestPapersSuccess {\n        run {\n          id\n          source\n          format\n          status\n          dryRun\n          strict\n          triggeredBy\n          created\n          updated\n          unchanged\n          rejected\n          errorCount\n          errors {\n            location\n            message\n          }\n          failure\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on IngestRejected {\n        location\n        reason\n      }\n      ... on ValidationError {\n        issues {\n          path\n          message\n        }\n      }\n    }\n  }\n": typeof types.IngestPapersDocument,
    "\n  query IngestRuns($first: Int, $after: String, $filter: IngestRunFilter) {\n    ingestRuns(first: $first, after: $after, filter: $filter) {\n      edges {\n        node {\n          id\n          source\n          status\n          created\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.IngestRunsDocument,
    "\n  query IngestRun($id: ID!) {\n    ingestRun(id: $id) {\n      id\n      source\n      startedAt\n      finishedAt\n      errors {\n        location\n      }\n    }\n    node(id: $id) {\n      __typename\n    }\n  }\n": typeof types.IngestRunDocument,
    "\n  query IngestedByArxiv($arxivId: String!) {\n    paper(arxivId: $arxivId) {\n      title\n      arxivVersion\n      listedOn\n      authors {\n        name\n        affiliation\n      }\n      links {\n        code\n      }\n    }\n  }\n": typeof types.IngestedByArxivDocument,
    "\n  subscription NewPapers {\n    paperIngested {\n      cursor\n      paper {\n        title\n        authors {\n          name\n        }\n      }\n    }\n  }\n": typeof types.NewPapersDocument,
    "\n  query FeedPage($first: Int!) {\n    papers(first: $first) {\n      edges {\n        node {\n          title\n          authors {\n            name\n            author {\n              id\n            }\n          }\n          topics {\n            score\n            topic {\n              slug\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.FeedPageDocument,
    "\n  query TopicsWithCounts {\n    topics(first: 100) {\n      edges {\n        node {\n          slug\n          paperCount\n          parent {\n            slug\n          }\n          children {\n            slug\n          }\n        }\n      }\n    }\n  }\n": typeof types.TopicsWithCountsDocument,
    "\n  query DailyPapers($date: Date!, $first: Int, $after: String) {\n    dailyPapers(date: $date, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          abstract\n          upvoteCount\n          listedOn\n          topics {\n            score\n            source\n            topic {\n              slug\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.DailyPapersDocument,
    "\n  query PaperById($id: ID, $arxivId: String) {\n    paper(id: $id, arxivId: $arxivId) {\n      id\n      title\n      listedOn\n      authors {\n        name\n      }\n    }\n  }\n": typeof types.PaperByIdDocument,
    "\n  query Papers($first: Int, $after: String, $filter: PaperFilter) {\n    papers(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          cursor\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.PapersDocument,
    "\n  query Topics {\n    topics {\n      edges {\n        node {\n          slug\n          name\n          paperCount\n          parent {\n            slug\n          }\n          children {\n            slug\n          }\n        }\n      }\n    }\n  }\n": typeof types.TopicsDocument,
    "\n  query TopicBySlug($slug: String!) {\n    topic(slug: $slug) {\n      id\n      name\n      description\n      paperCount\n      papers(first: 100) {\n        edges {\n          node {\n            title\n            topics {\n              topic {\n                slug\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.TopicBySlugDocument,
    "\n  query NodeLookup($id: ID!, $ids: [ID!]!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Paper {\n        title\n      }\n    }\n    nodes(ids: $ids) {\n      __typename\n      id\n    }\n  }\n": typeof types.NodeLookupDocument,
    "query LiteralTooMany { topics(first: 101) { edges { node { slug } } } }": typeof types.LiteralTooManyDocument,
};
const documents: Documents = {
    "\n  subscription CliNewPapers {\n    paperIngested {\n      paper {\n        arxivId\n        title\n      }\n    }\n  }\n": types.CliNewPapersDocument,
    "\n  query IngestedPaper($arxivId: String!) {\n    paper(arxivId: $arxivId) {\n      arxivId\n      arxivVersion\n      title\n      abstract\n      authors {\n        name\n        affiliation\n        author {\n          id\n        }\n      }\n      categories\n      primaryCategory\n      publishedAt\n      sourceUpdatedAt\n      listedOn\n      links {\n        abstract\n        pdf\n        code\n        project\n      }\n      comment\n      journalRef\n      doi\n      sourceUpvotes\n      topics {\n        source\n        topic {\n          slug\n        }\n      }\n    }\n  }\n": types.IngestedPaperDocument,
    "\n  mutation IngestPapers($input: IngestPapersInput!) {\n    ingestPapers(input: $input) {\n      __typename\n      ... on IngestPapersSuccess {\n        run {\n          id\n          source\n          format\n          status\n          dryRun\n          strict\n          triggeredBy\n          created\n          updated\n          unchanged\n          rejected\n          errorCount\n          errors {\n            location\n            message\n          }\n          failure\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on IngestRejected {\n        location\n        reason\n      }\n      ... on ValidationError {\n        issues {\n          path\n          message\n        }\n      }\n    }\n  }\n": types.IngestPapersDocument,
    "\n  query IngestRuns($first: Int, $after: String, $filter: IngestRunFilter) {\n    ingestRuns(first: $first, after: $after, filter: $filter) {\n      edges {\n        node {\n          id\n          source\n          status\n          created\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.IngestRunsDocument,
    "\n  query IngestRun($id: ID!) {\n    ingestRun(id: $id) {\n      id\n      source\n      startedAt\n      finishedAt\n      errors {\n        location\n      }\n    }\n    node(id: $id) {\n      __typename\n    }\n  }\n": types.IngestRunDocument,
    "\n  query IngestedByArxiv($arxivId: String!) {\n    paper(arxivId: $arxivId) {\n      title\n      arxivVersion\n      listedOn\n      authors {\n        name\n        affiliation\n      }\n      links {\n        code\n      }\n    }\n  }\n": types.IngestedByArxivDocument,
    "\n  subscription NewPapers {\n    paperIngested {\n      cursor\n      paper {\n        title\n        authors {\n          name\n        }\n      }\n    }\n  }\n": types.NewPapersDocument,
    "\n  query FeedPage($first: Int!) {\n    papers(first: $first) {\n      edges {\n        node {\n          title\n          authors {\n            name\n            author {\n              id\n            }\n          }\n          topics {\n            score\n            topic {\n              slug\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.FeedPageDocument,
    "\n  query TopicsWithCounts {\n    topics(first: 100) {\n      edges {\n        node {\n          slug\n          paperCount\n          parent {\n            slug\n          }\n          children {\n            slug\n          }\n        }\n      }\n    }\n  }\n": types.TopicsWithCountsDocument,
    "\n  query DailyPapers($date: Date!, $first: Int, $after: String) {\n    dailyPapers(date: $date, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          abstract\n          upvoteCount\n          listedOn\n          topics {\n            score\n            source\n            topic {\n              slug\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.DailyPapersDocument,
    "\n  query PaperById($id: ID, $arxivId: String) {\n    paper(id: $id, arxivId: $arxivId) {\n      id\n      title\n      listedOn\n      authors {\n        name\n      }\n    }\n  }\n": types.PaperByIdDocument,
    "\n  query Papers($first: Int, $after: String, $filter: PaperFilter) {\n    papers(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          cursor\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.PapersDocument,
    "\n  query Topics {\n    topics {\n      edges {\n        node {\n          slug\n          name\n          paperCount\n          parent {\n            slug\n          }\n          children {\n            slug\n          }\n        }\n      }\n    }\n  }\n": types.TopicsDocument,
    "\n  query TopicBySlug($slug: String!) {\n    topic(slug: $slug) {\n      id\n      name\n      description\n      paperCount\n      papers(first: 100) {\n        edges {\n          node {\n            title\n            topics {\n              topic {\n                slug\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.TopicBySlugDocument,
    "\n  query NodeLookup($id: ID!, $ids: [ID!]!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Paper {\n        title\n      }\n    }\n    nodes(ids: $ids) {\n      __typename\n      id\n    }\n  }\n": types.NodeLookupDocument,
    "query LiteralTooMany { topics(first: 101) { edges { node { slug } } } }": types.LiteralTooManyDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CliNewPapers {\n    paperIngested {\n      paper {\n        arxivId\n        title\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription CliNewPapers {\n    paperIngested {\n      paper {\n        arxivId\n        title\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IngestedPaper($arxivId: String!) {\n    paper(arxivId: $arxivId) {\n      arxivId\n      arxivVersion\n      title\n      abstract\n      authors {\n        name\n        affiliation\n        author {\n          id\n        }\n      }\n      categories\n      primaryCategory\n      publishedAt\n      sourceUpdatedAt\n      listedOn\n      links {\n        abstract\n        pdf\n        code\n        project\n      }\n      comment\n      journalRef\n      doi\n      sourceUpvotes\n      topics {\n        source\n        topic {\n          slug\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query IngestedPaper($arxivId: String!) {\n    paper(arxivId: $arxivId) {\n      arxivId\n      arxivVersion\n      title\n      abstract\n      authors {\n        name\n        affiliation\n        author {\n          id\n        }\n      }\n      categories\n      primaryCategory\n      publishedAt\n      sourceUpdatedAt\n      listedOn\n      links {\n        abstract\n        pdf\n        code\n        project\n      }\n      comment\n      journalRef\n      doi\n      sourceUpvotes\n      topics {\n        source\n        topic {\n          slug\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IngestPapers($input: IngestPapersInput!) {\n    ingestPapers(input: $input) {\n      __typename\n      ... on IngestPapersSuccess {\n        run {\n          id\n          source\n          format\n          status\n          dryRun\n          strict\n          triggeredBy\n          created\n          updated\n          unchanged\n          rejected\n          errorCount\n          errors {\n            location\n            message\n          }\n          failure\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on IngestRejected {\n        location\n        reason\n      }\n      ... on ValidationError {\n        issues {\n          path\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IngestPapers($input: IngestPapersInput!) {\n    ingestPapers(input: $input) {\n      __typename\n      ... on IngestPapersSuccess {\n        run {\n          id\n          source\n          format\n          status\n          dryRun\n          strict\n          triggeredBy\n          created\n          updated\n          unchanged\n          rejected\n          errorCount\n          errors {\n            location\n            message\n          }\n          failure\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on IngestRejected {\n        location\n        reason\n      }\n      ... on ValidationError {\n        issues {\n          path\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IngestRuns($first: Int, $after: String, $filter: IngestRunFilter) {\n    ingestRuns(first: $first, after: $after, filter: $filter) {\n      edges {\n        node {\n          id\n          source\n          status\n          created\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query IngestRuns($first: Int, $after: String, $filter: IngestRunFilter) {\n    ingestRuns(first: $first, after: $after, filter: $filter) {\n      edges {\n        node {\n          id\n          source\n          status\n          created\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IngestRun($id: ID!) {\n    ingestRun(id: $id) {\n      id\n      source\n      startedAt\n      finishedAt\n      errors {\n        location\n      }\n    }\n    node(id: $id) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  query IngestRun($id: ID!) {\n    ingestRun(id: $id) {\n      id\n      source\n      startedAt\n      finishedAt\n      errors {\n        location\n      }\n    }\n    node(id: $id) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IngestedByArxiv($arxivId: String!) {\n    paper(arxivId: $arxivId) {\n      title\n      arxivVersion\n      listedOn\n      authors {\n        name\n        affiliation\n      }\n      links {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  query IngestedByArxiv($arxivId: String!) {\n    paper(arxivId: $arxivId) {\n      title\n      arxivVersion\n      listedOn\n      authors {\n        name\n        affiliation\n      }\n      links {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NewPapers {\n    paperIngested {\n      cursor\n      paper {\n        title\n        authors {\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription NewPapers {\n    paperIngested {\n      cursor\n      paper {\n        title\n        authors {\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FeedPage($first: Int!) {\n    papers(first: $first) {\n      edges {\n        node {\n          title\n          authors {\n            name\n            author {\n              id\n            }\n          }\n          topics {\n            score\n            topic {\n              slug\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FeedPage($first: Int!) {\n    papers(first: $first) {\n      edges {\n        node {\n          title\n          authors {\n            name\n            author {\n              id\n            }\n          }\n          topics {\n            score\n            topic {\n              slug\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TopicsWithCounts {\n    topics(first: 100) {\n      edges {\n        node {\n          slug\n          paperCount\n          parent {\n            slug\n          }\n          children {\n            slug\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TopicsWithCounts {\n    topics(first: 100) {\n      edges {\n        node {\n          slug\n          paperCount\n          parent {\n            slug\n          }\n          children {\n            slug\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DailyPapers($date: Date!, $first: Int, $after: String) {\n    dailyPapers(date: $date, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          abstract\n          upvoteCount\n          listedOn\n          topics {\n            score\n            source\n            topic {\n              slug\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query DailyPapers($date: Date!, $first: Int, $after: String) {\n    dailyPapers(date: $date, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          abstract\n          upvoteCount\n          listedOn\n          topics {\n            score\n            source\n            topic {\n              slug\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PaperById($id: ID, $arxivId: String) {\n    paper(id: $id, arxivId: $arxivId) {\n      id\n      title\n      listedOn\n      authors {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query PaperById($id: ID, $arxivId: String) {\n    paper(id: $id, arxivId: $arxivId) {\n      id\n      title\n      listedOn\n      authors {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Papers($first: Int, $after: String, $filter: PaperFilter) {\n    papers(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          cursor\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Papers($first: Int, $after: String, $filter: PaperFilter) {\n    papers(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          cursor\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Topics {\n    topics {\n      edges {\n        node {\n          slug\n          name\n          paperCount\n          parent {\n            slug\n          }\n          children {\n            slug\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Topics {\n    topics {\n      edges {\n        node {\n          slug\n          name\n          paperCount\n          parent {\n            slug\n          }\n          children {\n            slug\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TopicBySlug($slug: String!) {\n    topic(slug: $slug) {\n      id\n      name\n      description\n      paperCount\n      papers(first: 100) {\n        edges {\n          node {\n            title\n            topics {\n              topic {\n                slug\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TopicBySlug($slug: String!) {\n    topic(slug: $slug) {\n      id\n      name\n      description\n      paperCount\n      papers(first: 100) {\n        edges {\n          node {\n            title\n            topics {\n              topic {\n                slug\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeLookup($id: ID!, $ids: [ID!]!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Paper {\n        title\n      }\n    }\n    nodes(ids: $ids) {\n      __typename\n      id\n    }\n  }\n"): (typeof documents)["\n  query NodeLookup($id: ID!, $ids: [ID!]!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Paper {\n        title\n      }\n    }\n    nodes(ids: $ids) {\n      __typename\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LiteralTooMany { topics(first: 101) { edges { node { slug } } } }"): (typeof documents)["query LiteralTooMany { topics(first: 101) { edges { node { slug } } } }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
/* eslint-disable */
import * as types from './graphql.js';



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
    "\n  mutation ReaderLogIn($emailOrHandle: String!, $password: String!) {\n    logIn(emailOrHandle: $emailOrHandle, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          handle\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.ReaderLogInDocument,
    "\n  mutation ReaderLogOut {\n    logOut {\n      __typename\n    }\n  }\n": typeof types.ReaderLogOutDocument,
    "\n  query ReaderViewer($ids: [ID!]!) {\n    me {\n      handle\n    }\n    digestSettings {\n      frequency\n    }\n    nodes(ids: $ids) {\n      ... on Paper {\n        id\n        viewerHasUpvoted\n      }\n    }\n  }\n": typeof types.ReaderViewerDocument,
    "\n  fragment ReaderVoteState on Paper {\n    id\n    upvoteCount\n    sourceUpvotes\n    viewerHasUpvoted\n  }\n": typeof types.ReaderVoteStateFragmentDoc,
    "\n  mutation ReaderUpvote($id: ID!) {\n    upvotePaper(id: $id) {\n      __typename\n      ...ReaderVoteState\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.ReaderUpvoteDocument,
    "\n  mutation ReaderRemoveUpvote($id: ID!) {\n    removeUpvote(id: $id) {\n      __typename\n      ...ReaderVoteState\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.ReaderRemoveUpvoteDocument,
    "\n  mutation ReaderSubscribe($frequency: DigestFrequency!) {\n    updateDigestSettings(frequency: $frequency) {\n      __typename\n      ... on UpdateDigestSettingsPayload {\n        data {\n          frequency\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.ReaderSubscribeDocument,
    "\n  subscription ReaderPaperIngested($after: String, $filter: PaperIngestedFilter) {\n    paperIngested(after: $after, filter: $filter) {\n      cursor\n      paper {\n        id\n        title\n        links {\n          abstract\n          pdf\n          code\n        }\n        githubStars\n        authors {\n          name\n        }\n        topics {\n          topic {\n            slug\n            name\n          }\n        }\n        upvoteCount\n        sourceUpvotes\n        commentCount\n        aiSummary\n        thumbnail\n        sourceSubmitter {\n          name\n          handle\n        }\n        submittedBy {\n          handle\n        }\n        listedOn\n        viewerHasUpvoted\n      }\n    }\n  }\n": typeof types.ReaderPaperIngestedDocument,
    "\n  subscription ReaderPaperUpdated($id: ID!) {\n    paperUpdated(id: $id) {\n      id\n      upvoteCount\n      sourceUpvotes\n      commentCount\n      viewerHasUpvoted\n    }\n  }\n": typeof types.ReaderPaperUpdatedDocument,
};
const documents: Documents = {
    "\n  mutation ReaderLogIn($emailOrHandle: String!, $password: String!) {\n    logIn(emailOrHandle: $emailOrHandle, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          handle\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.ReaderLogInDocument,
    "\n  mutation ReaderLogOut {\n    logOut {\n      __typename\n    }\n  }\n": types.ReaderLogOutDocument,
    "\n  query ReaderViewer($ids: [ID!]!) {\n    me {\n      handle\n    }\n    digestSettings {\n      frequency\n    }\n    nodes(ids: $ids) {\n      ... on Paper {\n        id\n        viewerHasUpvoted\n      }\n    }\n  }\n": types.ReaderViewerDocument,
    "\n  fragment ReaderVoteState on Paper {\n    id\n    upvoteCount\n    sourceUpvotes\n    viewerHasUpvoted\n  }\n": types.ReaderVoteStateFragmentDoc,
    "\n  mutation ReaderUpvote($id: ID!) {\n    upvotePaper(id: $id) {\n      __typename\n      ...ReaderVoteState\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.ReaderUpvoteDocument,
    "\n  mutation ReaderRemoveUpvote($id: ID!) {\n    removeUpvote(id: $id) {\n      __typename\n      ...ReaderVoteState\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.ReaderRemoveUpvoteDocument,
    "\n  mutation ReaderSubscribe($frequency: DigestFrequency!) {\n    updateDigestSettings(frequency: $frequency) {\n      __typename\n      ... on UpdateDigestSettingsPayload {\n        data {\n          frequency\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.ReaderSubscribeDocument,
    "\n  subscription ReaderPaperIngested($after: String, $filter: PaperIngestedFilter) {\n    paperIngested(after: $after, filter: $filter) {\n      cursor\n      paper {\n        id\n        title\n        links {\n          abstract\n          pdf\n          code\n        }\n        githubStars\n        authors {\n          name\n        }\n        topics {\n          topic {\n            slug\n            name\n          }\n        }\n        upvoteCount\n        sourceUpvotes\n        commentCount\n        aiSummary\n        thumbnail\n        sourceSubmitter {\n          name\n          handle\n        }\n        submittedBy {\n          handle\n        }\n        listedOn\n        viewerHasUpvoted\n      }\n    }\n  }\n": types.ReaderPaperIngestedDocument,
    "\n  subscription ReaderPaperUpdated($id: ID!) {\n    paperUpdated(id: $id) {\n      id\n      upvoteCount\n      sourceUpvotes\n      commentCount\n      viewerHasUpvoted\n    }\n  }\n": types.ReaderPaperUpdatedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReaderLogIn($emailOrHandle: String!, $password: String!) {\n    logIn(emailOrHandle: $emailOrHandle, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          handle\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): typeof import('./graphql.js').ReaderLogInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReaderLogOut {\n    logOut {\n      __typename\n    }\n  }\n"): typeof import('./graphql.js').ReaderLogOutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReaderViewer($ids: [ID!]!) {\n    me {\n      handle\n    }\n    digestSettings {\n      frequency\n    }\n    nodes(ids: $ids) {\n      ... on Paper {\n        id\n        viewerHasUpvoted\n      }\n    }\n  }\n"): typeof import('./graphql.js').ReaderViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReaderVoteState on Paper {\n    id\n    upvoteCount\n    sourceUpvotes\n    viewerHasUpvoted\n  }\n"): typeof import('./graphql.js').ReaderVoteStateFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReaderUpvote($id: ID!) {\n    upvotePaper(id: $id) {\n      __typename\n      ...ReaderVoteState\n      ... on Error {\n        message\n      }\n    }\n  }\n"): typeof import('./graphql.js').ReaderUpvoteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReaderRemoveUpvote($id: ID!) {\n    removeUpvote(id: $id) {\n      __typename\n      ...ReaderVoteState\n      ... on Error {\n        message\n      }\n    }\n  }\n"): typeof import('./graphql.js').ReaderRemoveUpvoteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReaderSubscribe($frequency: DigestFrequency!) {\n    updateDigestSettings(frequency: $frequency) {\n      __typename\n      ... on UpdateDigestSettingsPayload {\n        data {\n          frequency\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): typeof import('./graphql.js').ReaderSubscribeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ReaderPaperIngested($after: String, $filter: PaperIngestedFilter) {\n    paperIngested(after: $after, filter: $filter) {\n      cursor\n      paper {\n        id\n        title\n        links {\n          abstract\n          pdf\n          code\n        }\n        githubStars\n        authors {\n          name\n        }\n        topics {\n          topic {\n            slug\n            name\n          }\n        }\n        upvoteCount\n        sourceUpvotes\n        commentCount\n        aiSummary\n        thumbnail\n        sourceSubmitter {\n          name\n          handle\n        }\n        submittedBy {\n          handle\n        }\n        listedOn\n        viewerHasUpvoted\n      }\n    }\n  }\n"): typeof import('./graphql.js').ReaderPaperIngestedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ReaderPaperUpdated($id: ID!) {\n    paperUpdated(id: $id) {\n      id\n      upvoteCount\n      sourceUpvotes\n      commentCount\n      viewerHasUpvoted\n    }\n  }\n"): typeof import('./graphql.js').ReaderPaperUpdatedDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

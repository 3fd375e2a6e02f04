/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** How often the email digest is sent. */
export type DigestFrequency =
  /** Each day's papers, sent after the (UTC) day ends. */
  | 'DAILY'
  /** No digest. */
  | 'OFF'
  /** Each ISO week's papers, sent after the week ends (Sunday, UTC). */
  | 'WEEKLY';

/** Every given kind must match; within a kind, any value. Case-insensitive. */
export type PaperIngestedFilter = {
  /** Author names; "Hinton" matches "Geoffrey E. Hinton". At most 100 items, each at most 300 characters. */
  authors?: Array<string> | null | undefined;
  /** arXiv categories, e.g. cs.LG. At most 100 items, each at most 50 characters. */
  categories?: Array<string> | null | undefined;
  /** Words or phrases in the title or abstract. At most 100 items, each at most 100 characters. */
  keywords?: Array<string> | null | undefined;
  /** Topic slugs. At most 100 items, each at most 100 characters. */
  topics?: Array<string> | null | undefined;
};

export type ReaderLogInMutationVariables = Exact<{
  emailOrHandle: string;
  password: string;
}>;


export type ReaderLogInMutation = { logIn:
    | { __typename: 'AuthPayload', token: string, user: { handle: string } }
    | { __typename: 'RateLimited', message: string }
    | { __typename: 'Unauthenticated', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type ReaderLogOutMutationVariables = Exact<{ [key: string]: never; }>;


export type ReaderLogOutMutation = { logOut:
    | { __typename: 'ApiToken' }
    | { __typename: 'Unauthenticated' }
    | { __typename: 'ValidationError' }
   };

export type ReaderViewerQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type ReaderViewerQuery = { me: { handle: string } | null, digestSettings: { frequency: DigestFrequency }, nodes: Array<
    | { id: string, viewerHasUpvoted: boolean }
    | Record<PropertyKey, never>
   | null> };

export type ReaderVoteStateFragment = { id: string, upvoteCount: number, sourceUpvotes: number, viewerHasUpvoted: boolean };

export type ReaderUpvoteMutationVariables = Exact<{
  id: string | number;
}>;


export type ReaderUpvoteMutation = { upvotePaper:
    | { __typename: 'NotFound', message: string }
    | { __typename: 'Paper', id: string, upvoteCount: number, sourceUpvotes: number, viewerHasUpvoted: boolean }
    | { __typename: 'RateLimited', message: string }
    | { __typename: 'Unauthenticated', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type ReaderRemoveUpvoteMutationVariables = Exact<{
  id: string | number;
}>;


export type ReaderRemoveUpvoteMutation = { removeUpvote:
    | { __typename: 'NotFound', message: string }
    | { __typename: 'Paper', id: string, upvoteCount: number, sourceUpvotes: number, viewerHasUpvoted: boolean }
    | { __typename: 'RateLimited', message: string }
    | { __typename: 'Unauthenticated', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type ReaderSubscribeMutationVariables = Exact<{
  frequency: DigestFrequency;
}>;


export type ReaderSubscribeMutation = { updateDigestSettings:
    | { __typename: 'Forbidden', message: string }
    | { __typename: 'NotFound', message: string }
    | { __typename: 'Unauthenticated', message: string }
    | { __typename: 'UpdateDigestSettingsPayload', data: { frequency: DigestFrequency } }
    | { __typename: 'ValidationError', message: string }
   };

export type ReaderPaperIngestedSubscriptionVariables = Exact<{
  after?: string | null | undefined;
  filter?: PaperIngestedFilter | null | undefined;
}>;


export type ReaderPaperIngestedSubscription = { paperIngested: { cursor: string, paper: { id: string, title: string, githubStars: number | null, upvoteCount: number, sourceUpvotes: number, commentCount: number, aiSummary: string | null, thumbnail: string | null, listedOn: string, viewerHasUpvoted: boolean, links: { abstract: string | null, pdf: string | null, code: string | null }, authors: Array<{ name: string }>, topics: Array<{ topic: { slug: string, name: string } }>, sourceSubmitter: { name: string | null, handle: string | null } | null, submittedBy: { handle: string } | null } } };

export type ReaderPaperUpdatedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type ReaderPaperUpdatedSubscription = { paperUpdated: { id: string, upvoteCount: number, sourceUpvotes: number, commentCount: number, viewerHasUpvoted: boolean } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ReaderVoteStateFragmentDoc = new TypedDocumentString<ReaderVoteStateFragment, unknown>(`
    fragment ReaderVoteState on Paper {
  id
  upvoteCount
  sourceUpvotes
  viewerHasUpvoted
}
    `, {"fragmentName":"ReaderVoteState"});
export const ReaderLogInDocument = new TypedDocumentString<ReaderLogInMutation, ReaderLogInMutationVariables>(`
    mutation ReaderLogIn($emailOrHandle: String!, $password: String!) {
  logIn(emailOrHandle: $emailOrHandle, password: $password) {
    __typename
    ... on AuthPayload {
      token
      user {
        handle
      }
    }
    ... on Error {
      message
    }
  }
}
    `);
export const ReaderLogOutDocument = new TypedDocumentString<ReaderLogOutMutation, ReaderLogOutMutationVariables>(`
    mutation ReaderLogOut {
  logOut {
    __typename
  }
}
    `);
export const ReaderViewerDocument = new TypedDocumentString<ReaderViewerQuery, ReaderViewerQueryVariables>(`
    query ReaderViewer($ids: [ID!]!) {
  me {
    handle
  }
  digestSettings {
    frequency
  }
  nodes(ids: $ids) {
    ... on Paper {
      id
      viewerHasUpvoted
    }
  }
}
    `);
export const ReaderUpvoteDocument = new TypedDocumentString<ReaderUpvoteMutation, ReaderUpvoteMutationVariables>(`
    mutation ReaderUpvote($id: ID!) {
  upvotePaper(id: $id) {
    __typename
    ...ReaderVoteState
    ... on Error {
      message
    }
  }
}
    fragment ReaderVoteState on Paper {
  id
  upvoteCount
  sourceUpvotes
  viewerHasUpvoted
}`);
export const ReaderRemoveUpvoteDocument = new TypedDocumentString<ReaderRemoveUpvoteMutation, ReaderRemoveUpvoteMutationVariables>(`
    mutation ReaderRemoveUpvote($id: ID!) {
  removeUpvote(id: $id) {
    __typename
    ...ReaderVoteState
    ... on Error {
      message
    }
  }
}
    fragment ReaderVoteState on Paper {
  id
  upvoteCount
  sourceUpvotes
  viewerHasUpvoted
}`);
export const ReaderSubscribeDocument = new TypedDocumentString<ReaderSubscribeMutation, ReaderSubscribeMutationVariables>(`
    mutation ReaderSubscribe($frequency: DigestFrequency!) {
  updateDigestSettings(frequency: $frequency) {
    __typename
    ... on UpdateDigestSettingsPayload {
      data {
        frequency
      }
    }
    ... on Error {
      message
    }
  }
}
    `);
export const ReaderPaperIngestedDocument = new TypedDocumentString<ReaderPaperIngestedSubscription, ReaderPaperIngestedSubscriptionVariables>(`
    subscription ReaderPaperIngested($after: String, $filter: PaperIngestedFilter) {
  paperIngested(after: $after, filter: $filter) {
    cursor
    paper {
      id
      title
      links {
        abstract
        pdf
        code
      }
      githubStars
      authors {
        name
      }
      topics {
        topic {
          slug
          name
        }
      }
      upvoteCount
      sourceUpvotes
      commentCount
      aiSummary
      thumbnail
      sourceSubmitter {
        name
        handle
      }
      submittedBy {
        handle
      }
      listedOn
      viewerHasUpvoted
    }
  }
}
    `);
export const ReaderPaperUpdatedDocument = new TypedDocumentString<ReaderPaperUpdatedSubscription, ReaderPaperUpdatedSubscriptionVariables>(`
    subscription ReaderPaperUpdated($id: ID!) {
  paperUpdated(id: $id) {
    id
    upvoteCount
    sourceUpvotes
    commentCount
    viewerHasUpvoted
  }
}
    `);
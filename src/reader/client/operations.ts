// The GraphQL operations of the reader page's script, typed by codegen (src/reader/client/gql/,
// `npm run codegen`) against the same schema as every other client.
import { graphql } from "./gql/index.ts";

export const LogIn = graphql(`
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

export const LogOut = graphql(`
  mutation ReaderLogOut {
    logOut {
      __typename
    }
  }
`);

export const Viewer = graphql(`
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

// What a card shows of a vote, as both vote mutations answer it.
export const VoteState = graphql(`
  fragment ReaderVoteState on Paper {
    id
    upvoteCount
    sourceUpvotes
    viewerHasUpvoted
  }
`);

export const Upvote = graphql(`
  mutation ReaderUpvote($id: ID!) {
    upvotePaper(id: $id) {
      __typename
      ...ReaderVoteState
      ... on Error {
        message
      }
    }
  }
`);

export const RemoveUpvote = graphql(`
  mutation ReaderRemoveUpvote($id: ID!) {
    removeUpvote(id: $id) {
      __typename
      ...ReaderVoteState
      ... on Error {
        message
      }
    }
  }
`);

export const Subscribe = graphql(`
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

export const PaperIngested = graphql(`
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

export const PaperUpdated = graphql(`
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

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
    "\n  mutation Upvote($id: ID!) {\n    upvotePaper(id: $id) {\n      __typename\n      ... on Paper {\n        upvoteCount\n        viewerHasUpvoted\n      }\n      ... on Error {\n        message\n      }\n      ... on RateLimited {\n        retryAfter\n      }\n    }\n  }\n": typeof types.UpvoteDocument,
    "\n  mutation RemoveUpvote($id: ID!) {\n    removeUpvote(id: $id) {\n      __typename\n      ... on Paper {\n        upvoteCount\n        viewerHasUpvoted\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.RemoveUpvoteDocument,
    "\n  mutation AddComment($paperId: ID!, $body: String!, $parentId: ID) {\n    addComment(paperId: $paperId, body: $body, parentId: $parentId) {\n      __typename\n      ... on Comment {\n        id\n        body\n        author {\n          handle\n        }\n        parent {\n          id\n        }\n        paper {\n          commentCount\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        issues {\n          path\n          message\n        }\n      }\n    }\n  }\n": typeof types.AddCommentDocument,
    "\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id) {\n      __typename\n      ... on Comment {\n        body\n        author {\n          handle\n        }\n        deletedAt\n        paper {\n          commentCount\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.DeleteCommentDocument,
    "\n  query Thread($id: ID!) {\n    paper(id: $id) {\n      commentCount\n      comments(first: 10) {\n        edges {\n          node {\n            body\n            author {\n              handle\n            }\n            replyCount\n            viewerCanDelete\n            replies(first: 10) {\n              edges {\n                node {\n                  body\n                  author {\n                    handle\n                  }\n                  parent {\n                    body\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ThreadDocument,
    "\n  query PaperCounts($id: ID!) {\n    paper(id: $id) {\n      upvoteCount\n      viewerHasUpvoted\n    }\n  }\n": typeof types.PaperCountsDocument,
    "\n  subscription CommentsLive($paperId: ID!) {\n    commentAdded(paperId: $paperId) {\n      body\n      author {\n        handle\n      }\n    }\n  }\n": typeof types.CommentsLiveDocument,
    "\n  subscription PaperLive($id: ID!) {\n    paperUpdated(id: $id) {\n      upvoteCount\n      commentCount\n    }\n  }\n": typeof types.PaperLiveDocument,
    "\n  mutation SignUpForTest($email: String!, $handle: String!, $name: String!, $password: String!) {\n    signUp(email: $email, handle: $handle, name: $name, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          id\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.SignUpForTestDocument,
    "\n  mutation LogInForTest($emailOrHandle: String!, $password: String!) {\n    logIn(emailOrHandle: $emailOrHandle, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          id\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.LogInForTestDocument,
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
    "\n  mutation SignUp($email: String!, $handle: String!, $name: String!, $password: String!) {\n    signUp(email: $email, handle: $handle, name: $name, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        expiresAt\n        user {\n          handle\n          name\n          role\n          email\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on AlreadyExists {\n        field\n      }\n      ... on ValidationError {\n        issues {\n          path\n          message\n        }\n      }\n      ... on RateLimited {\n        retryAfter\n      }\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation LogIn($emailOrHandle: String!, $password: String!) {\n    logIn(emailOrHandle: $emailOrHandle, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          handle\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on RateLimited {\n        retryAfter\n      }\n    }\n  }\n": typeof types.LogInDocument,
    "\n  query Me {\n    me {\n      id\n      handle\n      email\n      role\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation LogOut {\n    logOut {\n      __typename\n      ... on ApiToken {\n        kind\n        revokedAt\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.LogOutDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      __typename\n      ... on ChangePasswordPayload {\n        revokedSessions\n        user {\n          handle\n        }\n      }\n      ... on ValidationError {\n        issues {\n          path\n          message\n        }\n      }\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation SetUserRole($userId: ID!, $role: Role!) {\n    setUserRole(userId: $userId, role: $role) {\n      __typename\n      ... on User {\n        handle\n        role\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        issues {\n          path\n          message\n        }\n      }\n    }\n  }\n": typeof types.SetUserRoleDocument,
    "\n  query Profile($handle: String!) {\n    user(handle: $handle) {\n      handle\n      name\n      role\n      email\n    }\n  }\n": typeof types.ProfileDocument,
    "\n  query PublicProfile($handle: String!) {\n    user(handle: $handle) {\n      handle\n      name\n      role\n    }\n  }\n": typeof types.PublicProfileDocument,
    "\n  mutation CreateApiToken($name: String!, $expiresInDays: Int) {\n    createApiToken(name: $name, expiresInDays: $expiresInDays) {\n      __typename\n      ... on CreatedApiToken {\n        token\n        apiToken {\n          id\n          name\n          kind\n          prefix\n          expiresAt\n          revokedAt\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on AlreadyExists {\n        field\n      }\n    }\n  }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      __typename\n      ... on ApiToken {\n        name\n        revokedAt\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.RevokeApiTokenDocument,
    "\n  query MyTokens($kind: TokenKind, $includeInactive: Boolean) {\n    me {\n      handle\n      apiTokens(first: 50, kind: $kind, includeInactive: $includeInactive) {\n        edges {\n          node {\n            id\n            name\n            kind\n            prefix\n            lastUsedAt\n            revokedAt\n            current\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyTokensDocument,
    "\n  query WhoAmI {\n    me {\n      handle\n    }\n  }\n": typeof types.WhoAmIDocument,
    "\n  subscription PaperUpdates($id: ID!) {\n    paperUpdated(id: $id) {\n      upvoteCount\n    }\n  }\n": typeof types.PaperUpdatesDocument,
};
const documents: Documents = {
    "\n  mutation Upvote($id: ID!) {\n    upvotePaper(id: $id) {\n      __typename\n      ... on Paper {\n        upvoteCount\n        viewerHasUpvoted\n      }\n      ... on Error {\n        message\n      }\n      ... on RateLimited {\n        retryAfter\n      }\n    }\n  }\n": types.UpvoteDocument,
    "\n  mutation RemoveUpvote($id: ID!) {\n    removeUpvote(id: $id) {\n      __typename\n      ... on Paper {\n        upvoteCount\n        viewerHasUpvoted\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.RemoveUpvoteDocument,
    "\n  mutation AddComment($paperId: ID!, $body: String!, $parentId: ID) {\n    addComment(paperId: $paperId, body: $body, parentId: $parentId) {\n      __typename\n      ... on Comment {\n        id\n        body\n        author {\n          handle\n        }\n        parent {\n          id\n        }\n        paper {\n          commentCount\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        issues {\n          path\n          message\n        }\n      }\n    }\n  }\n": types.AddCommentDocument,
    "\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id) {\n      __typename\n      ... on Comment {\n        body\n        author {\n          handle\n        }\n        deletedAt\n        paper {\n          commentCount\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.DeleteCommentDocument,
    "\n  query Thread($id: ID!) {\n    paper(id: $id) {\n      commentCount\n      comments(first: 10) {\n        edges {\n          node {\n            body\n            author {\n              handle\n            }\n            replyCount\n            viewerCanDelete\n            replies(first: 10) {\n              edges {\n                node {\n                  body\n                  author {\n                    handle\n                  }\n                  parent {\n                    body\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ThreadDocument,
    "\n  query PaperCounts($id: ID!) {\n    paper(id: $id) {\n      upvoteCount\n      viewerHasUpvoted\n    }\n  }\n": types.PaperCountsDocument,
    "\n  subscription CommentsLive($paperId: ID!) {\n    commentAdded(paperId: $paperId) {\n      body\n      author {\n        handle\n      }\n    }\n  }\n": types.CommentsLiveDocument,
    "\n  subscription PaperLive($id: ID!) {\n    paperUpdated(id: $id) {\n      upvoteCount\n      commentCount\n    }\n  }\n": types.PaperLiveDocument,
    "\n  mutation SignUpForTest($email: String!, $handle: String!, $name: String!, $password: String!) {\n    signUp(email: $email, handle: $handle, name: $name, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          id\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.SignUpForTestDocument,
    "\n  mutation LogInForTest($emailOrHandle: String!, $password: String!) {\n    logIn(emailOrHandle: $emailOrHandle, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          id\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.LogInForTestDocument,
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
    "\n  mutation SignUp($email: String!, $handle: String!, $name: String!, $password: String!) {\n    signUp(email: $email, handle: $handle, name: $name, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        expiresAt\n        user {\n          handle\n          name\n          role\n          email\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on AlreadyExists {\n        field\n      }\n      ... on ValidationError {\n        issues {\n          path\n          message\n        }\n      }\n      ... on RateLimited {\n        retryAfter\n      }\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation LogIn($emailOrHandle: String!, $password: String!) {\n    logIn(emailOrHandle: $emailOrHandle, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          handle\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on RateLimited {\n        retryAfter\n      }\n    }\n  }\n": types.LogInDocument,
    "\n  query Me {\n    me {\n      id\n      handle\n      email\n      role\n    }\n  }\n": types.MeDocument,
    "\n  mutation LogOut {\n    logOut {\n      __typename\n      ... on ApiToken {\n        kind\n        revokedAt\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.LogOutDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      __typename\n      ... on ChangePasswordPayload {\n        revokedSessions\n        user {\n          handle\n        }\n      }\n      ... on ValidationError {\n        issues {\n          path\n          message\n        }\n      }\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  mutation SetUserRole($userId: ID!, $role: Role!) {\n    setUserRole(userId: $userId, role: $role) {\n      __typename\n      ... on User {\n        handle\n        role\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        issues {\n          path\n          message\n        }\n      }\n    }\n  }\n": types.SetUserRoleDocument,
    "\n  query Profile($handle: String!) {\n    user(handle: $handle) {\n      handle\n      name\n      role\n      email\n    }\n  }\n": types.ProfileDocument,
    "\n  query PublicProfile($handle: String!) {\n    user(handle: $handle) {\n      handle\n      name\n      role\n    }\n  }\n": types.PublicProfileDocument,
    "\n  mutation CreateApiToken($name: String!, $expiresInDays: Int) {\n    createApiToken(name: $name, expiresInDays: $expiresInDays) {\n      __typename\n      ... on CreatedApiToken {\n        token\n        apiToken {\n          id\n          name\n          kind\n          prefix\n          expiresAt\n          revokedAt\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on AlreadyExists {\n        field\n      }\n    }\n  }\n": types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      __typename\n      ... on ApiToken {\n        name\n        revokedAt\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.RevokeApiTokenDocument,
    "\n  query MyTokens($kind: TokenKind, $includeInactive: Boolean) {\n    me {\n      handle\n      apiTokens(first: 50, kind: $kind, includeInactive: $includeInactive) {\n        edges {\n          node {\n            id\n            name\n            kind\n            prefix\n            lastUsedAt\n            revokedAt\n            current\n          }\n        }\n      }\n    }\n  }\n": types.MyTokensDocument,
    "\n  query WhoAmI {\n    me {\n      handle\n    }\n  }\n": types.WhoAmIDocument,
    "\n  subscription PaperUpdates($id: ID!) {\n    paperUpdated(id: $id) {\n      upvoteCount\n    }\n  }\n": types.PaperUpdatesDocument,
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
export function graphql(source: "\n  mutation Upvote($id: ID!) {\n    upvotePaper(id: $id) {\n      __typename\n      ... on Paper {\n        upvoteCount\n        viewerHasUpvoted\n      }\n      ... on Error {\n        message\n      }\n      ... on RateLimited {\n        retryAfter\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Upvote($id: ID!) {\n    upvotePaper(id: $id) {\n      __typename\n      ... on Paper {\n        upvoteCount\n        viewerHasUpvoted\n      }\n      ... on Error {\n        message\n      }\n      ... on RateLimited {\n        retryAfter\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveUpvote($id: ID!) {\n    removeUpvote(id: $id) {\n      __typename\n      ... on Paper {\n        upvoteCount\n        viewerHasUpvoted\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveUpvote($id: ID!) {\n    removeUpvote(id: $id) {\n      __typename\n      ... on Paper {\n        upvoteCount\n        viewerHasUpvoted\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddComment($paperId: ID!, $body: String!, $parentId: ID) {\n    addComment(paperId: $paperId, body: $body, parentId: $parentId) {\n      __typename\n      ... on Comment {\n        id\n        body\n        author {\n          handle\n        }\n        parent {\n          id\n        }\n        paper {\n          commentCount\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        issues {\n          path\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AddComment($paperId: ID!, $body: String!, $parentId: ID) {\n    addComment(paperId: $paperId, body: $body, parentId: $parentId) {\n      __typename\n      ... on Comment {\n        id\n        body\n        author {\n          handle\n        }\n        parent {\n          id\n        }\n        paper {\n          commentCount\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        issues {\n          path\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id) {\n      __typename\n      ... on Comment {\n        body\n        author {\n          handle\n        }\n        deletedAt\n        paper {\n          commentCount\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id) {\n      __typename\n      ... on Comment {\n        body\n        author {\n          handle\n        }\n        deletedAt\n        paper {\n          commentCount\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Thread($id: ID!) {\n    paper(id: $id) {\n      commentCount\n      comments(first: 10) {\n        edges {\n          node {\n            body\n            author {\n              handle\n            }\n            replyCount\n            viewerCanDelete\n            replies(first: 10) {\n              edges {\n                node {\n                  body\n                  author {\n                    handle\n                  }\n                  parent {\n                    body\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Thread($id: ID!) {\n    paper(id: $id) {\n      commentCount\n      comments(first: 10) {\n        edges {\n          node {\n            body\n            author {\n              handle\n            }\n            replyCount\n            viewerCanDelete\n            replies(first: 10) {\n              edges {\n                node {\n                  body\n                  author {\n                    handle\n                  }\n                  parent {\n                    body\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PaperCounts($id: ID!) {\n    paper(id: $id) {\n      upvoteCount\n      viewerHasUpvoted\n    }\n  }\n"): (typeof documents)["\n  query PaperCounts($id: ID!) {\n    paper(id: $id) {\n      upvoteCount\n      viewerHasUpvoted\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CommentsLive($paperId: ID!) {\n    commentAdded(paperId: $paperId) {\n      body\n      author {\n        handle\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription CommentsLive($paperId: ID!) {\n    commentAdded(paperId: $paperId) {\n      body\n      author {\n        handle\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PaperLive($id: ID!) {\n    paperUpdated(id: $id) {\n      upvoteCount\n      commentCount\n    }\n  }\n"): (typeof documents)["\n  subscription PaperLive($id: ID!) {\n    paperUpdated(id: $id) {\n      upvoteCount\n      commentCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUpForTest($email: String!, $handle: String!, $name: String!, $password: String!) {\n    signUp(email: $email, handle: $handle, name: $name, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          id\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignUpForTest($email: String!, $handle: String!, $name: String!, $password: String!) {\n    signUp(email: $email, handle: $handle, name: $name, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          id\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogInForTest($emailOrHandle: String!, $password: String!) {\n    logIn(emailOrHandle: $emailOrHandle, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          id\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LogInForTest($emailOrHandle: String!, $password: String!) {\n    logIn(emailOrHandle: $emailOrHandle, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          id\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($email: String!, $handle: String!, $name: String!, $password: String!) {\n    signUp(email: $email, handle: $handle, name: $name, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        expiresAt\n        user {\n          handle\n          name\n          role\n          email\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on AlreadyExists {\n        field\n      }\n      ... on ValidationError {\n        issues {\n          path\n          message\n        }\n      }\n      ... on RateLimited {\n        retryAfter\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($email: String!, $handle: String!, $name: String!, $password: String!) {\n    signUp(email: $email, handle: $handle, name: $name, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        expiresAt\n        user {\n          handle\n          name\n          role\n          email\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on AlreadyExists {\n        field\n      }\n      ... on ValidationError {\n        issues {\n          path\n          message\n        }\n      }\n      ... on RateLimited {\n        retryAfter\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogIn($emailOrHandle: String!, $password: String!) {\n    logIn(emailOrHandle: $emailOrHandle, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          handle\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on RateLimited {\n        retryAfter\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LogIn($emailOrHandle: String!, $password: String!) {\n    logIn(emailOrHandle: $emailOrHandle, password: $password) {\n      __typename\n      ... on AuthPayload {\n        token\n        user {\n          handle\n        }\n      }\n      ... on Error {\n        message\n        code\n      }\n      ... on RateLimited {\n        retryAfter\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      handle\n      email\n      role\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      handle\n      email\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogOut {\n    logOut {\n      __typename\n      ... on ApiToken {\n        kind\n        revokedAt\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LogOut {\n    logOut {\n      __typename\n      ... on ApiToken {\n        kind\n        revokedAt\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      __typename\n      ... on ChangePasswordPayload {\n        revokedSessions\n        user {\n          handle\n        }\n      }\n      ... on ValidationError {\n        issues {\n          path\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      __typename\n      ... on ChangePasswordPayload {\n        revokedSessions\n        user {\n          handle\n        }\n      }\n      ... on ValidationError {\n        issues {\n          path\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserRole($userId: ID!, $role: Role!) {\n    setUserRole(userId: $userId, role: $role) {\n      __typename\n      ... on User {\n        handle\n        role\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        issues {\n          path\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserRole($userId: ID!, $role: Role!) {\n    setUserRole(userId: $userId, role: $role) {\n      __typename\n      ... on User {\n        handle\n        role\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        issues {\n          path\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Profile($handle: String!) {\n    user(handle: $handle) {\n      handle\n      name\n      role\n      email\n    }\n  }\n"): (typeof documents)["\n  query Profile($handle: String!) {\n    user(handle: $handle) {\n      handle\n      name\n      role\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublicProfile($handle: String!) {\n    user(handle: $handle) {\n      handle\n      name\n      role\n    }\n  }\n"): (typeof documents)["\n  query PublicProfile($handle: String!) {\n    user(handle: $handle) {\n      handle\n      name\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiToken($name: String!, $expiresInDays: Int) {\n    createApiToken(name: $name, expiresInDays: $expiresInDays) {\n      __typename\n      ... on CreatedApiToken {\n        token\n        apiToken {\n          id\n          name\n          kind\n          prefix\n          expiresAt\n          revokedAt\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on AlreadyExists {\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiToken($name: String!, $expiresInDays: Int) {\n    createApiToken(name: $name, expiresInDays: $expiresInDays) {\n      __typename\n      ... on CreatedApiToken {\n        token\n        apiToken {\n          id\n          name\n          kind\n          prefix\n          expiresAt\n          revokedAt\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on AlreadyExists {\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      __typename\n      ... on ApiToken {\n        name\n        revokedAt\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      __typename\n      ... on ApiToken {\n        name\n        revokedAt\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyTokens($kind: TokenKind, $includeInactive: Boolean) {\n    me {\n      handle\n      apiTokens(first: 50, kind: $kind, includeInactive: $includeInactive) {\n        edges {\n          node {\n            id\n            name\n            kind\n            prefix\n            lastUsedAt\n            revokedAt\n            current\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyTokens($kind: TokenKind, $includeInactive: Boolean) {\n    me {\n      handle\n      apiTokens(first: 50, kind: $kind, includeInactive: $includeInactive) {\n        edges {\n          node {\n            id\n            name\n            kind\n            prefix\n            lastUsedAt\n            revokedAt\n            current\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WhoAmI {\n    me {\n      handle\n    }\n  }\n"): (typeof documents)["\n  query WhoAmI {\n    me {\n      handle\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PaperUpdates($id: ID!) {\n    paperUpdated(id: $id) {\n      upvoteCount\n    }\n  }\n"): (typeof documents)["\n  subscription PaperUpdates($id: ID!) {\n    paperUpdated(id: $id) {\n      upvoteCount\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
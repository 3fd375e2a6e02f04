// The schema: each file registers its types and root fields on the builder.
import "./errors.ts";
import "./node.ts";
import "./paper.ts";
import "./paper-source.ts";
import "./paper-version.ts";
import "./organization.ts";
import "./author.ts";
import "./author-page.ts";
import "./author-claim.ts";
import "./paper-links.ts";
import "./profile.ts";
import "./topic.ts";
import "./subscription.ts";
import "./user.ts";
import "./account.ts";
import "./token.ts";
import "./upvote.ts";
import "./comment.ts";
import "./follow.ts";
import "./feed.ts";
import "./saved-search.ts";
import "./collection.ts";
import "./notification.ts";
import "./submission.ts";
import "./curation.ts";
import "./listings.ts";
import "./search.ts";
import "./related.ts";
import "./recommendation.ts";
import "./topic-page.ts";
import "./digest.ts";
import "./ingest.ts";

import { builder } from "./builder.ts";

export const schema = builder.toSchema({ sortSchema: true });

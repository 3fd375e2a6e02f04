// What the paper's source says about it beyond its text: Hugging Face's AI summary and keywords,
// images, organization, submitter, discussion size and the code repository's stars.
import { builder } from "./builder.ts";

interface SourceSubmitterShape {
  name: string | null;
  handle: string | null;
  avatarUrl: string | null;
}

const SourceSubmitter = builder.objectRef<SourceSubmitterShape>("SourceSubmitter").implement({
  description: "Who submitted a paper at its source (Hugging Face): a person there, not one of our users (see submittedBy).",
  fields: (t) => ({
    name: t.exposeString("name", { nullable: true, description: "Their name as the source shows it." }),
    handle: t.exposeString("handle", { nullable: true, description: "Their user name at the source." }),
    avatarUrl: t.exposeString("avatarUrl", { nullable: true, description: "Their picture." }),
  }),
});

builder.prismaObjectFields("Paper", (t) => ({
  githubStars: t.exposeInt("githubStars", {
    nullable: true,
    description: "Stars of the code repository (links.code) as the source reported them; null when it reported none.",
  }),
  githubStarsReadAt: t.expose("githubStarsAt", {
    type: "DateTime",
    nullable: true,
    description: "When Paperboy read githubStars: the first ingest that reported this count.",
  }),
  aiSummary: t.exposeString("aiSummary", { nullable: true, description: "A one-line summary the source had a model write." }),
  aiKeywords: t.stringList({
    nullable: true,
    select: { aiKeywords: true },
    description: "Keywords the source had a model pick (at most 50); null when it gave none.",
    resolve: (p) => (p.aiKeywords.length > 0 ? p.aiKeywords : null),
  }),
  thumbnail: t.exposeString("thumbnailUrl", { nullable: true, description: "A preview image of the paper." }),
  media: t.stringList({
    nullable: true,
    select: { mediaUrls: true },
    description: "Images and videos the source shows with the paper (at most 20); null when it shows none.",
    resolve: (p) => (p.mediaUrls.length > 0 ? p.mediaUrls : null),
  }),
  organization: t.relation("organization", { nullable: true, description: "The organization the source lists the paper under." }),
  sourceSubmitter: t.field({
    type: SourceSubmitter,
    nullable: true,
    description: "Who submitted the paper at its source; submittedBy is the user who submitted it here.",
    select: { sourceSubmitterName: true, sourceSubmitterHandle: true, sourceSubmitterAvatarUrl: true },
    resolve: (p) =>
      p.sourceSubmitterName || p.sourceSubmitterHandle
        ? { name: p.sourceSubmitterName, handle: p.sourceSubmitterHandle, avatarUrl: p.sourceSubmitterAvatarUrl }
        : null,
  }),
  sourceCommentCount: t.exposeInt("sourceCommentCount", {
    nullable: true,
    description: "Comments on the paper at its source (commentCount counts ours); null when the source gave no count.",
  }),
}));

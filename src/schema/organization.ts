// Organizations papers are published under at their source (Hugging Face organizations).
import { builder } from "./builder.ts";

builder.prismaObject("Organization", {
  description: "An organization a paper is published under at its source (a Hugging Face organization).",
  fields: (t) => ({
    name: t.exposeString("name", { description: 'The source\'s identifier for it ("google", "meta-llama").' }),
    displayName: t.exposeString("displayName", { nullable: true, description: 'Its full name as the source shows it ("Google").' }),
    avatarUrl: t.exposeString("avatarUrl", { nullable: true, description: "Its logo." }),
  }),
});

// mjml 5 ships no types: the one function the digest uses, as its README documents it.
declare module "mjml" {
  interface MjmlResult {
    html: string;
    errors: { formattedMessage: string; message: string; line: number; tagName: string }[];
  }
  export default function mjml2html(
    mjml: string,
    options?: { validationLevel?: "strict" | "soft" | "skip"; minify?: boolean },
  ): Promise<MjmlResult>;
}

// One paper's metadata from the arXiv API by its id, for submitPaper(arxivId:) without title and
// abstract (as Hugging Face's "submit a paper" takes only the id). It goes through the pollers'
// polite client (spacing between calls, Retry-After honoured, backoff), with fewer retries and a
// shorter timeout than a poll because someone waits for the answer. One lookup per app, so all
// submissions share the spacing arXiv asks for.
import type { PollerConfig } from "../../config.ts";
import { NotFoundError, SourceUnavailableError } from "../../errors.ts";
import { InputError } from "../input.ts";
import { parseAtom } from "../parsers/atom.ts";
import type { PaperRecord } from "../record.ts";
import { PoliteClient, PollError } from "./http.ts";

/** The retry hint when arXiv said nothing (no Retry-After): long enough for a short outage to pass. */
export const DEFAULT_RETRY_AFTER_SECONDS = 30;

export class ArxivLookup {
  private readonly client: PoliteClient;

  private readonly apiUrl: string;

  constructor(config: PollerConfig) {
    const { retries, timeoutMs } = config.arxivLookup;
    this.apiUrl = config.arxiv.apiUrl;
    this.client = new PoliteClient({
      minIntervalMs: config.arxiv.minIntervalMs,
      maxRetries: retries,
      // A Retry-After longer than one call may take ends the lookup: the caller gets it as the hint.
      maxWaitMs: timeoutMs,
      timeoutMs,
    });
  }

  /**
   * The paper as arXiv has it (the given version, else the latest). Throws NotFoundError when arXiv
   * knows no such paper, SourceUnavailableError when arXiv cannot be reached or answers nonsense.
   */
  async paper(ref: { id: string; version?: number }): Promise<PaperRecord> {
    const wanted = ref.version ? `${ref.id}v${ref.version}` : ref.id;
    const url = new URL(this.apiUrl);
    url.searchParams.set("id_list", wanted);
    url.searchParams.set("max_results", "1");
    let text: string;
    try {
      text = await this.client.getText(url.toString());
    } catch (e) {
      if (e instanceof PollError) throw unavailable(e.message, e.retryAfterMs);
      throw e;
    }
    let found: PaperRecord | undefined;
    try {
      for await (const item of parseAtom([Buffer.from(text, "utf8")], `the arXiv API's answer for ${wanted}`)) {
        if (item.record?.arxivId === ref.id) found ??= item.record;
      }
    } catch (e) {
      // arXiv answers an id it cannot read with an error entry (our validation lets only well-formed ids through).
      if (e instanceof InputError && e.message.startsWith("arXiv API error")) throw new NotFoundError("arXiv paper", wanted);
      if (e instanceof InputError) throw unavailable(e.message);
      throw e;
    }
    // An id arXiv does not know: an empty feed (or, from older API versions, an entry without a title).
    if (!found || !found.title.trim()) throw new NotFoundError("arXiv paper", wanted);
    return found;
  }
}

function unavailable(why: string, retryAfterMs?: number): SourceUnavailableError {
  const seconds = retryAfterMs !== undefined ? Math.max(1, Math.ceil(retryAfterMs / 1000)) : DEFAULT_RETRY_AFTER_SECONDS;
  return new SourceUnavailableError("arXiv", seconds, `arXiv cannot be reached (${why}); nothing was written: try again in ${seconds} s.`);
}

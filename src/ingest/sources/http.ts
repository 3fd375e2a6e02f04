// A polite HTTP client for the pollers: a minimum spacing between calls (arXiv asks for 3 s),
// Retry-After honoured on 429/503, exponential backoff on other transient failures, and a cap on
// how long one poll may wait before it gives up until the next poll. Never a tight retry loop.

export class PollError extends Error {
  override name = "PollError";
  constructor(
    message: string,
    /** How long the source asked us to wait (Retry-After, or the wait that was too long), when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface PoliteOptions {
  /** Minimum time between the starts of two requests. */
  minIntervalMs: number;
  /** Retries after the first attempt for 429, 5xx and network errors. */
  maxRetries: number;
  /** The longest single wait a poll accepts (a longer Retry-After ends the poll). */
  maxWaitMs: number;
  timeoutMs?: number;
  userAgent?: string;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const TRANSIENT = new Set([429, 500, 502, 503, 504]);

export class PoliteClient {
  /** When the last answer (or failure) came back: the next call waits minIntervalMs from there. */
  private lastDone = 0;

  constructor(private readonly opts: PoliteOptions) {}

  /** GET a URL's body as text, waiting and retrying as the server asks. */
  async getText(url: string): Promise<string> {
    const { maxRetries, maxWaitMs, signal } = this.opts;
    for (let attempt = 0; ; attempt++) {
      await this.spacing();
      let wait: number;
      let why: string;
      let asked: number | undefined;
      try {
        const response = await fetch(url, {
          headers: { "user-agent": this.opts.userAgent ?? "Paperboy (paper hub ingestion)", accept: "*/*" },
          signal: AbortSignal.any([AbortSignal.timeout(this.opts.timeoutMs ?? 60_000), ...(signal ? [signal] : [])]),
        });
        if (response.ok) {
          const text = await response.text();
          this.lastDone = Date.now();
          return text;
        }
        await response.body?.cancel().catch(() => undefined);
        this.lastDone = Date.now();
        if (!TRANSIENT.has(response.status)) throw new PollError(`${url} answered ${response.status} ${response.statusText}`);
        asked = retryAfterMs(response.headers.get("retry-after"));
        wait = Math.max(asked ?? this.backoff(attempt), this.opts.minIntervalMs);
        why = `${response.status}${asked !== undefined ? `, Retry-After ${Math.ceil(asked / 1000)} s` : ""}`;
      } catch (e) {
        this.lastDone = Date.now();
        if (e instanceof PollError || signal?.aborted) throw e;
        wait = this.backoff(attempt);
        why =
          (e as Error).name === "TimeoutError"
            ? "timed out"
            : `network error: ${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message}`;
      }
      if (attempt >= maxRetries) throw new PollError(`${url} still failing after ${attempt + 1} attempts (${why})`, asked);
      if (wait > maxWaitMs)
        throw new PollError(
          `${url}: asked to wait ${Math.ceil(wait / 1000)} s (${why}), ` +
            `more than the ${Math.ceil(maxWaitMs / 1000)} s a poll waits; next poll will retry`,
          wait,
        );
      this.opts.log?.(`${why}: retrying ${url} in ${(wait / 1000).toFixed(1)} s`);
      await sleep(wait, signal);
    }
  }

  private backoff(attempt: number): number {
    return Math.max(this.opts.minIntervalMs, 1000) * 2 ** attempt;
  }

  // Counted from the previous answer, not from the previous request: the source sees calls at
  // least minIntervalMs apart however long it took to answer.
  private async spacing(): Promise<void> {
    const due = this.lastDone + this.opts.minIntervalMs - Date.now();
    if (due > 0) await sleep(due, this.opts.signal);
  }
}

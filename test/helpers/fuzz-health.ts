// Probes GET /health every 100 ms while the fuzz cases run. Each probe is timed from when it was
// due, so a blocked event loop (which also delays the probe's own timer) counts in full.
const INTERVAL_MS = 100;
const PROBE_TIMEOUT_MS = 10_000;

export interface HealthReport {
  probes: number;
  slowestMs: number;
  /** What the fuzz test was sending when the slowest probe was due. */
  slowestDuring: string;
  failures: string[];
}

export class HealthProbe {
  private report: HealthReport = { probes: 0, slowestMs: 0, slowestDuring: "", failures: [] };
  private running = true;
  private loop: Promise<void>;

  /** `current()`: a label of the case being sent, for the report. */
  constructor(url: string, current: () => string) {
    this.loop = (async () => {
      let due = Date.now();
      while (this.running) {
        due += INTERVAL_MS;
        await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
        const during = current();
        try {
          const res = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
          await res.arrayBuffer();
          if (res.status !== 200) this.report.failures.push(`HTTP ${res.status} during ${during}`);
        } catch (e) {
          this.report.failures.push(`${String(e)} during ${during}`);
        }
        const took = Date.now() - due;
        this.report.probes += 1;
        if (took > this.report.slowestMs) Object.assign(this.report, { slowestMs: took, slowestDuring: during });
        // After a stall, start again from now rather than firing the missed probes back to back.
        due = Math.max(due, Date.now() - INTERVAL_MS);
      }
    })();
  }

  async stop(): Promise<HealthReport> {
    this.running = false;
    await this.loop;
    return this.report;
  }
}

// Headless Chromium for browser tests (Debian's package: Playwright's own download is unreachable).
// A fresh machine may have no browser: `npm test` must still pass there, so browser tests skip with
// the reason. CI sets REQUIRE_BROWSER=1 (.ci/run), where a missing browser fails the test file
// instead, so a broken install can never turn into a silently skipped test.
import { accessSync, constants } from "node:fs";

import { type Browser, chromium } from "playwright-core";

const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Why browser tests cannot run here (one line), or null when Chromium is installed. */
export function missingBrowser(): string | null {
  try {
    accessSync(executablePath, constants.X_OK);
    return null;
  } catch {
    const reason = `no browser at ${executablePath}: install Debian's chromium or set CHROMIUM_PATH`;
    if (process.env.REQUIRE_BROWSER === "1") throw new Error(`REQUIRE_BROWSER=1 and ${reason}`);
    // The default reporter shows no skip notes: say it once on stderr too.
    console.warn(`browser tests skipped: ${reason}`);
    return reason;
  }
}

export function launchBrowser(): Promise<Browser> {
  // Headless Chromium on a machine without internet: without the background-networking, component
  // update and sync flags it keeps calling Google's services and floods the closed network.
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

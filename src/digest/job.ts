// The digest run: every subscriber gets one email per period (the last complete UTC day for daily
// digests, the last complete ISO week for weekly ones). Deliveries are recorded per user and
// period: a period already sent is never sent again, a failed send is retried by later runs (up to
// MAX_ATTEMPTS), and a claim on the row keeps two runs (CLI and server, or two servers) from
// sending the same digest. A send whose outcome is unknown (the process died mid-send) stays
// PENDING and is not retried: a missed digest is better than a double one.
import type { Config } from "../config.ts";
import type { Database } from "../db.ts";
import { addDays, dayPeriod, parseIsoWeek, type Period, weekOf } from "../discovery/periods.ts";
import type { DigestFrequency } from "../generated/prisma/client.ts";
import { digestContent, type Subscriber, subscriberSelect } from "./content.ts";
import { renderDigest } from "./render.ts";
import type { DigestTransport } from "./transport.ts";
import { digestSecret, unsubscribeUrl } from "./unsubscribe.ts";

export const MAX_ATTEMPTS = 5;

export interface DigestRunResult {
  sent: number;
  failed: number;
  /** Subscribers with nothing new in the period. */
  empty: number;
  /** Already sent, or being sent by another run. */
  skipped: number;
}

/** The last complete period before `now`. */
export function currentPeriod(frequency: "DAILY" | "WEEKLY", now: Date): Period {
  const today = dayPeriod(now);
  return frequency === "DAILY" ? dayPeriod(addDays(today.start, -1)) : weekOf(addDays(weekOf(now).start, -1));
}

function periodFromLabel(frequency: DigestFrequency, label: string): Period {
  return frequency === "WEEKLY" ? parseIsoWeek(label) : dayPeriod(new Date(`${label}T00:00:00Z`));
}

/** Take the delivery row for sending; false when it is sent, in flight elsewhere, or out of attempts. */
async function claim(db: Database, userId: number, frequency: DigestFrequency, period: string): Promise<number | null> {
  const created = await db.prisma.digestDelivery.createMany({ data: [{ userId, frequency, period, attempts: 1 }], skipDuplicates: true });
  const row = await db.prisma.digestDelivery.findUniqueOrThrow({
    where: { userId_frequency_period: { userId, frequency, period } },
    select: { id: true, status: true, attempts: true },
  });
  if (created.count === 1) return row.id;
  if (row.status !== "FAILED" || row.attempts >= MAX_ATTEMPTS) return null;
  // Only one run can move a FAILED row with this attempt count to PENDING.
  const taken = await db.prisma.digestDelivery.updateMany({
    where: { id: row.id, status: "FAILED", attempts: row.attempts },
    data: { status: "PENDING", attempts: row.attempts + 1 },
  });
  return taken.count === 1 ? row.id : null;
}

async function deliver(
  db: Database,
  config: Config,
  transport: DigestTransport,
  secret: string,
  user: Subscriber,
  frequency: DigestFrequency,
  period: Period,
  result: DigestRunResult,
): Promise<void> {
  const existing = await db.prisma.digestDelivery.findUnique({
    where: { userId_frequency_period: { userId: user.id, frequency, period: period.label } },
    select: { status: true },
  });
  if (existing?.status === "SENT" || existing?.status === "PENDING") {
    result.skipped += 1;
    return;
  }
  const content = await digestContent(db, user, period);
  if (content.paperCount === 0) {
    result.empty += 1;
    return;
  }
  const id = await claim(db, user.id, frequency, period.label);
  if (id === null) {
    result.skipped += 1;
    return;
  }
  const link = unsubscribeUrl(config, secret, user.id);
  const pageUrl = `${config.publicUrl}/?${period.kind === "day" ? "date" : period.kind}=${encodeURIComponent(period.label)}`;
  const mail = await renderDigest(user.name, period, content, link, pageUrl);
  try {
    const messageId = await transport.send(
      {
        from: config.mailFrom,
        to: { name: user.name, address: user.email },
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: { "List-Unsubscribe": `<${link}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      },
      `${period.label}-${frequency.toLowerCase()}-user${user.id}.eml`,
    );
    await db.prisma.digestDelivery.update({
      where: { id },
      data: { status: "SENT", sentAt: new Date(), messageId, paperCount: content.paperCount, lastError: null },
    });
    result.sent += 1;
  } catch (e) {
    await db.prisma.digestDelivery.update({
      where: { id },
      data: { status: "FAILED", lastError: (e instanceof Error ? e.message : String(e)).slice(0, 1000) },
    });
    result.failed += 1;
  }
}

export async function runDigest(
  db: Database,
  config: Config,
  transport: DigestTransport,
  opts: { now?: Date } = {},
): Promise<DigestRunResult> {
  const now = opts.now ?? new Date();
  const secret = await digestSecret(config);
  const result: DigestRunResult = { sent: 0, failed: 0, empty: 0, skipped: 0 };
  let afterId = 0;
  for (;;) {
    const users = await db.prisma.user.findMany({
      where: { id: { gt: afterId }, digestFrequency: { not: "OFF" } },
      orderBy: { id: "asc" },
      take: 200,
      select: {
        ...subscriberSelect,
        digestDeliveries: { where: { status: "FAILED", attempts: { lt: MAX_ATTEMPTS } }, select: { frequency: true, period: true } },
      },
    });
    if (users.length === 0) return result;
    afterId = users.at(-1)!.id;
    for (const user of users) {
      const frequency = user.digestFrequency as "DAILY" | "WEEKLY";
      const current = currentPeriod(frequency, now);
      // Earlier periods whose send failed, then this one.
      const retries = user.digestDeliveries
        .filter((d) => d.frequency === frequency && d.period !== current.label)
        .map((d) => periodFromLabel(d.frequency, d.period));
      for (const period of [...retries, current]) await deliver(db, config, transport, secret, user, frequency, period, result);
    }
  }
}

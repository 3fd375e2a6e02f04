// Where digests go: an SMTP server (SMTP_URL), or, without one, .eml files in DATA_DIR/outbox that
// any mail client opens.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

import type Mail from "nodemailer/lib/mailer/index.js";

import type { Config } from "../config.ts";

export interface DigestTransport {
  /** Sends (or stores) the message; resolves to its Message-ID. */
  send(message: Mail.Options, fileName: string): Promise<string>;
  describe: string;
  close(): void;
}

export async function createTransport(config: Config): Promise<DigestTransport> {
  // Imported here: a server without SMTP_URL never sends mail, and never loads nodemailer (2 MB of heap).
  const { default: nodemailer } = await import("nodemailer");
  if (config.smtpUrl) {
    const smtp = nodemailer.createTransport(config.smtpUrl);
    const where = new URL(config.smtpUrl);
    return {
      describe: `SMTP ${where.hostname}:${where.port || (where.protocol === "smtps:" ? 465 : 587)}`,
      async send(message) {
        const info = await smtp.sendMail(message);
        return info.messageId;
      },
      close: () => smtp.close(),
    };
  }
  const outbox = path.join(config.dataDir, "outbox");
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    describe: `files in ${outbox}`,
    async send(message, fileName) {
      const info = await stream.sendMail(message);
      await mkdir(outbox, { recursive: true });
      await writeFile(path.join(outbox, fileName), info.message as Buffer);
      return info.messageId;
    },
    close: () => stream.close(),
  };
}

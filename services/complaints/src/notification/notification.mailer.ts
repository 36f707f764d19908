import nodemailer from 'nodemailer';
import type { NoticeMail } from './notification.texts';

/** Sends one notice mail; rejects with nodemailer's error (its `code` and `responseCode` class the failure). */
export interface Mailer {
  send(to: string, mail: NoticeMail): Promise<void>;
  close(): void;
}

/**
 * A mailer over SMTP_URL (`smtp://`, `smtps://`, with user and password if the server wants them; nodemailer
 * reads the URL). One connection per notice, no pool: notices are few, and a round sends them one by one.
 * Timeouts are short so that a round never waits longer than its claim on a notice (notification.rules.ts).
 */
export function createMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    // No log of the SMTP dialogue: it would hold the recipients' addresses.
    logger: false,
    debug: false,
  });
  return {
    send: async (to, mail) => {
      await transport.sendMail({ from, to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}

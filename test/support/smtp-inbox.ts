import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One mail as the test's SMTP server received it: the envelope and the raw message, headers and body. */
export interface ReceivedMail {
  from: string;
  to: string[];
  /** The message as it arrived: headers and body, in their transfer encoding. */
  raw: string;
  /** The Subject header, decoded (RFC 2047 encoded words). */
  subject: string;
  /** The body, decoded from its transfer encoding (7bit, quoted-printable or base64). */
  text: string;
}

/** Bytes of a quoted-printable text (soft line breaks removed), read as UTF-8. */
function fromQuotedPrintable(value: string): string {
  const joined = value.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined[i] === '=' ? /^[0-9A-Fa-f]{2}/.exec(joined.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A header value with its RFC 2047 encoded words decoded. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_all, _charset: string, encoding: string, word: string) =>
      encoding.toUpperCase() === 'B' ? Buffer.from(word, 'base64').toString('utf8') : fromQuotedPrintable(word.replace(/_/g, ' ')),
    );
}

/** The subject and the decoded body of a raw single-part message. */
function decode(raw: string): { subject: string; text: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'mi').exec(head)?.[1].trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'quoted-printable' ? fromQuotedPrintable(body) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body;
  return { subject: decodeWords(header('Subject')), text: text.replace(/\r\n/g, '\n') };
}

/** A real SMTP server of the test's own, on 127.0.0.1, keeping every mail it accepts. */
export interface Inbox {
  port: number;
  url: string;
  mails: ReceivedMail[];
  /** The mails to `address` so far. */
  to(address: string): ReceivedMail[];
  /** Waits (up to `timeoutMs`) for a mail to `address` whose decoded subject or body contains `text`. */
  waitFor(address: string, text: string, timeoutMs?: number): Promise<ReceivedMail>;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (free when asked: a server started on it later may race another, rarely). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Holds `port` while the SMTP server is "down": every connection is cut at once (as a refused one fails),
 * so no other test's server can take the port meanwhile and leave the client waiting for a greeting.
 * `release` frees it just before the inbox starts on it.
 */
export async function holdPortDown(port: number): Promise<{ release(): Promise<void> }> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { release: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Starts the server on `port` (a free one when 0). Plain SMTP, no STARTTLS nor authentication: a test server. */
export async function startInbox(port = 0): Promise<Inbox> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...decode(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.server.address() as { port: number }).port;
  const to = (address: string) => mails.filter((mail) => mail.to.includes(address));
  return {
    port: bound,
    url: `smtp://127.0.0.1:${bound}`,
    mails,
    to,
    async waitFor(address, text, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = to(address).find((mail) => mail.subject.includes(text) || mail.text.includes(text));
        if (found) return found;
        if (Date.now() > until) throw new Error(`no mail to ${address} containing ${text} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

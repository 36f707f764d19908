import { createConnection, type Socket } from 'node:net';

/*
 * A small client of clamd's INSTREAM command (ClamAV's daemon, Debian's clamav-daemon): the bytes go in
 * chunks, each with its length as 4 bytes big-endian, then a zero length; clamd answers `stream: OK` or
 * `stream: <signature> FOUND`. Any other answer, or a connection that fails, is "no verdict" (try later).
 */

/** clamd's verdict on some bytes. */
export type ScanVerdict = { infected: false } | { infected: true; finding: string };

/** A clamd address: `tcp://host:port` or `unix:///path/to/clamd.ctl`. */
export interface ClamdAddress {
  host?: string;
  port?: number;
  socketPath?: string;
}

/** Reads CLAMAV_URL; null when it is not an address clamd can listen on. */
export function parseClamavUrl(value: string): ClamdAddress | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol === 'tcp:' && url.hostname && url.port) return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) };
  if (url.protocol === 'unix:' && url.pathname) return { socketPath: url.pathname };
  return null;
}

/** Pieces the bytes are sent in (clamd's StreamMaxLength bounds the total, 100 MB by default). */
const PIECE_BYTES = 64 * 1024;

/** Asks clamd about `bytes`; rejects when clamd cannot be reached or gives no verdict within `timeoutMs`. */
export function scanBytes(address: ClamdAddress, bytes: Buffer, timeoutMs: number): Promise<ScanVerdict> {
  return new Promise((resolve, reject) => {
    const socket: Socket = address.socketPath
      ? createConnection({ path: address.socketPath })
      : createConnection({ host: address.host!, port: address.port! });
    const answer: Buffer[] = [];
    let settled = false;
    const finish = (error: Error | null, verdict?: ScanVerdict) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (error) reject(error);
      else resolve(verdict!);
    };
    socket.setTimeout(timeoutMs, () => finish(new Error('clamd gave no answer in time')));
    socket.on('error', (error) => finish(error));
    socket.on('data', (chunk: Buffer) => answer.push(chunk));
    socket.on('end', () => {
      // `z` commands are answered with a NUL-terminated line.
      const line = Buffer.concat(answer).toString('utf8').replace(/\0+$/, '').trim();
      if (/^stream: OK$/.test(line)) return finish(null, { infected: false });
      const found = /^stream: (.+) FOUND$/.exec(line);
      if (found) return finish(null, { infected: true, finding: found[1].slice(0, 200) });
      finish(new Error(`clamd answered: ${line.slice(0, 200) || 'nothing'}`));
    });
    socket.on('connect', () => {
      socket.write('zINSTREAM\0');
      for (let at = 0; at < bytes.length; at += PIECE_BYTES) {
        const piece = bytes.subarray(at, at + PIECE_BYTES);
        const length = Buffer.alloc(4);
        length.writeUInt32BE(piece.length, 0);
        socket.write(length);
        socket.write(piece);
      }
      socket.end(Buffer.alloc(4));
    });
  });
}

import { createHash, randomUUID, type Hash } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLError } from 'graphql';
import { ErrorCode } from './errors';
import { errorBody } from './server';
import type { Viewer } from './auth';

/*
 * Upload bodies read as they arrive: a multipart/form-data reader that hands a file's bytes on chunk by
 * chunk (never the whole file in memory), and the reading-out of a refused body, so that a client that is
 * still sending receives the refusal instead of a broken pipe.
 */

/**
 * Reads and drops what is left of a request body, up to `limit` bytes: true once the body has ended,
 * false when it is longer (the caller then closes the connection after its answer). A client that is
 * still sending when the server answers and closes gets EPIPE instead of the answer (Node's fetch does).
 */
export function discardBody(raw: IncomingMessage, limit: number): Promise<boolean> {
  if (raw.readableEnded || raw.complete) return Promise.resolve(true);
  // A body announced longer than the bound is not worth reading.
  if (raw.destroyed || Number(raw.headers['content-length'] ?? 0) > limit) return Promise.resolve(false);
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (ended: boolean) => {
      raw.off('data', onData);
      raw.off('end', onEnd);
      raw.off('error', onError);
      raw.off('close', onClose);
      if (!ended) raw.pause();
      resolve(ended);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limit) finish(false);
    };
    const onEnd = () => finish(true);
    const onError = () => finish(false);
    const onClose = () => finish(raw.complete);
    raw.unpipe();
    raw.on('data', onData);
    raw.once('end', onEnd);
    raw.once('error', onError);
    raw.once('close', onClose);
    raw.resume();
  });
}

/** A body that is not the multipart/form-data it claims to be, or breaks one of its bounds. */
export class MultipartError extends Error {
  constructor(
    message: string,
    /** True when the body went past the largest size allowed. */
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

/** One part of a multipart body, as its headers name it. */
export interface MultipartPart {
  name: string;
  /** Present for a file; `undefined` for a plain field. */
  fileName?: string;
}

export interface MultipartOptions {
  /** The request's Content-Type (it carries the boundary). */
  contentType: string | undefined;
  /** The file field read; another file part is refused. */
  fileField: string;
  /** Receives the file's bytes in order, chunk by chunk; the next chunk waits for its promise. */
  onFileData(chunk: Buffer): Promise<void> | void;
  /** The largest body, envelope included. */
  maxBytes: number;
  /** The largest value of a plain field (a name, an id). */
  maxFieldBytes: number;
  /** At most this many parts. */
  maxParts: number;
}

export interface MultipartResult {
  /** The file part's name as the client gave it, or null when there was no file part. */
  file: { fileName: string } | null;
  /** The plain fields (the first value of each name). */
  fields: Map<string, string>;
}

/** The longest part header block read (names, file name, type): anything larger is not a browser's upload. */
const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');

function boundaryOf(contentType: string | undefined): string | null {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2]) : null;
}

/** `name` and `filename` of a part's Content-Disposition (as browsers and undici quote them). */
function dispositionOf(headers: string): MultipartPart | null {
  const line = headers.split('\r\n').find((l) => /^content-disposition\s*:/i.test(l));
  if (!line || !/:\s*form-data\s*(;|$)/i.test(line)) return null;
  const parameter = (key: string) => {
    const match = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(line) ?? new RegExp(`;\\s*${key}=([^\\s;"]+)`, 'i').exec(line);
    return match ? match[1].replace(/\\(.)/g, '$1') : undefined;
  };
  const name = parameter('name');
  if (name === undefined) return null;
  const fileName = parameter('filename');
  return { name, fileName: fileName === undefined ? undefined : Buffer.from(fileName, 'latin1').toString('utf8') };
}

/**
 * Reads a multipart/form-data body as it arrives: the file part's bytes go to `onFileData` chunk by chunk,
 * the plain fields (small, bounded) are kept. Memory stays at a chunk and the boundary, whatever the file's
 * size. Throws MultipartError for a body that is not a readable upload or passes a bound. The stream is
 * not destroyed when reading stops early: what is left can still be read out.
 */
export async function readMultipart(body: Readable, options: MultipartOptions): Promise<MultipartResult> {
  const boundary = boundaryOf(options.contentType);
  if (!boundary) throw new MultipartError('The body is not multipart/form-data with a boundary');
  // Every delimiter but the first follows a CRLF; reading starts as if one came before the body.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const fields = new Map<string, string>();
  let file: MultipartResult['file'] = null;
  // An object, not a variable: the steps below change it inside a closure.
  const parser: { state: 'preamble' | 'after-delimiter' | 'headers' | 'content' | 'done' } = { state: 'preamble' };
  let pending: Buffer = CRLF;
  let part: MultipartPart | null = null;
  let fieldBytes: Buffer[] = [];
  let fieldLength = 0;
  let parts = 0;
  let total = 0;

  const content = async (bytes: Buffer) => {
    if (bytes.length === 0 || !part) return;
    if (part.fileName !== undefined) {
      await options.onFileData(bytes);
      return;
    }
    fieldLength += bytes.length;
    if (fieldLength > options.maxFieldBytes) throw new MultipartError(`The field "${part.name.slice(0, 50)}" is too long`);
    fieldBytes.push(bytes);
  };
  const endPart = () => {
    if (part && part.fileName === undefined && !fields.has(part.name)) fields.set(part.name, Buffer.concat(fieldBytes).toString('utf8'));
    part = null;
    fieldBytes = [];
    fieldLength = 0;
  };

  // Consumes what `pending` holds as far as it can; returns when it needs more bytes.
  const advance = async () => {
    for (;;) {
      if (parser.state === 'preamble' || parser.state === 'content') {
        const at = pending.indexOf(delimiter);
        if (at < 0) {
          // Keep what could be the start of a delimiter split between two chunks.
          const keep = Math.min(pending.length, delimiter.length - 1);
          if (parser.state === 'content') await content(pending.subarray(0, pending.length - keep));
          pending = pending.subarray(pending.length - keep);
          return;
        }
        if (parser.state === 'content') {
          await content(pending.subarray(0, at));
          endPart();
        }
        pending = pending.subarray(at + delimiter.length);
        parser.state = 'after-delimiter';
      } else if (parser.state === 'after-delimiter') {
        if (pending.length < 2) return;
        if (pending[0] === 0x2d && pending[1] === 0x2d) {
          parser.state = 'done';
          return;
        }
        const lineEnd = pending.indexOf(CRLF);
        if (lineEnd < 0) {
          if (pending.length > 256) throw new MultipartError('The body is not a readable multipart/form-data upload');
          return;
        }
        // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
        if (!/^[ \t]*$/.test(pending.toString('latin1', 0, lineEnd))) throw new MultipartError('The body is not a readable multipart/form-data upload');
        pending = pending.subarray(lineEnd + 2);
        parser.state = 'headers';
      } else if (parser.state === 'headers') {
        const end = pending.indexOf(HEADERS_END);
        if (end < 0) {
          if (pending.length > MAX_HEADER_BYTES) throw new MultipartError('A part of the body has too long headers');
          return;
        }
        part = dispositionOf(pending.toString('latin1', 0, end));
        if (!part) throw new MultipartError('A part of the body has no form-data name');
        parts += 1;
        if (parts > options.maxParts) throw new MultipartError(`The body has more than ${options.maxParts} parts`);
        if (part.fileName !== undefined) {
          if (part.name !== options.fileField || file) throw new MultipartError(`Attach one file only, as the field "${options.fileField}"`);
          file = { fileName: part.fileName };
        }
        pending = pending.subarray(end + HEADERS_END.length);
        parser.state = 'content';
      } else {
        return;
      }
    }
  };

  for await (const chunk of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > options.maxBytes) throw new MultipartError(`Request body too large: at most ${options.maxBytes} bytes`, true);
    if (parser.state === 'done') continue;
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    await advance();
  }
  if (parser.state !== 'done') throw new MultipartError('The body ends before its closing boundary');
  return { file, fields };
}

/** Received bytes are written to the spool file in pieces of this size. */
const SPOOL_WRITE_BYTES = 256 * 1024;

/**
 * An upload written to a temporary file as it arrives, hashed (SHA-256) on the way: the process holds a
 * chunk of it at a time, never the file. Read back by position; removed afterwards (`remove`, on every path).
 * Shared by the certification documents and the complainants' evidence, which add how they read it back.
 */
export class SpoolFile {
  sha256 = '';
  sizeBytes = 0;
  private readonly hash: Hash = createHash('sha256');
  /** Bytes received but not yet written: written together once they make SPOOL_WRITE_BYTES (fewer trips to the disk). */
  private unwritten: Buffer[] = [];
  private unwrittenBytes = 0;
  private writtenBytes = 0;

  protected constructor(
    private readonly file: FileHandle,
    /** Where the file is, for tools that read it themselves. */
    readonly filePath: string,
  ) {}

  /** A new, empty file in `folder`, readable by this process's user only. */
  protected static async openIn(folder: string): Promise<{ file: FileHandle; filePath: string }> {
    const filePath = path.join(folder, `icoca-upload-${randomUUID()}`);
    return { file: await open(filePath, 'wx+', 0o600), filePath };
  }

  /** A new, empty spool file in `folder`. */
  static async create(folder: string): Promise<SpoolFile> {
    const { file, filePath } = await SpoolFile.openIn(folder);
    return new SpoolFile(file, filePath);
  }

  async write(chunk: Buffer): Promise<void> {
    this.hash.update(chunk);
    this.sizeBytes += chunk.length;
    this.unwritten.push(chunk);
    this.unwrittenBytes += chunk.length;
    if (this.unwrittenBytes >= SPOOL_WRITE_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    const bytes = this.unwritten.length === 1 ? this.unwritten[0] : Buffer.concat(this.unwritten);
    this.unwritten = [];
    this.unwrittenBytes = 0;
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await this.file.write(bytes, written, bytes.length - written, this.writtenBytes + written);
      written += bytesWritten;
    }
    this.writtenBytes += bytes.length;
  }

  /** Every byte has arrived: written, and the hash final. */
  async finish(): Promise<void> {
    await this.flush();
    this.sha256 = this.hash.digest('hex');
  }

  /** Up to `length` bytes from `position` (fewer at the end of the file). */
  async read(position: number, length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(Math.max(0, Math.min(length, this.sizeBytes - position)));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await this.file.read(buffer, filled, buffer.length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  }

  /** Closes and deletes the file (whether or not it was stored). */
  async remove(): Promise<void> {
    await this.file.close().catch(() => undefined);
    await rm(this.filePath, { force: true });
  }
}

/** A file name safe to store and to send back in Content-Disposition: no folders, no control characters, at most 200 characters. */
export function safeFileName(name: string | undefined, fallback = 'document'): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\p{Cc}\p{Cf}"]/gu, '').trim().slice(0, 200);
  return cleaned || fallback;
}

/** `Content-Disposition: attachment` with a plain ASCII name for old clients and the exact one (RFC 6266) for the others. */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** How many uploads one process receives at once: a slot is taken, or refused, before the body is read. */
export function uploadSlots(limit: number) {
  let taken = 0;
  return {
    take: () => (taken < limit ? ((taken += 1), true) : false),
    release: () => {
      taken -= 1;
    },
  };
}

/*
 * A subgraph's file routes (certification's documents, complaints' evidence) answer alike: the same refusals,
 * the same reading of a streamed multipart body, the same headers on a file served.
 */

/** Seconds a client is told to wait when every upload slot is taken. */
export const BUSY_RETRY_AFTER_SECONDS = 5;

/** A file route's refusal, in the GraphQL error format, never cached; `extensions` are added to the code. */
export function refuseFile(reply: FastifyReply, status: number, code: string, message: string, extensions: Record<string, unknown> = {}) {
  const body = errorBody(code, message);
  Object.assign(body.errors[0].extensions, extensions);
  return reply.code(status).header('cache-control', 'no-store').send(body);
}

/** The caller, or null once a bad token was refused (401). */
export async function callerOf(request: FastifyRequest, reply: FastifyReply, viewerOf: (request: FastifyRequest) => Promise<Viewer>) {
  try {
    return await viewerOf(request);
  } catch (error) {
    await refuseFile(reply, 401, ErrorCode.Unauthenticated, (error as GraphQLError).message);
    return null;
  }
}

/**
 * Lets `scope` (a scope of its own) take multipart bodies as streams, read by the route as they arrive, never
 * buffered whole; returns the `onSend` hook of its upload route: a refusal given before the body was read
 * reads it out first (up to twice `bodyLimit`), so the client, still sending, gets the answer; past the
 * bound the connection closes after it.
 */
export function streamedUploads(scope: FastifyInstance, bodyLimit: number) {
  scope.addContentTypeParser('multipart/form-data', (_request, payload, done) => done(null, payload));
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!(await discardBody(request.raw, 2 * bodyLimit))) reply.header('connection', 'close');
    return payload;
  };
}

/** The upload's declared length is past `limit` (a body without one is bounded as it is read). */
export const declaredTooLarge = (request: FastifyRequest, limit: number) => Number(request.headers['content-length'] ?? 0) > limit;

/** Refuses an upload when every slot is taken (503, with Retry-After); `what` says what there are too many of. */
export function refuseBusy(reply: FastifyReply, what: string) {
  reply.header('retry-after', String(BUSY_RETRY_AFTER_SECONDS));
  return refuseFile(reply, 503, ErrorCode.Unavailable, `Too many ${what}; try again in ${BUSY_RETRY_AFTER_SECONDS} s`);
}

/** The request's multipart form, its file handed on as it arrives; null once refused (413 too large, 400 malformed). */
export async function receiveForm(request: FastifyRequest, reply: FastifyReply, options: Omit<MultipartOptions, 'contentType'>): Promise<MultipartResult | null> {
  try {
    return await readMultipart(request.body as Readable, { contentType: request.headers['content-type'], ...options });
  } catch (error) {
    if (!(error instanceof MultipartError)) throw error;
    if (error.tooLarge) await refuseFile(reply, 413, 'BAD_REQUEST', error.message);
    else await refuseFile(reply, 400, ErrorCode.BadUserInput, error.message);
    return null;
  }
}

/** Serves a stored file as an attachment: never cached, never sniffed; `headers` are added after these. */
export function sendAttachment(
  reply: FastifyReply,
  file: { contentType: string; sizeBytes: number; fileName: string },
  body: unknown,
  headers: Record<string, string> = {},
) {
  reply
    .header('content-type', file.contentType)
    .header('content-length', String(file.sizeBytes))
    .header('content-disposition', attachmentDisposition(file.fileName))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff');
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  return reply.send(body);
}

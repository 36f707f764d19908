import { createWriteStream, type WriteStream } from 'node:fs';
import { traceFields } from './tracing';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * Structured JSON logger: one line per event, with the fields bound by `child` (service, request id)
 * and, when tracing is on, `trace_id` and `span_id`.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  service: string;
  level: LogLevel;
  /** Append to this file instead of standard output. */
  file?: string;
  /** Write to standard error (a script whose standard output is its result). */
  standardError?: boolean;
}

const streams = new Map<string, WriteStream>();

export function createLogger(options: LoggerOptions): Logger {
  let write: (line: string) => void;
  if (options.file) {
    let stream = streams.get(options.file);
    if (!stream) {
      stream = createWriteStream(options.file, { flags: 'a' });
      streams.set(options.file, stream);
    }
    const target = stream;
    write = (line) => target.write(line);
  } else if (options.standardError) {
    write = (line) => process.stderr.write(line);
  } else {
    write = (line) => process.stdout.write(line);
  }
  return new JsonLogger(write, RANK[options.level], undefined, { service: options.service });
}

/** Whether a logger set to `configured` writes lines of `level`. */
export function logsAt(configured: LogLevel, level: Exclude<LogLevel, 'silent'>): boolean {
  return RANK[level] >= RANK[configured];
}

/**
 * A logger and the fields it binds. Every request makes children (its id, its caller), most of which
 * never write a line at the levels production runs: a child only keeps its parent and its own fields,
 * and merges them the first time it writes.
 */
class JsonLogger implements Logger {
  private merged?: Record<string, unknown>;

  constructor(
    private readonly write: (line: string) => void,
    private readonly threshold: number,
    private readonly parent: JsonLogger | undefined,
    private readonly fields: Record<string, unknown>,
  ) {}

  private bound(): Record<string, unknown> {
    return (this.merged ??= this.parent ? { ...this.parent.bound(), ...this.fields } : this.fields);
  }

  private log(level: Exclude<LogLevel, 'silent'>, message: string, fields?: Record<string, unknown>): void {
    if (RANK[level] < this.threshold) return;
    // The trace and span of the work in progress, when tracing is on: a log line leads to its trace.
    this.write(`${JSON.stringify({ time: new Date().toISOString(), level, ...this.bound(), ...traceFields(), message, ...fields })}\n`);
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    this.log('debug', message, fields);
  }

  info(message: string, fields?: Record<string, unknown>): void {
    this.log('info', message, fields);
  }

  warn(message: string, fields?: Record<string, unknown>): void {
    this.log('warn', message, fields);
  }

  error(message: string, fields?: Record<string, unknown>): void {
    this.log('error', message, fields);
  }

  child(fields: Record<string, unknown>): Logger {
    return new JsonLogger(this.write, this.threshold, this, fields);
  }
}

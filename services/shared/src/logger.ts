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
  const threshold = RANK[options.level];
  const make = (bound: Record<string, unknown>): Logger => {
    const log = (level: Exclude<LogLevel, 'silent'>) => (message: string, fields?: Record<string, unknown>) => {
      if (RANK[level] < threshold) return;
      // The trace and span of the work in progress, when tracing is on: a log line leads to its trace.
      write(`${JSON.stringify({ time: new Date().toISOString(), level, ...bound, ...traceFields(), message, ...fields })}\n`);
    };
    return {
      debug: log('debug'),
      info: log('info'),
      warn: log('warn'),
      error: log('error'),
      child: (fields) => make({ ...bound, ...fields }),
    };
  };
  return make({ service: options.service });
}

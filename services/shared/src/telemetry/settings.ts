import path from 'node:path';
import { z } from 'zod';
import { flag, parseEnvironment } from '../config';

/**
 * Tracing settings, read by the preload before anything else of the process: the standard OTel
 * variables (the exporter reads the rest itself, e.g. OTEL_EXPORTER_OTLP_HEADERS) and our resolver depth.
 */
const unsetWhenEmpty = (value: unknown) => (value === '' ? undefined : value);
export const tracingEnvironment = z.object({
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(unsetWhenEmpty, z.string().url().optional()),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.preprocess(unsetWhenEmpty, z.string().url().optional()),
  OTEL_EXPORTER_OTLP_PROTOCOL: z.preprocess(
    unsetWhenEmpty,
    z.enum(['http/protobuf', 'http/json'], { message: 'must be http/protobuf or http/json (OTLP over HTTP)' }).optional(),
  ),
  OTEL_SERVICE_NAME: z.preprocess(unsetWhenEmpty, z.string().min(1).optional()),
  OTEL_SDK_DISABLED: flag.optional(),
  TRACING_RESOLVER_DEPTH: z.coerce.number().int().min(0).max(20).default(1),
  TRACING_SAMPLE_RATIO: z.coerce.number().min(0).max(1).default(1),
});

export interface TracingSettings {
  serviceName: string;
  protocol: 'http/protobuf' | 'http/json';
  /** Resolver spans down to this depth of the operation (1: root fields only; 0: none). */
  resolverDepth: number;
  /** The share of requests arriving without a sampled `traceparent` that start a trace. */
  sampleRatio: number;
}

/** `gateway`, or the subgraph's name, from the entry script (`.../services/<name>/src/main.js`, `.../gateway/src/main.js`). */
export function serviceNameOf(script: string | undefined): string {
  const parts = path.resolve(script ?? '').split(path.sep);
  const src = parts.lastIndexOf('src');
  if (src >= 1 && parts[src - 1] === 'gateway') return 'gateway';
  if (src >= 2 && parts[src - 2] === 'services') return parts[src - 1];
  return 'icoca-graph';
}

/** The settings when traces are to be exported (an OTLP endpoint is set and the SDK not disabled), else null. */
export function tracingSettings(env: NodeJS.ProcessEnv, script: string | undefined): TracingSettings | null {
  const parsed = parseEnvironment(tracingEnvironment, env, 'tracing');
  if (!parsed.OTEL_EXPORTER_OTLP_ENDPOINT && !parsed.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return null;
  if (parsed.OTEL_SDK_DISABLED) return null;
  return {
    serviceName: parsed.OTEL_SERVICE_NAME ?? serviceNameOf(script),
    protocol: parsed.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf',
    resolverDepth: parsed.TRACING_RESOLVER_DEPTH,
    sampleRatio: parsed.TRACING_SAMPLE_RATIO,
  };
}

import { OTLPTraceExporter as OTLPJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OTLPProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { MySQL2Instrumentation } from '@opentelemetry/instrumentation-mysql2';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { SpanKind } from '@opentelemetry/api';
import { NodeSDK, tracing } from '@opentelemetry/sdk-node';
import { registerTracing } from '../tracing';
import { maskStatement, redactAttributes, withoutQuery, withoutQuotedValues } from './redaction';
import type { TracingSettings } from './settings';

/** Probes and scrapes are not requests worth a trace (one every few seconds per process). */
function isProbe(path: string | undefined): boolean {
  return !!path && /^\/(health|metrics)(\/|\?|$)/.test(path);
}

/**
 * A trace starts with a request the process serves (a share `ratio` of them, unless the caller's
 * `traceparent` decided already). Work outside any request (building the schema at start,
 * migrations, readiness probes, background jobs) would make traces of a span or two each: not kept.
 */
function requestsOnly(ratio: number): tracing.Sampler {
  const share = new tracing.TraceIdRatioBasedSampler(ratio);
  return new tracing.ParentBasedSampler({
    root: {
      shouldSample: (context, traceId, _name, kind) =>
        kind === SpanKind.SERVER ? share.shouldSample(context, traceId) : { decision: tracing.SamplingDecision.NOT_RECORD },
      toString: () => `RequestsOnly(${ratio})`,
    },
  });
}

/** A span as it may leave the process (see redaction.ts); everything else is read through to the original. */
function redacted(span: tracing.ReadableSpan): tracing.ReadableSpan {
  return Object.create(span, {
    attributes: { value: redactAttributes(span.attributes) },
    events: { value: span.events.map((event) => ({ ...event, attributes: event.attributes && redactAttributes(event.attributes) })) },
    status: { value: span.status.message ? { ...span.status, message: withoutQuotedValues(span.status.message) } : span.status },
  }) as tracing.ReadableSpan;
}

/** Redacts every span on its way to the real exporter, whatever instrumentation made it. */
class RedactingExporter implements tracing.SpanExporter {
  constructor(private readonly inner: tracing.SpanExporter) {}
  export(spans: tracing.ReadableSpan[], done: Parameters<tracing.SpanExporter['export']>[1]): void {
    this.inner.export(spans.map(redacted), done);
  }
  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

/**
 * Starts the OpenTelemetry SDK of this process: W3C trace context in and out of every HTTP request,
 * spans for incoming requests, calls made with undici (the gateway's subgraph fetches, a subgraph's
 * calls to another), GraphQL parsing, validation and resolvers (down to `resolverDepth`), and MySQL
 * statements with their text only; exported over OTLP/HTTP in batches. Metrics and logs do not go
 * through OTel (Prometheus and JSON lines do that).
 */
export function startTracing(settings: TracingSettings): void {
  const exporter = settings.protocol === 'http/json' ? new OTLPJsonTraceExporter() : new OTLPProtobufTraceExporter();
  const sdk = new NodeSDK({
    serviceName: settings.serviceName,
    sampler: requestsOnly(settings.sampleRatio),
    spanProcessors: [new tracing.BatchSpanProcessor(new RedactingExporter(exporter))],
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => isProbe(request.url),
        // `POST /graphql` rather than a bare `POST` for the requests a process serves.
        requestHook: (span, request) => {
          if (!('path' in request) && request.url) span.updateName(`${request.method} ${withoutQuery(request.url)}`);
        },
      }),
      new UndiciInstrumentation({ ignoreRequestHook: (request) => isProbe(request.path) }),
      new GraphQLInstrumentation({
        depth: settings.resolverDepth,
        mergeItems: true,
        ignoreTrivialResolveSpans: true,
        allowValues: false,
      }),
      new MySQL2Instrumentation({ maskStatement: true, maskStatementHook: (sql) => maskStatement(sql, 'mysql') }),
    ],
  });
  sdk.start();
  registerTracing({ shutdown: () => sdk.shutdown() });
}

import { describe, expect, it } from 'vitest';
import { CappedLabel, outcomeOf } from '../services/shared/src/metrics';
import { maskStatement, redactAttributes, withoutQuery, withoutQuotedValues } from '../services/shared/src/telemetry/redaction';
import { serviceNameOf, tracingSettings } from '../services/shared/src/telemetry/settings';

/** The rules behind what spans may carry and which label values metrics keep, without a process. */
describe('what a span may carry', () => {
  it('keeps a statement\'s text and masks any literal written into it, quoting as each engine does', () => {
    expect(maskStatement(`SELECT "o"."id" FROM "organization" "o" WHERE "o"."name" = 'Aegis' LIMIT 21`, 'sqlite')).toBe(
      'SELECT "o"."id" FROM "organization" "o" WHERE "o"."name" = ? LIMIT ?',
    );
    expect(maskStatement('SELECT `o`.`id` FROM `organization` `o` WHERE `o`.`name` = "Aegis" AND `o`.`id` IN (?, ?)', 'mysql')).toBe(
      'SELECT `o`.`id` FROM `organization` `o` WHERE `o`.`name` = ? AND `o`.`id` IN (?, ?)',
    );
    expect(maskStatement(`INSERT INTO t2 (a) VALUES ('it''s', 3.5)`, 'sqlite')).toBe('INSERT INTO t2 (a) VALUES (?, ?)');
  });

  it('drops query strings, documents and quoted values from attributes, and leaves the rest', () => {
    expect(withoutQuery('/graphql?query=q&variables=%7B%22code%22%3A%22X%22%7D')).toBe('/graphql');
    expect(withoutQuotedValues('Int cannot represent non-integer value: "Zephyrine"')).toBe('Int cannot represent non-integer value: "…"');
    expect(
      redactAttributes({
        'url.full': 'http://gateway/graphql?variables=secret',
        'url.query': 'variables=secret',
        'graphql.document': 'query { x(name: "secret") }',
        'db.system.name': 'sqlite',
        'db.query.text': "SELECT 1 WHERE a = 'secret'",
        'exception.message': 'found "secret"',
        'graphql.operation.name': 'FollowUp',
        'http.response.status_code': 200,
      }),
    ).toEqual({
      'url.full': 'http://gateway/graphql',
      'db.system.name': 'sqlite',
      'db.query.text': 'SELECT ? WHERE a = ?',
      'exception.message': 'found "…"',
      'graphql.operation.name': 'FollowUp',
      'http.response.status_code': 200,
    });
  });
});

describe('tracing settings', () => {
  it('is off without an OTLP endpoint, and names each process after its entry script', () => {
    expect(tracingSettings({}, '/app/dist/gateway/src/main.js')).toBeNull();
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: '' }, '/app/dist/gateway/src/main.js')).toBeNull();
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' }, undefined)).toBeNull();
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }, '/app/dist/services/complaints/src/main.js')).toEqual({
      serviceName: 'complaints',
      protocol: 'http/protobuf',
      resolverDepth: 1,
      sampleRatio: 1,
    });
    expect(serviceNameOf('/app/dist/gateway/src/main.js')).toBe('gateway');
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SERVICE_NAME: 'edge-1' }, undefined)?.serviceName).toBe('edge-1');
  });

  it('refuses a protocol it cannot export with, naming the variable', () => {
    expect(() => tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, undefined)).toThrow(
      /OTEL_EXPORTER_OTLP_PROTOCOL: must be http\/protobuf or http\/json/,
    );
  });
});

describe('metric labels', () => {
  it('keeps the first names up to the cap and pools the rest as (other)', () => {
    const names = new CappedLabel(2);
    expect(['A', 'B', 'C', 'A', 'D', 'B'].map((n) => names.valueOf(n))).toEqual(['A', 'B', '(other)', 'A', '(other)', 'B']);
  });

  it('tells the caller\'s errors from the graph\'s', () => {
    expect(outcomeOf(undefined)).toBe('ok');
    expect(outcomeOf([{ extensions: { code: 'BAD_USER_INPUT' } }, { extensions: { code: 'NOT_FOUND' } }])).toBe('client_error');
    expect(outcomeOf([{ extensions: { code: 'NOT_FOUND' } }, { extensions: { code: 'SERVICE_UNAVAILABLE' } }])).toBe('server_error');
    expect(outcomeOf([{ extensions: {} }])).toBe('server_error');
  });
});

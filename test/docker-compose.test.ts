import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SUBGRAPHS } from '../services/subgraphs';

/**
 * Docker is not available where the tests run, so docker-compose.yml is checked against the code:
 * services exist, every variable it sets is one the code reads, ports and URLs agree.
 */
interface ComposeService {
  build?: string;
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** Every environment variable name the services and the gateway read (zod schema keys, env.X, env['X']). */
function variablesReadByCode(): Set<string> {
  const names = new Set<string>();
  const patterns = [
    /^\s*([A-Z][A-Z0-9_]+):\s*(?:z\b|flag\b|secret\b|environment\b|logLevel\b)/gm,
    /\benv\.([A-Z][A-Z0-9_]+)/g,
    /\benv\[['"`]([A-Z][A-Z0-9_]+)['"`]\]/g,
  ];
  for (const file of [...sourceFiles('services'), ...sourceFiles('gateway')]) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) names.add(match[1]);
    // The gateway reads <SUBGRAPH>_URL and <SUBGRAPH>_GATEWAY_SECRET built from the subgraph names.
    if (file.endsWith(path.join('gateway', 'src', 'config.ts'))) {
      for (const { definition } of SUBGRAPHS) {
        if (text.includes('`${prefix}_URL`')) names.add(`${definition.name.toUpperCase()}_URL`);
        if (text.includes('`${prefix}_GATEWAY_SECRET`')) names.add(`${definition.name.toUpperCase()}_GATEWAY_SECRET`);
      }
    }
  }
  return names;
}

const portOf = (service: ComposeService) => Number(service.environment?.PORT);
/** Every service runs the telemetry preload before its own code. */
const PRELOAD = './dist/services/shared/src/telemetry/preload.js';

describe('docker-compose.yml', () => {
  it('defines MySQL 8.4, the gateway and one service per subgraph, built from the Dockerfile', () => {
    expect(services.mysql.image).toBe('mysql:8.4');
    expect(existsSync('Dockerfile')).toBe(true);
    for (const { definition, main } of SUBGRAPHS) {
      const service = services[definition.name];
      expect(service, `no service for the ${definition.name} subgraph`).toBeDefined();
      expect(service.build).toBe('.');
      expect(service.command).toEqual(['node', '--require', PRELOAD, `dist/${main}.js`]);
      expect(existsSync(`${main}.ts`)).toBe(true);
    }
    expect(services.gateway.command).toEqual(['node', '--require', PRELOAD, 'dist/gateway/src/main.js']);
    expect(existsSync(PRELOAD.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts'))).toBe(true);
    expect(existsSync('gateway/src/main.ts')).toBe(true);
    expect(services.redis.image).toMatch(/^redis:7/);
    // ClamAV's daemon (its image runs freshclam), which the complaints subgraph asks about complainants' evidence.
    expect(services.clamav.image).toMatch(/^clamav\/clamav:/);
    expect(services.complaints.environment?.CLAMAV_URL).toBe('tcp://clamav:3310');
    const known = new Set(['mysql', 'redis', 'clamav', 'gateway', ...SUBGRAPHS.map((s) => s.definition.name)]);
    expect(Object.keys(services).filter((name) => !known.has(name))).toEqual([]);
  });

  it('sets only environment variables the code reads', () => {
    const read = variablesReadByCode();
    for (const [name, service] of Object.entries(services)) {
      if (name === 'mysql' || name === 'redis') continue;
      const unknown = Object.keys(service.environment ?? {}).filter((variable) => !read.has(variable));
      expect(unknown, `${name} sets variables no code reads`).toEqual([]);
    }
  });

  it('agrees on ports and addresses: subgraph ports, gateway URLs, health checks, the published port', () => {
    for (const { definition, port } of SUBGRAPHS) {
      const service = services[definition.name];
      expect(portOf(service)).toBe(port);
      expect(service.healthcheck?.test.join(' ')).toContain(`http://localhost:${port}/health/ready`);
      expect(services.gateway.environment?.[`${definition.name.toUpperCase()}_URL`]).toBe(
        `http://${definition.name}:${port}/graphql`,
      );
      for (const [other, otherService] of Object.entries(services)) {
        const url = otherService.environment?.[`${definition.name.toUpperCase()}_URL`];
        if (url) expect(url, `${other} points at ${definition.name}`).toBe(`http://${definition.name}:${port}/graphql`);
      }
    }
    expect(portOf(services.gateway)).toBe(4000);
    expect(services.gateway.ports).toEqual(['4000:4000']);
    expect(services.gateway.healthcheck?.test.join(' ')).toContain('http://localhost:4000/health/ready');
  });

  it('serves metrics on a port of their own that is never published, and passes the collector to every service', () => {
    for (const name of ['gateway', ...SUBGRAPHS.map((s) => s.definition.name)]) {
      const env = services[name].environment ?? {};
      expect(Number(env.METRICS_PORT), name).toBeGreaterThan(0);
      expect(Number(env.METRICS_PORT), name).not.toBe(portOf(services[name]));
      expect((services[name].ports ?? []).join(' '), name).not.toContain(String(env.METRICS_PORT));
      expect(env.OTEL_EXPORTER_OTLP_ENDPOINT, name).toBe('${OTEL_EXPORTER_OTLP_ENDPOINT:-}');
    }
  });

  it('gives each subgraph its own database and user, and its own gateway secret shared with the gateway', () => {
    const init = readFileSync('docker/mysql-init.sh', 'utf8');
    for (const { definition } of SUBGRAPHS) {
      const name = definition.name;
      const env = services[name].environment ?? {};
      expect(env.DATABASE_URL).toMatch(new RegExp(`^mysql://${name}:\\$\\{${name.toUpperCase()}_DB_PASSWORD\\}@mysql:3306/${name}$`));
      expect(init).toContain(name);
      expect(env.NODE_ENV).toBe('production');
      // `${X:?message}` and `${X}` name the same variable.
      const variable = (value: string | undefined) => value?.replace(/:\?.*\}$/, '}');
      expect(variable(env.GATEWAY_SECRET)).toBe(`\${${name.toUpperCase()}_GATEWAY_SECRET}`);
      expect(variable(services.gateway.environment?.[`${name.toUpperCase()}_GATEWAY_SECRET`])).toBe(variable(env.GATEWAY_SECRET));
    }
  });

  it('starts in order: MySQL healthy, then the subgraphs healthy, then the gateway (with its Redis)', () => {
    for (const { definition } of SUBGRAPHS) {
      expect(services[definition.name].depends_on).toEqual({ mysql: { condition: 'service_healthy' } });
      expect(services.gateway.depends_on?.[definition.name]).toEqual({ condition: 'service_healthy' });
    }
    expect(services.mysql.healthcheck?.test.join(' ')).toContain('mysqladmin ping');
    expect(services.gateway.depends_on?.redis).toEqual({ condition: 'service_healthy' });
    expect(services.gateway.environment?.RATE_LIMIT_REDIS_URL).toBe('redis://redis:6379');
  });

  it('gives every service longer than its shutdown grace period to stop before Docker kills it', () => {
    for (const name of ['gateway', ...SUBGRAPHS.map((s) => s.definition.name)]) {
      expect((services[name] as { stop_grace_period?: string }).stop_grace_period, name).toBe('20s');
    }
  });
});

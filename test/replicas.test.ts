import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { loadSubgraphConfig, startSubgraph } from '../services/shared/src';
import { SUBGRAPHS } from '../services/subgraphs';
import { createMysqlDatabase, MYSQL_SERVER_URL } from './support/databases';

/**
 * Replicas that start together: two replicas of each subgraph, started at the same moment on a fresh,
 * empty MariaDB database, take turns to migrate (a named lock of the server): both start, without an
 * error, on one schema with each migration applied once.
 */
describe.skipIf(!MYSQL_SERVER_URL)('two replicas starting at once on a fresh MariaDB database', () => {
  it.each(SUBGRAPHS.map((s) => [s.definition.name, s] as const))('%s: both start, one schema, each migration once', async (_name, { definition }) => {
    const db = await createMysqlDatabase(`replicas_${definition.name}`);
    const env = { NODE_ENV: 'test', PORT: '0', DATABASE_URL: db.url, SAMPLE_DATA: 'false', LOG_LEVEL: 'silent' };
    try {
      const replicas = await Promise.all([0, 1].map(() => startSubgraph(definition, loadSubgraphConfig(definition.name, 0, env))));
      try {
        const connection = await mysql.createConnection(db.url);
        try {
          const [applied] = (await connection.query('SELECT name, COUNT(*) AS times FROM schema_migrations GROUP BY name')) as [
            { name: string; times: number }[],
            unknown,
          ];
          expect(applied.map((row) => row.name).sort()).toEqual(definition.migrations.map((m) => m.name).sort());
          expect(applied.every((row) => Number(row.times) === 1)).toBe(true);
        } finally {
          await connection.end();
        }
        for (const replica of replicas) {
          const answer = await fetch(replica.url.replace('/graphql', '/health'));
          expect(answer.status).toBe(200);
        }
      } finally {
        for (const replica of replicas) await replica.stop();
      }
    } finally {
      await db.drop();
    }
  });
});

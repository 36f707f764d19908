import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

/**
 * The databases the end-to-end suites run on: always the embedded SQLite; MariaDB/MySQL too when
 * TEST_MYSQL_URL (e.g. mysql://root@127.0.0.1:3306) names a server where tests may create databases.
 * CI sets it; see .ci/run.
 */
export type DatabaseKind = 'sqlite' | 'mysql';

export const MYSQL_SERVER_URL = process.env.TEST_MYSQL_URL;
export const DATABASES: DatabaseKind[] = MYSQL_SERVER_URL ? ['sqlite', 'mysql'] : ['sqlite'];

/** Creates a fresh, empty database on the test server and returns its URL and a function that drops it. */
export async function createMysqlDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (!MYSQL_SERVER_URL) throw new Error('TEST_MYSQL_URL is not set');
  const name = `icoca_test_${label}_${randomBytes(4).toString('hex')}`;
  const connection = await mysql.createConnection(MYSQL_SERVER_URL);
  await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await connection.end();
  const url = new URL(MYSQL_SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = await mysql.createConnection(MYSQL_SERVER_URL);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

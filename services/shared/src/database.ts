import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import path from 'node:path';
import { DataSource, QueryFailedError, type EntityManager, type Logger as OrmLogger, type MixedList } from 'typeorm';
import { inBackground } from './context';
import { conflict } from './errors';
import type { DatabaseConfig } from './config';
import type { Logger } from './logger';
import { traceStatements } from './tracing';

/** Counts the SQL statements a data source sends; tests read it to prove lists cost a bounded number. */
export class StatementCounter {
  count = 0;
  /** Statements of background jobs (`runInBackground`), apart: no request sent them. */
  background = 0;
}

/** Feeds TypeORM's query events to the counter; SQL text never reaches the logs (it may hold personal data). */
class CountingLogger implements OrmLogger {
  constructor(
    private readonly counter: StatementCounter,
    private readonly logger: Logger,
  ) {}
  logQuery(): void {
    if (inBackground()) this.counter.background += 1;
    else this.counter.count += 1;
  }
  logQueryError(error: string | Error): void {
    this.logger.debug('statement failed', { error: error instanceof Error ? error.name : 'error' });
  }
  logQuerySlow(time: number): void {
    this.logger.warn('slow statement', { durationMs: time });
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.logger.info('migration', { detail: message });
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn('database warning', { detail: String(message) });
  }
}

/** MySQL's "Deadlock found when trying to get lock" (ER_LOCK_DEADLOCK). */
function isDeadlock(error: unknown): boolean {
  const failure = error as { errno?: number; driverError?: { errno?: number } } | null;
  return (failure?.driverError?.errno ?? failure?.errno) === 1213;
}

/**
 * Runs `work` again when MySQL chose it as the victim of a deadlock: InnoDB rolls the victim back whole,
 * and running it again is the remedy MySQL's manual gives. Two writers of the same rows in different
 * orders (a partner adding to a watchlist while the standing tracker records a round) otherwise turn an
 * ordinary race into an internal error. `work` must be a transaction or one statement (nothing half done).
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isDeadlock(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}

/**
 * Holds one row for the rest of the transaction, so that a check and the write it allows (a quota counted,
 * then an insert) cannot interleave with another request's on MySQL. SQLite needs nothing: `transaction`
 * already runs one transaction at a time.
 */
export async function lockRow(manager: EntityManager, table: string, id: string): Promise<void> {
  if (manager.connection.options.type !== 'mysql') return;
  await manager.query(`SELECT id FROM ${table} WHERE id = ? FOR UPDATE`, [id]);
}

/** One subgraph's database: the TypeORM data source, its statement counter, and a write lock for SQLite. */
export interface Database {
  readonly dataSource: DataSource;
  readonly statements: StatementCounter;
  readonly kind: DatabaseConfig['kind'];
  /**
   * Runs `work` in a transaction. On SQLite all requests share one connection, so transactions are
   * queued here one after another instead of being nested by TypeORM as savepoints of each other.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  /** The MySQL connection pool as it stands (for metrics); undefined on SQLite. */
  pool(): PoolState | undefined;
  close(): Promise<void>;
}

export interface PoolState {
  inUse: number;
  idle: number;
  limit: number;
  /** Requests waiting for a connection: all `limit` connections are in use. */
  waiting: number;
}

/** mysql2's pool keeps its connections and waiting requests in these queues (read, never changed). */
interface Mysql2Pool {
  config?: { connectionLimit?: number };
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
}

function poolState(dataSource: DataSource): PoolState | undefined {
  const pool = (dataSource.driver as unknown as { pool?: Mysql2Pool }).pool;
  if (!pool?._allConnections || !pool._freeConnections || !pool._connectionQueue) return undefined;
  return {
    inUse: pool._allConnections.length - pool._freeConnections.length,
    idle: pool._freeConnections.length,
    limit: pool.config?.connectionLimit ?? 0,
    waiting: pool._connectionQueue.length,
  };
}

export interface OpenDatabaseOptions {
  config: DatabaseConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
  /** TypeORM entity subscribers: what must follow every write of an entity (a derived index, say). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  subscribers?: MixedList<Function>;
  logger: Logger;
}

/** Opens the database and brings its schema up to date with the subgraph's migrations (never `synchronize`). */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const statements = new StatementCounter();
  const common = {
    entities: options.entities,
    migrations: options.migrations,
    subscribers: options.subscribers ?? [],
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: true,
    logger: new CountingLogger(statements, options.logger),
    maxQueryExecutionTime: 1000,
  } as const;
  let dataSource: DataSource;
  if (options.config.kind === 'sqlite') {
    preparePrivateFile(options.config.file, options.logger);
    dataSource = new DataSource({
      ...common,
      type: 'better-sqlite3',
      database: options.config.file,
      enableWAL: true,
      prepareDatabase: (db: { pragma(statement: string): unknown }) => {
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
        // Durable on acknowledgement: a record that was confirmed to a client survives a crash.
        db.pragma('synchronous = FULL');
      },
    });
  } else {
    dataSource = new DataSource({
      ...common,
      type: 'mysql',
      url: options.config.url,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      extra: { connectionLimit: 10 },
    });
  }
  await dataSource.initialize();
  // mysql2's own instrumentation traces MySQL statements; SQLite's get spans of ours.
  if (options.config.kind === 'sqlite') traceStatements(dataSource, path.basename(options.config.file, '.sqlite'));
  await migrate(dataSource, options.config.kind);
  // SQLite creates the WAL and shared-memory files as it opens the database, with its own mode.
  if (options.config.kind === 'sqlite') restrictSqliteFiles(options.config.file);

  let queue: Promise<unknown> = Promise.resolve();
  const transaction = <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => {
    if (options.config.kind === 'mysql') return retryOnDeadlock(() => dataSource.transaction(work));
    const run = queue.then(() => dataSource.transaction(work));
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    dataSource,
    statements,
    kind: options.config.kind,
    transaction,
    pool: () => (options.config.kind === 'mysql' ? poolState(dataSource) : undefined),
    close: async () => {
      await queue;
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/**
 * Brings the schema up to date. On MySQL, replicas started at the same moment would run the same
 * migrations at once (and fail on each other's tables): they take turns under a named lock of the
 * database server, and whoever comes second finds nothing left to do. (SQLite is one process's file.)
 */
async function migrate(dataSource: DataSource, kind: DatabaseConfig['kind']): Promise<void> {
  if (kind !== 'mysql') {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const lockHolder = dataSource.createQueryRunner();
  try {
    await lockHolder.connect();
    const [{ name }] = (await lockHolder.query('SELECT DATABASE() AS name')) as { name: string }[];
    const lock = `icoca-migrations:${name}`.slice(0, 64);
    const [{ granted }] = (await lockHolder.query('SELECT GET_LOCK(?, 120) AS granted', [lock])) as { granted: number | string }[];
    if (Number(granted) !== 1) throw new Error(`could not take the migration lock ${lock} within 120 s`);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lockHolder.query('SELECT RELEASE_LOCK(?)', [lock]);
    }
  } finally {
    await lockHolder.release();
  }
}

const PRIVATE_FOLDER = 0o700;
const PRIVATE_FILE = 0o600;

/**
 * The SQLite files hold applicants' and complainants' contact data: the folder is created 0700 and the
 * database file 0600 before SQLite opens it, whatever the umask. A folder that already existed is
 * left as it is (it may be shared, as /tmp is), with a warning when others can read it.
 */
function preparePrivateFile(file: string, logger: Logger): void {
  const folder = path.dirname(file);
  const created = mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER });
  if (created) {
    // Every folder `mkdir -p` made, from the first one down; the mode given to mkdir is masked by the umask.
    for (let dir = folder; ; dir = path.dirname(dir)) {
      chmodSync(dir, PRIVATE_FOLDER);
      if (dir === created || dir === path.dirname(dir)) break;
    }
  } else if ((statSync(folder).mode & 0o077) !== 0) {
    logger.warn('the database folder can be read by other users; keep it private (chmod 700)', { folder });
  }
  closeSync(openSync(file, 'a', PRIVATE_FILE));
  chmodSync(file, PRIVATE_FILE);
}

/** The database file and SQLite's companions (WAL, shared memory, rollback journal) readable by the owner alone. */
function restrictSqliteFiles(file: string): void {
  for (const candidate of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    if (existsSync(candidate)) chmodSync(candidate, PRIVATE_FILE);
  }
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ`: timestamps are stored as ISO text, identical on SQLite and MySQL. */
export function nowTimestamp(): string {
  return new Date().toISOString();
}

/**
 * A LIKE pattern matching values that contain `term`, its wildcards escaped with `!`: use it with
 * `LIKE :pattern ESCAPE '!'` (one escape character that SQLite and MySQL read the same way).
 */
export function likeContains(term: string): string {
  return `%${term.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** True when `error` is a unique-index violation (MySQL/MariaDB or SQLite). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string } | undefined)?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Runs `write`; a unique-index violation (two concurrent appends to one history) becomes CONFLICT. */
export async function conflictOnUniqueViolation<T>(write: () => Promise<T>, message: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(message);
    throw error;
  }
}

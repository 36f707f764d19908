import { scheduleJob, type Database, type Logger, type PeerClient } from '../../../shared/src';
import { COMPANY_CHECK_FAST_RETRIES } from './complaint.rules';
import { runCompanyChecks } from './company-check.service';

/** The company checks left pending at filing, retried inside the complaints process. */
export interface CompanyChecks {
  /** The retry interval of the first hour (COMPANY_CHECK_RETRY_MS, a minute by default). */
  intervalMs: number;
  /** A check was left pending, due at `at`: run a round then at the latest. */
  wake(at: string): void;
  /** No further rounds; resolves once a round in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Starts the rounds: one at once (checks left pending before a restart), then whenever the earliest
 * pending check is due. Checks another replica left pending are found by a round at the latest an hour
 * later. Stops with `stop()` (the subgraph calls it before closing its database), or once the database is closed.
 */
export function startCompanyChecks(database: Database, membership: PeerClient, intervalMs: number, logger: Logger): CompanyChecks {
  const job = scheduleJob({
    name: 'company checks',
    logger,
    retryMs: intervalMs,
    alive: () => database.dataSource.isInitialized,
    run: async () => {
      const round = await runCompanyChecks(database, membership, intervalMs, logger);
      if (round.more) return Date.now();
      const idle = Date.now() + COMPANY_CHECK_FAST_RETRIES * intervalMs;
      return round.nextAt ? Math.min(Date.parse(round.nextAt), idle) : idle;
    },
  });
  return { intervalMs, wake: (at) => job.wake(Date.parse(at)), stop: () => job.stop() };
}

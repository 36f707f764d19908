import { scheduleJob, type Database, type Logger } from '../../../shared/src';
import type { FieldCipher } from '../protection/crypto';
import type { ClamdAddress } from './evidence.clamav';
import { runEvidenceScans } from './evidence.service';

/** The malware scans of complainants' evidence, run inside the complaints process. */
export interface EvidenceScans {
  /** An item was stored: scan it now. */
  wake(): void;
  /** No further rounds; resolves once a round in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Starts the rounds: one at once (items left pending before a restart, or stored while clamd was down),
 * then after every upload, and when an item left pending is due again. Idle, a round runs every
 * `retryMs` times ten at the latest, for items another replica stored. Stops with `stop()`, or once
 * the database is closed.
 */
export function startEvidenceScans(
  database: Database,
  cipher: FieldCipher,
  clamav: ClamdAddress,
  options: { retryMs: number; timeoutMs: number },
  logger: Logger,
): EvidenceScans {
  const job = scheduleJob({
    name: 'evidence scans',
    logger,
    retryMs: options.retryMs,
    alive: () => database.dataSource.isInitialized,
    run: async () => {
      const round = await runEvidenceScans(database, cipher, clamav, options, logger);
      if (round.more) return Date.now();
      const idle = Date.now() + 10 * options.retryMs;
      return round.nextAt ? Math.min(Date.parse(round.nextAt), idle) : idle;
    },
  });
  return { wake: () => job.wake(Date.now()), stop: () => job.stop() };
}

import { scheduleJob, type Database, type Logger, type PeerRoutesClient, type ScheduledJob } from '../../../shared/src';
import { certificationChangesAfter } from '../certification/certification.peer';
import { applyCertificationChanges, readCopyCursor } from './certification-copy.service';

export interface CertificationCopyOptions {
  database: Database;
  logger: Logger;
  /** The certification subgraph's client (its gated route, with its secret). */
  certification: PeerRoutesClient;
  /** Between reads of the certification outbox: the most a copy lags behind a change of a certificate. */
  pollMs: number;
}

/** One pass: pages of changes after the cursor until none is left (at most 20 pages a pass). Answers whether more waits. */
export async function copyCertificationsOnce(options: CertificationCopyOptions): Promise<boolean> {
  for (let pages = 0; pages < 20; pages += 1) {
    const after = await readCopyCursor(options.database);
    const page = await certificationChangesAfter(options.certification, after);
    const moved = await applyCertificationChanges(options.database, after, page);
    if (!page.more || !moved) return false;
  }
  return true;
}

/**
 * The directory's copies of certificates as a background job of the membership subgraph: every `pollMs` it reads
 * the certification subgraph's outbox after its cursor (peer-routes.ts of certification) and replaces the copies of
 * the organizations named. Runs in every replica; two replicas writing the same page write the same rows.
 */
export function startCertificationCopies(options: CertificationCopyOptions): ScheduledJob {
  return scheduleJob({
    name: 'certification-copies',
    logger: options.logger,
    retryMs: Math.max(options.pollMs, 1000),
    alive: () => options.database.dataSource.isInitialized,
    run: async () => ((await copyCertificationsOnce(options)) ? Date.now() : Date.now() + options.pollMs),
  });
}

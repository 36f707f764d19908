import { randomUUID } from 'node:crypto';
import { scheduleJob, type Database, type Logger } from '../../../shared/src';
import { CLAIM_MS } from './notification.rules';
import { runNoticeRound, type NoticeSettings, type ReadNoticeSubjects } from './notification.service';

/** The notice rounds of one process. */
export interface Notices {
  /** Notices were queued: send them now rather than at the next planned round. */
  wake(): void;
  /** No further rounds; resolves once a round in progress has finished (and closes the SMTP transport). */
  stop(): Promise<void>;
}

/**
 * Starts the rounds: one at once (notices left by a restart), then whenever a notice is queued here or a
 * retry is due. Notices another replica queued are sent by that replica; those a replica left claimed when it
 * died are taken over once the claim lapses, by a round at the latest CLAIM_MS later.
 */
export function startNotices(database: Database, settings: NoticeSettings, readSubjects: ReadNoticeSubjects, logger: Logger): Notices {
  // Each process claims under its own name, so a claim that lapsed is never settled by its first claimer.
  const claimer = randomUUID();
  const job = scheduleJob({
    name: 'e-mail notices',
    logger,
    retryMs: settings.retryMs,
    alive: () => database.dataSource.isInitialized,
    run: async () => {
      const round = await runNoticeRound(database, settings, readSubjects, claimer, logger);
      if (round.more) return Date.now();
      const idle = Date.now() + CLAIM_MS;
      return round.nextAt ? Math.min(Date.parse(round.nextAt), idle) : idle;
    },
  });
  return {
    wake: () => job.wake(Date.now()),
    stop: async () => {
      await job.stop();
      settings.mailer?.close();
    },
  };
}

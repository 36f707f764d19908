import { runInBackground } from './context';
import type { Logger } from './logger';

/** A background job of a subgraph process (e.g. retrying work that had to wait for another subgraph). */
export interface ScheduledJob {
  /** Runs the job at `at` (epoch ms) at the latest, earlier than it planned to if need be. */
  wake(at: number): void;
  /** No further runs; resolves once a run in progress has finished. */
  stop(): Promise<void>;
}

export interface ScheduledJobOptions {
  /** Names the job in the logs. */
  name: string;
  /** Does the work due now and answers when it wants to run next (epoch ms). */
  run(): Promise<number>;
  /** After a run that failed, the next one is this much later. */
  retryMs: number;
  logger: Logger;
  /** False once what the job works on is gone (e.g. the database was closed): the job stops by itself. */
  alive(): boolean;
}

/**
 * Runs `options.run` now and then whenever it asks, one run at a time. Its timer never keeps the
 * process alive: the server does, and the job ends with it.
 */
export function scheduleJob(options: ScheduledJobOptions): ScheduledJob {
  let timer: NodeJS.Timeout | undefined;
  let plannedAt = Number.POSITIVE_INFINITY;
  let running = false;
  let current: Promise<void> = Promise.resolve();
  let wokenWhileRunning: number | undefined;
  let stopped = false;

  const plan = (at: number) => {
    if (stopped || at >= plannedAt) return;
    clearTimeout(timer);
    plannedAt = at;
    timer = setTimeout(() => {
      current = runOnce();
    }, Math.max(0, at - Date.now()));
    timer.unref();
  };

  const runOnce = async () => {
    timer = undefined;
    plannedAt = Number.POSITIVE_INFINITY;
    if (stopped || !options.alive()) {
      stopped = true;
      return;
    }
    running = true;
    let next: number;
    try {
      next = await runInBackground(options.run);
    } catch (error) {
      options.logger.warn('background job failed; it will run again', {
        job: options.name,
        error: error instanceof Error ? error.message : 'unknown',
      });
      next = Date.now() + options.retryMs;
    } finally {
      running = false;
    }
    plan(Math.min(next, wokenWhileRunning ?? Number.POSITIVE_INFINITY));
    wokenWhileRunning = undefined;
  };

  plan(Date.now());
  return {
    wake: (at) => {
      // A wake-up during a run is kept for its end: runs never overlap.
      if (running) wokenWhileRunning = Math.min(at, wokenWhileRunning ?? Number.POSITIVE_INFINITY);
      else plan(at);
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}

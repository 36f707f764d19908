import { accessSync, constants, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { z } from 'zod';
import { ConfigError, parseEnvironment, peerSettings, type SubgraphConfig } from '../../shared/src';
import { parsePriorityWeights, type PriorityWeights } from './priorities/priorities.weights';

/** A surveillance report not sent this many days after its due date is overdue. */
export const DEFAULT_SURVEILLANCE_GRACE_DAYS = 30;

/** The bytes of an organization's documents (the same bytes counted once) may not pass this: 200 MiB. */
export const DEFAULT_DOCUMENT_QUOTA_BYTES = 200 * 1024 * 1024;
/** Uploads received at once by one process; more get 503 with Retry-After. */
export const DEFAULT_CONCURRENT_UPLOADS = 4;

/**
 * Settings of the certification subgraph only, on top of every subgraph's (read from `config.env`). Its
 * peers' addresses and secrets (MEMBERSHIP_*, COMPLAINTS_*) are read by `peerSettings`, as in every subgraph.
 */
const certificationEnvironment = z.object({
  SURVEILLANCE_REPORT_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(DEFAULT_SURVEILLANCE_GRACE_DAYS),
  MONITORING_PRIORITY_WEIGHTS: z.string().optional(),
  STANDING_TRACKER_POLL_MS: z.coerce.number().int().min(50).max(3_600_000).default(5000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
  WEBHOOK_GIVE_UP_MS: z.coerce.number().int().min(1000).max(7 * 86_400_000).default(86_400_000),
  WEBHOOK_LEASE_MS: z.coerce.number().int().min(200).max(3_600_000).default(120_000),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(20),
  WEBHOOK_CONCURRENCY_PER_PARTNER: z.coerce.number().int().min(1).max(1000).default(4),
  PARTNER_MAX_WATCHLISTS: z.coerce.number().int().min(1).max(100_000).default(100),
  PARTNER_MAX_WEBHOOKS: z.coerce.number().int().min(0).max(100_000).default(20),
  DOCUMENT_QUOTA_BYTES: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).default(DEFAULT_DOCUMENT_QUOTA_BYTES),
  DOCUMENT_CONCURRENT_UPLOADS: z.coerce.number().int().min(1).max(256).default(DEFAULT_CONCURRENT_UPLOADS),
  DOCUMENT_SPOOL_DIR: z.string().min(1).optional(),
});

export interface CertificationSettings {
  /** The membership subgraph, asked at write time whether an organization is a member company. */
  membershipUrl: string;
  /** The secret the membership subgraph expects from its callers (its GATEWAY_SECRET). */
  membershipSecret?: string;
  /** Days after its due date (an anniversary of the certificate's issue) a missing surveillance report becomes overdue. */
  surveillanceGraceDays: number;
  /** The complaints subgraph's GraphQL URL; its peer route (open complaints per company) is on the same origin. */
  complaintsUrl: string;
  /** The secret the complaints subgraph expects from its callers (its GATEWAY_SECRET). */
  complaintsSecret?: string;
  /** Weights of the monitoring priority factors (defaults in priorities/priorities.weights.ts). */
  priorityWeights: PriorityWeights;
  /** How often the standing tracker reads the outboxes. */
  standingTrackerPollMs: number;
  /**
   * Webhook calls: timeout, first pause after a failure, when to give up, how long a claimed delivery is left alone;
   * calls in flight at once (all partners), and at once for one partner organization (webhook.worker.ts).
   */
  webhook: { timeoutMs: number; retryBaseMs: number; giveUpMs: number; leaseMs: number; concurrency: number; partnerConcurrency: number };
  /** What one partner organization may hold: watchlists, and watchlists with a webhook. */
  partnerLimits: PartnerLimits;
  /**
   * Uploads: the storage quota of each organization, how many one process receives at once, and the folder
   * where an upload is written while it arrives (removed once stored or refused).
   */
  documents: { quotaBytes: number; concurrentUploads: number; spoolDir: string };
}

export interface PartnerLimits {
  watchlists: number;
  webhooks: number;
}

const parsed = new WeakMap<SubgraphConfig, CertificationSettings>();

/** The upload spool folder must exist and be writable at start-up: otherwise every upload would fail later. */
function spoolFolder(folder: string, service: string): string {
  try {
    if (!statSync(folder).isDirectory()) throw new Error('not a folder');
    accessSync(folder, constants.W_OK);
  } catch {
    throw new ConfigError(`${service}: DOCUMENT_SPOOL_DIR "${folder}" is not a writable folder`);
  }
  return folder;
}

/**
 * Parses (once per configuration) and checks the settings. Both peers are named explicitly in production (see
 * `peerSettings`): membership for every membership fact, complaints for the monitoring priorities' open counts.
 */
export function certificationSettings(config: SubgraphConfig): CertificationSettings {
  const known = parsed.get(config);
  if (known) return known;
  const env = parseEnvironment(certificationEnvironment, config.env as NodeJS.ProcessEnv, config.service);
  const membership = peerSettings(config, 'membership');
  const complaints = peerSettings(config, 'complaints');
  const settings = {
    membershipUrl: membership.url,
    membershipSecret: membership.secret,
    surveillanceGraceDays: env.SURVEILLANCE_REPORT_GRACE_DAYS,
    complaintsUrl: complaints.url,
    complaintsSecret: complaints.secret,
    priorityWeights: parsePriorityWeights(env.MONITORING_PRIORITY_WEIGHTS, config.service),
    standingTrackerPollMs: env.STANDING_TRACKER_POLL_MS,
    webhook: {
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      retryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
      giveUpMs: env.WEBHOOK_GIVE_UP_MS,
      leaseMs: env.WEBHOOK_LEASE_MS,
      concurrency: env.WEBHOOK_CONCURRENCY,
      partnerConcurrency: env.WEBHOOK_CONCURRENCY_PER_PARTNER,
    },
    partnerLimits: { watchlists: env.PARTNER_MAX_WATCHLISTS, webhooks: env.PARTNER_MAX_WEBHOOKS },
    documents: {
      quotaBytes: env.DOCUMENT_QUOTA_BYTES,
      concurrentUploads: env.DOCUMENT_CONCURRENT_UPLOADS,
      spoolDir: spoolFolder(env.DOCUMENT_SPOOL_DIR ?? tmpdir(), config.service),
    },
  };
  parsed.set(config, settings);
  return settings;
}

import { z } from 'zod';
import { ConfigError, parseEnvironment, type SubgraphConfig } from '../../shared/src';
import { parsePriorityWeights, type PriorityWeights } from './priorities/priorities.weights';

/** A surveillance report not sent this many days after its due date is overdue. */
export const DEFAULT_SURVEILLANCE_GRACE_DAYS = 30;

/** Settings of the certification subgraph only, on top of every subgraph's (read from `config.env`). */
const certificationEnvironment = z.object({
  MEMBERSHIP_URL: z.string().url().optional(),
  MEMBERSHIP_GATEWAY_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  SURVEILLANCE_REPORT_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(DEFAULT_SURVEILLANCE_GRACE_DAYS),
  COMPLAINTS_URL: z.string().url().optional(),
  COMPLAINTS_GATEWAY_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  MONITORING_PRIORITY_WEIGHTS: z.string().optional(),
  STANDING_TRACKER_POLL_MS: z.coerce.number().int().min(50).max(3_600_000).default(5000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
  WEBHOOK_GIVE_UP_MS: z.coerce.number().int().min(1000).max(7 * 86_400_000).default(86_400_000),
  WEBHOOK_LEASE_MS: z.coerce.number().int().min(200).max(3_600_000).default(120_000),
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
  /** How often the standing tracker reads the outboxes (issue 16). */
  standingTrackerPollMs: number;
  /** Webhook calls: timeout, first pause after a failure, when to give up, how long a claimed delivery is left alone. */
  webhook: { timeoutMs: number; retryBaseMs: number; giveUpMs: number; leaseMs: number };
}

export const DEFAULT_MEMBERSHIP_URL = 'http://localhost:4001/graphql';
export const DEFAULT_COMPLAINTS_URL = 'http://localhost:4003/graphql';

const parsed = new WeakMap<SubgraphConfig, CertificationSettings>();

/** Parses (once per configuration) and checks the settings; production needs both explicitly. */
export function certificationSettings(config: SubgraphConfig): CertificationSettings {
  const known = parsed.get(config);
  if (known) return known;
  const env = parseEnvironment(certificationEnvironment, config.env as NodeJS.ProcessEnv, config.service);
  if (config.environment === 'production' && (!env.MEMBERSHIP_URL || !env.MEMBERSHIP_GATEWAY_SECRET)) {
    throw new ConfigError(
      `${config.service}: production needs MEMBERSHIP_URL and MEMBERSHIP_GATEWAY_SECRET to ask the membership subgraph`,
    );
  }
  if (config.environment === 'production' && env.COMPLAINTS_URL && !env.COMPLAINTS_GATEWAY_SECRET) {
    throw new ConfigError(`${config.service}: production needs COMPLAINTS_GATEWAY_SECRET with COMPLAINTS_URL to ask the complaints subgraph`);
  }
  const settings = {
    membershipUrl: env.MEMBERSHIP_URL ?? DEFAULT_MEMBERSHIP_URL,
    membershipSecret: env.MEMBERSHIP_GATEWAY_SECRET,
    surveillanceGraceDays: env.SURVEILLANCE_REPORT_GRACE_DAYS,
    complaintsUrl: env.COMPLAINTS_URL ?? DEFAULT_COMPLAINTS_URL,
    complaintsSecret: env.COMPLAINTS_GATEWAY_SECRET,
    priorityWeights: parsePriorityWeights(env.MONITORING_PRIORITY_WEIGHTS, config.service),
    standingTrackerPollMs: env.STANDING_TRACKER_POLL_MS,
    webhook: {
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      retryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
      giveUpMs: env.WEBHOOK_GIVE_UP_MS,
      leaseMs: env.WEBHOOK_LEASE_MS,
    },
  };
  parsed.set(config, settings);
  return settings;
}

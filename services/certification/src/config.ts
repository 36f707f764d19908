import { z } from 'zod';
import { ConfigError, parseEnvironment, type SubgraphConfig } from '../../shared/src';

/** A surveillance report not sent this many days after its due date is overdue. */
export const DEFAULT_SURVEILLANCE_GRACE_DAYS = 30;

/** Settings of the certification subgraph only, on top of every subgraph's (read from `config.env`). */
const certificationEnvironment = z.object({
  MEMBERSHIP_URL: z.string().url().optional(),
  MEMBERSHIP_GATEWAY_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  SURVEILLANCE_REPORT_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(DEFAULT_SURVEILLANCE_GRACE_DAYS),
  STANDING_TRACKER_POLL_MS: z.coerce.number().int().min(50).max(3_600_000).default(5000),
});

export interface CertificationSettings {
  /** The membership subgraph, asked at write time whether an organization is a member company. */
  membershipUrl: string;
  /** The secret the membership subgraph expects from its callers (its GATEWAY_SECRET). */
  membershipSecret?: string;
  /** Days after its due date (an anniversary of the certificate's issue) a missing surveillance report becomes overdue. */
  surveillanceGraceDays: number;
  /** How often the standing tracker reads the outboxes (issue 16). */
  standingTrackerPollMs: number;
}

export const DEFAULT_MEMBERSHIP_URL = 'http://localhost:4001/graphql';

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
  const settings = {
    membershipUrl: env.MEMBERSHIP_URL ?? DEFAULT_MEMBERSHIP_URL,
    membershipSecret: env.MEMBERSHIP_GATEWAY_SECRET,
    surveillanceGraceDays: env.SURVEILLANCE_REPORT_GRACE_DAYS,
    standingTrackerPollMs: env.STANDING_TRACKER_POLL_MS,
  };
  parsed.set(config, settings);
  return settings;
}

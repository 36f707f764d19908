import { z } from 'zod';
import { ConfigError, parseEnvironment, peerSettings, type SubgraphConfig } from '../../shared/src';
import { parseKey } from './protection/crypto';
import { parseStageTargets, type StageTargets } from './stage-deadline/stage-deadline.rules';

/**
 * Accepted only outside production: it is public, in this repository, so whatever it encrypts is not
 * secret. Production refuses to start without a COMPLAINANT_DATA_KEY of its own.
 */
export const DEVELOPMENT_COMPLAINANT_DATA_KEY = 'ae5c0d2b9f6e4a1c8d7b3f0e2a9c6d4b1e8f7a3c5d0b9e2f4a6c8d1b3e5f7a9c';

const complaintsEnvironment = z.object({
  COMPLAINANT_DATA_KEY: z
    .string()
    .refine((value) => parseKey(value) !== null, 'must be 32 bytes written as 64 hex digits or base64')
    .optional(),
  COMPANY_CHECK_RETRY_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
  COMPLAINT_STAGE_TARGETS: z.string().optional(),
});

/** The complaints subgraph's own settings, besides those every subgraph has. */
export interface ComplaintsConfig {
  /** AES-256-GCM key for the complainant's identity, contact, representative and messages. */
  complainantDataKey: Buffer;
  /** True when the public development key is in use (never in production). */
  developmentKey: boolean;
  /** The membership subgraph, asked whether a complaint's company is a member company (read by `peerSettings`). */
  membershipUrl: string;
  membershipSecret?: string;
  /** How often a pending company check is retried in its first hour (hourly after); a minute by default. */
  companyCheckIntervalMs: number;
  /** Days a complaint may wait in each open status before it is overdue (COMPLAINT_STAGE_TARGETS over the defaults). */
  stageTargets: StageTargets;
}

const loaded = new WeakMap<SubgraphConfig, ComplaintsConfig>();

/** Parses (once per configuration) and checks the settings; ConfigError when production lacks a real key or the membership subgraph's address or secret. */
export function loadComplaintsConfig(config: SubgraphConfig): ComplaintsConfig {
  const known = loaded.get(config);
  if (known) return known;
  const parsed = parseEnvironment(complaintsEnvironment, config.env as NodeJS.ProcessEnv, config.service);
  const production = config.environment === 'production';
  const key = parsed.COMPLAINANT_DATA_KEY ? parseKey(parsed.COMPLAINANT_DATA_KEY) : null;
  const developmentKey = parseKey(DEVELOPMENT_COMPLAINANT_DATA_KEY) as Buffer;
  if (production && (!key || key.equals(developmentKey))) {
    throw new ConfigError(
      `${config.service}: production needs COMPLAINANT_DATA_KEY (32 random bytes, hex or base64) of its own; ` +
        'complainants\' identities are encrypted with it and the development key is refused',
    );
  }
  const membership = peerSettings(config, 'membership');
  let stageTargets: StageTargets;
  try {
    stageTargets = parseStageTargets(parsed.COMPLAINT_STAGE_TARGETS);
  } catch (error) {
    throw new ConfigError(`${config.service}: COMPLAINT_STAGE_TARGETS: ${(error as Error).message}`);
  }
  const settings = {
    complainantDataKey: key ?? developmentKey,
    developmentKey: !key || key.equals(developmentKey),
    membershipUrl: membership.url,
    membershipSecret: membership.secret,
    companyCheckIntervalMs: parsed.COMPANY_CHECK_RETRY_MS,
    stageTargets,
  };
  loaded.set(config, settings);
  return settings;
}

import { accessSync, constants, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { z } from 'zod';
import { parseClamavUrl, type ClamdAddress } from './evidence/evidence.clamav';
import { ConfigError, parseEnvironment, peerSettings, type SubgraphConfig } from '../../shared/src';
import { parseKey } from './protection/crypto';

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
  // Empty means unset (as in a .env file with `CLAMAV_URL=`).
  CLAMAV_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.string().refine((value) => parseClamavUrl(value) !== null, 'must be tcp://host:port or unix:///path/to/clamd.ctl').optional(),
  ),
  EVIDENCE_QUOTA_FILES: z.coerce.number().int().min(1).max(1000).default(20),
  EVIDENCE_QUOTA_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(50 * 1024 * 1024),
  EVIDENCE_CONCURRENT_UPLOADS: z.coerce.number().int().min(1).max(100).default(4),
  EVIDENCE_SCAN_RETRY_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
  EVIDENCE_SCAN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
  EVIDENCE_SPOOL_DIR: z.string().optional(),
});

/** How complainants' evidence is received, cleaned, scanned and kept. */
export interface EvidenceSettings {
  /** clamd's address (CLAMAV_URL); null in development without a scanner: items stay NOT_SCANNED. */
  clamav: ClamdAddress | null;
  /** At most this many items per complaint. */
  quotaFiles: number;
  /** At most this many bytes (cleaned) per complaint. */
  quotaBytes: number;
  /** Uploads one process receives at once. */
  concurrentUploads: number;
  /** A scan that got no verdict (clamd down) is retried after this, longer each time. */
  scanRetryMs: number;
  scanTimeoutMs: number;
  /** Where uploads are written while they arrive and are cleaned (removed on every path). */
  spoolDir: string;
}

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
  evidence: EvidenceSettings;
}

/** The evidence spool folder must exist and be writable at start-up: otherwise every upload would fail later. */
function spoolFolder(folder: string, service: string): string {
  try {
    if (!statSync(folder).isDirectory()) throw new Error('not a folder');
    accessSync(folder, constants.W_OK);
  } catch {
    throw new ConfigError(`${service}: EVIDENCE_SPOOL_DIR "${folder}" is not a writable folder`);
  }
  return folder;
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
  if (production && !parsed.CLAMAV_URL) {
    throw new ConfigError(
      `${config.service}: production needs CLAMAV_URL (clamd, e.g. tcp://clamav:3310): complainants' evidence is ` +
        'scanned for malware before anyone can download it',
    );
  }
  const membership = peerSettings(config, 'membership');
  const settings = {
    complainantDataKey: key ?? developmentKey,
    developmentKey: !key || key.equals(developmentKey),
    membershipUrl: membership.url,
    membershipSecret: membership.secret,
    companyCheckIntervalMs: parsed.COMPANY_CHECK_RETRY_MS,
    evidence: {
      clamav: parsed.CLAMAV_URL ? parseClamavUrl(parsed.CLAMAV_URL) : null,
      quotaFiles: parsed.EVIDENCE_QUOTA_FILES,
      quotaBytes: parsed.EVIDENCE_QUOTA_BYTES,
      concurrentUploads: parsed.EVIDENCE_CONCURRENT_UPLOADS,
      scanRetryMs: parsed.EVIDENCE_SCAN_RETRY_MS,
      scanTimeoutMs: parsed.EVIDENCE_SCAN_TIMEOUT_MS,
      spoolDir: spoolFolder(parsed.EVIDENCE_SPOOL_DIR ?? tmpdir(), config.service),
    },
  };
  loaded.set(config, settings);
  return settings;
}

import { accessSync, constants, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { z } from 'zod';
import { parseClamavUrl, type ClamdAddress } from './evidence/evidence.clamav';
import { ConfigError, parseEnvironment, peerSettings, type SubgraphConfig } from '../../shared/src';
import { isMailbox } from './notification/notification.rules';
import { parseKey } from './protection/crypto';
import { parseStageTargets, type StageTargets } from './stage-deadline/stage-deadline.rules';

/**
 * Accepted only outside production: it is public, in this repository, so whatever it encrypts is not
 * secret. Production refuses to start without a COMPLAINANT_DATA_KEY of its own.
 */
export const DEVELOPMENT_COMPLAINANT_DATA_KEY = 'ae5c0d2b9f6e4a1c8d7b3f0e2a9c6d4b1e8f7a3c5d0b9e2f4a6c8d1b3e5f7a9c';

/** For an optional setting: empty (as docker-compose passes `${X:-}`) is the same as unset. */
const emptyAsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const complaintsEnvironment = z.object({
  COMPLAINANT_DATA_KEY: z
    .string()
    .refine((value) => parseKey(value) !== null, 'must be 32 bytes written as 64 hex digits or base64')
    .optional(),
  COMPANY_CHECK_RETRY_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
  COMPLAINT_STAGE_TARGETS: z.string().optional(),
  SMTP_URL: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .trim()
      .refine(smtpUrl, 'must be an smtp:// or smtps:// URL, e.g. smtp://127.0.0.1:2525 or smtps://user:password@mail.example.org')
      .optional(),
  ),
  SECRETARIAT_INBOX: z.preprocess(
    emptyAsUnset,
    z.string().trim().refine(isMailbox, 'must be one e-mail address, e.g. complaints@icoca.example').optional(),
  ),
  NOTICE_FROM: z.preprocess(emptyAsUnset, z.string().trim().refine(isMailbox, 'must be one e-mail address, e.g. no-reply@icoca.example').optional()),
  CASEWORK_URL: z.preprocess(
    emptyAsUnset,
    z.string().trim().refine(webAddress, 'must be an http(s) URL; {id} and {reference} are replaced').optional(),
  ),
  FOLLOW_UP_URL: z.preprocess(emptyAsUnset, z.string().trim().refine(webAddress, 'must be an http(s) URL').optional()),
  NOTICE_RETRY_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
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

function smtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function webAddress(value: string): boolean {
  try {
    const url = new URL(value.replaceAll('{id}', 'id').replaceAll('{reference}', 'reference'));
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Where the links of notices lead while CASEWORK_URL and FOLLOW_UP_URL are not set (development only): the
 * gateway's Apollo Sandbox on its default port, where `complaint(id:)` and `complaintByReceipt` can be tried.
 */
export const DEVELOPMENT_NOTICE_LINK = 'http://localhost:4000/graphql';

/** How e-mail notices are sent (notification/); see docs/operations.md. */
export interface NoticeConfig {
  /** SMTP server; without it notices are marked NOT_SENT and logged as not sent. */
  smtpUrl: string | null;
  /** The Secretariat's inbox, told of each new complaint and complainant message. */
  secretariatInbox: string | null;
  /** The sender of every notice. */
  from: string | null;
  /** The Secretariat's case screen; `{id}` and `{reference}` are replaced by the complaint's. */
  caseworkUrl: string;
  /** Where complainants read replies with their receipt code. */
  followUpUrl: string;
  /** The wait after a first failed attempt, doubled with each attempt, at most an hour. */
  retryMs: number;
}


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
  /** Days a complaint may wait in each open status before it is overdue (COMPLAINT_STAGE_TARGETS over the defaults). */
  stageTargets: StageTargets;
  notices: NoticeConfig;
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
  const notices = noticeConfig(parsed, production, config.service);
  if (production && !parsed.CLAMAV_URL) {
    throw new ConfigError(
      `${config.service}: production needs CLAMAV_URL (clamd, e.g. tcp://clamav:3310): complainants' evidence is ` +
        'scanned for malware before anyone can download it',
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
    notices,
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

/**
 * The notice settings, checked together: with SMTP_URL, the inbox and the sender are required (and, in
 * production, real links rather than the development ones). Without SMTP_URL production still starts — a
 * complaint must never be refused for want of e-mail — and the subgraph warns at start (subgraph.ts).
 */
function noticeConfig(parsed: z.infer<typeof complaintsEnvironment>, production: boolean, service: string): NoticeConfig {
  const smtp = parsed.SMTP_URL || null;
  if (smtp) {
    const missing = [
      !parsed.SECRETARIAT_INBOX && 'SECRETARIAT_INBOX (the address told of new complaints and messages)',
      !parsed.NOTICE_FROM && 'NOTICE_FROM (the sender of notices)',
      production && !parsed.CASEWORK_URL && 'CASEWORK_URL (the Secretariat\'s case screen, linked from its notices)',
      production && !parsed.FOLLOW_UP_URL && 'FOLLOW_UP_URL (where complainants read replies with their receipt code)',
    ].filter(Boolean);
    if (missing.length > 0) {
      throw new ConfigError(`${service}: SMTP_URL is set, so e-mail notices also need ${missing.join(', ')}`);
    }
  }
  return {
    smtpUrl: smtp,
    secretariatInbox: parsed.SECRETARIAT_INBOX ?? null,
    from: parsed.NOTICE_FROM ?? null,
    caseworkUrl: parsed.CASEWORK_URL ?? DEVELOPMENT_NOTICE_LINK,
    followUpUrl: parsed.FOLLOW_UP_URL ?? DEVELOPMENT_NOTICE_LINK,
    retryMs: parsed.NOTICE_RETRY_MS,
  };
}

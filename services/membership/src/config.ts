import { z } from 'zod';
import { parseEnvironment, peerSettings, type PeerSettings, type SubgraphConfig } from '../../shared/src';
import { DeadlineFirstYear } from './membership-status/membership-status.rules';

/** Settings of the membership subgraph only, on top of every subgraph's (read from `config.env`). */
const membershipEnvironment = z.object({
  CERTIFICATION_DEADLINE_FIRST_YEAR: z.nativeEnum(DeadlineFirstYear).default(DeadlineFirstYear.YEAR_AFTER_JOINING),
  CERTIFICATION_COPY_POLL_MS: z.coerce.number().int().min(50).max(3_600_000).default(5000),
});

export interface MembershipSettings {
  /** Which calendar year counts as the first of the three a company has to become certified (docs/domain.md). */
  deadlineFirstYear: DeadlineFirstYear;
}

/** What the directory's copies of certificates need (certification-copy/): the peer, and how often to ask it. */
export interface CertificationCopySettings {
  /** The certification subgraph (CERTIFICATION_URL, CERTIFICATION_GATEWAY_SECRET, read by `peerSettings`). */
  certification: PeerSettings;
  /** Between reads of its outbox: the most the directory's standing and certification filters lag behind. */
  pollMs: number;
}

/** Parses and checks the settings from an environment (the subgraph's, or the import command's). */
export function membershipSettingsFrom(env: Readonly<Record<string, string | undefined>>, service = 'membership'): MembershipSettings {
  const parsed = parseEnvironment(membershipEnvironment, env as NodeJS.ProcessEnv, service);
  return { deadlineFirstYear: parsed.CERTIFICATION_DEADLINE_FIRST_YEAR };
}

/** The subgraph's settings, parsed at start-up (an invalid value stops the start with a clear message). */
export function membershipSettings(config: SubgraphConfig): MembershipSettings {
  return membershipSettingsFrom(config.env, config.service);
}

/** The copy job's settings, parsed at start-up; production needs the certification subgraph's address and secret. */
export function certificationCopySettings(config: SubgraphConfig): CertificationCopySettings {
  const parsed = parseEnvironment(membershipEnvironment, config.env as NodeJS.ProcessEnv, config.service);
  return { certification: peerSettings(config, 'certification'), pollMs: parsed.CERTIFICATION_COPY_POLL_MS };
}

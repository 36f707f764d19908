import { z } from 'zod';
import { parseEnvironment, type SubgraphConfig } from '../../shared/src';
import { DeadlineFirstYear } from './membership-status/membership-status.rules';

/** Settings of the membership subgraph only, on top of every subgraph's (read from `config.env`). */
const membershipEnvironment = z.object({
  CERTIFICATION_DEADLINE_FIRST_YEAR: z.nativeEnum(DeadlineFirstYear).default(DeadlineFirstYear.YEAR_AFTER_JOINING),
});

export interface MembershipSettings {
  /** Which calendar year counts as the first of the three a company has to become certified (docs/domain.md). */
  deadlineFirstYear: DeadlineFirstYear;
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

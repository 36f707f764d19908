import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { checkExpectedVersion, insertInChunks, nowTimestamp, today, writeVersioned, type Database } from '../../../shared/src';
import { Organization } from '../organization/organization.entity';
import { MontreuxDocumentParticipation } from './montreux-document.entity';
import { withSupport, withWithdrawal, type ParticipationPeriod } from './montreux-document.rules';

/** A Secretariat's record of support expressed or withdrawn. */
export interface ParticipationChange {
  kind: 'SUPPORT' | 'WITHDRAWAL';
  day: string;
  expectedVersion: number | null;
  recordedBy: string | null;
}

/**
 * Records support for the Montreux Document expressed (a new period) or withdrawn (the open period ends), after
 * the rules (montreux-document.rules.ts); the organization's version moves in the same transaction, so two
 * Secretariat records at once give one CONFLICT rather than two open periods.
 */
export async function recordParticipation(
  database: Database,
  organization: Organization,
  periods: readonly MontreuxDocumentParticipation[],
  change: ParticipationChange,
): Promise<Organization> {
  checkExpectedVersion(organization, 'Organization', change.expectedVersion);
  const day = today();
  if (change.kind === 'SUPPORT') withSupport(organization.governmentKind !== null, periods, change.day, day);
  else withWithdrawal(organization.governmentKind !== null, periods, change.day, day);
  return database.transaction(async (manager) => {
    await writeVersioned(manager, Organization, organization, {}, 'Organization');
    if (change.kind === 'SUPPORT') {
      await writeParticipation(manager, [{ organizationId: organization.id, since: change.day, until: null }], change.recordedBy);
    } else {
      const open = periods.at(-1)!;
      await manager.update(MontreuxDocumentParticipation, { id: open.id }, { until: change.day });
    }
    return manager.findOneByOrFail(Organization, { id: organization.id });
  });
}

/** Writes periods (already checked) inside the caller's transaction, in multi-row statements (the import's too). */
export async function writeParticipation(
  manager: EntityManager,
  periods: readonly (ParticipationPeriod & { organizationId: string })[],
  recordedBy: string | null,
): Promise<void> {
  const recordedAt = nowTimestamp();
  await insertInChunks(manager, MontreuxDocumentParticipation, periods.map((period) => ({ id: randomUUID(), ...period, recordedAt, recordedBy })));
}

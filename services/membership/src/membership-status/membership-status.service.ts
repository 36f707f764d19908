import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  badUserInput,
  checkExpectedVersion,
  nextSequence,
  nowTimestamp,
  today,
  writeVersioned,
  type Database,
} from '../../../shared/src';
import { Organization } from '../organization/organization.entity';
import { MembershipCategory, MembershipStatus, MembershipStatusEntry, type TerminationReason } from './membership-status.entity';
import { certificationDeadlineFor, checkMembershipChange, checkReasonCode, type DeadlineFirstYear } from './membership-status.rules';
import { refreshDirectoryCopies } from '../organization/directory-copies';
import { recordOutbox } from '../outbox/outbox.service';

export interface StatusChange {
  status: MembershipStatus;
  category?: MembershipCategory | null;
  reason: string;
  /** Required for a termination, refused for other changes. */
  reasonCode?: TerminationReason | null;
  effectiveFrom?: string | null;
  /** The version the decision was based on; CONFLICT when the organization changed since. */
  expectedVersion?: number | null;
  decidedBy: string | null;
}

/** Appends an entry to the history, inside the caller's transaction; `sequence` is unique per organization. */
export async function appendStatusEntry(
  manager: EntityManager,
  entry: Omit<MembershipStatusEntry, 'id' | 'sequence' | 'recordedAt' | 'ownerOrganizationId' | 'reasonCode'> &
    Partial<Pick<MembershipStatusEntry, 'reasonCode'>>,
): Promise<MembershipStatusEntry> {
  const record = manager.create(MembershipStatusEntry, {
    reasonCode: null,
    ...entry,
    id: randomUUID(),
    sequence: await nextSequence(manager, MembershipStatusEntry, { organizationId: entry.organizationId }),
    recordedAt: nowTimestamp(),
  });
  await manager.insert(MembershipStatusEntry, record);
  // Status and category changes (admissions too) are followed by the certification subgraph.
  await recordOutbox(manager, 'STATUS', [{ organizationId: entry.organizationId, effectiveFrom: entry.effectiveFrom }]);
  return record;
}

/**
 * Changes an organization's membership status: validates the transition and the date, then updates the
 * organization only if nobody changed it since it was read (optimistic locking) and appends the history
 * entry in the same transaction, so status and history never disagree.
 */
export async function changeStatus(
  database: Database,
  organization: Organization,
  history: readonly MembershipStatusEntry[],
  change: StatusChange,
  deadlineFirstYear: DeadlineFirstYear,
): Promise<Organization> {
  checkExpectedVersion(organization, 'Organization', change.expectedVersion);
  const category = change.category ?? organization.membershipCategory;
  checkMembershipChange(
    organization.pillar,
    { status: organization.membershipStatus, category: organization.membershipCategory },
    { status: change.status, category },
  );
  checkReasonCode(change.status, change.reasonCode);
  const effectiveFrom = change.effectiveFrom ?? today();
  if (effectiveFrom > today()) throw badUserInput('effectiveFrom cannot be in the future', 'effectiveFrom');
  const latest = history.at(-1);
  if (latest && effectiveFrom < latest.effectiveFrom) {
    throw badUserInput(
      `effectiveFrom cannot be before the latest recorded change (${latest.effectiveFrom})`,
      'effectiveFrom',
    );
  }
  // A deadline, once set, stays: an affiliate keeps the one it missed, so past standings can be answered.
  const deadline = organization.certificationDeadline
    ? { deadline: organization.certificationDeadline, rule: organization.certificationDeadlineRule }
    : (certificationDeadlineFor(organization.pillar, category, organization.memberSince ?? effectiveFrom, deadlineFirstYear) ?? {
        deadline: null,
        rule: null,
      });
  return database.transaction(async (manager) => {
    await writeVersioned(
      manager,
      Organization,
      organization,
      {
        membershipStatus: change.status,
        membershipCategory: category,
        certificationDeadline: deadline.deadline,
        certificationDeadlineRule: deadline.rule,
      },
      'Organization',
      `Organization ${organization.id} was changed by someone else meanwhile; reload it and try again`,
    );
    await refreshDirectoryCopies(manager, [organization.id]);
    await appendStatusEntry(manager, {
      organizationId: organization.id,
      status: change.status,
      category,
      effectiveFrom,
      reason: change.reason,
      reasonCode: change.reasonCode ?? null,
      decidedBy: change.decidedBy,
    });
    return manager.findOneByOrFail(Organization, { id: organization.id });
  });
}

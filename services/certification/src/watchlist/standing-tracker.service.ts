import { In, LessThanOrEqual, type EntityManager } from 'typeorm';
import { addDays, nowTimestamp, retryOnDeadlock, type Database, type SigningKeys } from '../../../shared/src';
import { CertificationStatus, type Certification } from '../certification/certification.entity';
import type { CertificationLoaders } from '../context';
import { MembershipStatus } from '../membership/membership-facts';
import { Standing } from '../standing/standing.rules';
import { standingOfOrganization } from '../standing/standing.service';
import { OutboxCursor } from '../outbox/outbox.entity';
import { signVerificationReceipt } from '../verification/verification.service';
import { StandingChange, StandingSnapshot } from './watchlist.entity';

/** The row trackers lock to record changes one at a time. */
export const TRACKER_LOCK = 'tracker-lock';

/** What the tracker follows for one organization, today. */
export interface TrackedFacts {
  organizationId: string;
  name: string;
  standing: Standing;
  membershipStatus: MembershipStatus | null;
  certificationStatus: CertificationStatus;
  /** The first day on which the standing changes by the passage of time alone, if any. */
  nextChangeOn: string | null;
  /** The certificate the standing rests on and its validity today (for receipts). */
  certification: { certificate: Certification | null; validUntil: string | null };
}

/**
 * Today's facts of many organizations, with the existing standing rules: one call to the membership subgraph
 * and two statements whatever the number (the loaders batch). Null for an organization membership does not know.
 */
export async function currentFacts(loaders: CertificationLoaders, ids: readonly string[], date: string): Promise<Map<string, TrackedFacts | null>> {
  const answers = await Promise.all(
    ids.map(async (id): Promise<[string, TrackedFacts | null]> => {
      const membership = await loaders.membership.load(id);
      if (!membership) return [id, null];
      const { standing, membership: onDate, certification } = await standingOfOrganization(loaders, id, membership, date);
      // Standing rules compare days: a certificate is valid through validUntil, a deadline is missed the day after.
      const nextChangeOn =
        standing === Standing.CERTIFIED_MEMBER && certification.validUntil
          ? addDays(certification.validUntil, 1)
          : standing === Standing.MEMBER_PENDING_CERTIFICATION && onDate.certificationDeadline
            ? addDays(onDate.certificationDeadline, 1)
            : null;
      return [
        id,
        {
          organizationId: id,
          name: membership.name,
          standing,
          membershipStatus: (onDate.status as MembershipStatus | null) ?? null,
          certificationStatus: certification.status,
          nextChangeOn,
          certification: { certificate: certification.certificate, validUntil: certification.validUntil },
        },
      ];
    }),
  );
  return new Map(answers);
}

function differs(snapshot: StandingSnapshot, facts: TrackedFacts): boolean {
  return (
    snapshot.standing !== facts.standing ||
    snapshot.membershipStatus !== facts.membershipStatus ||
    snapshot.certificationStatus !== facts.certificationStatus ||
    snapshot.name !== facts.name
  );
}

function snapshotOf(facts: TrackedFacts): StandingSnapshot {
  return Object.assign(new StandingSnapshot(), {
    organizationId: facts.organizationId,
    standing: facts.standing,
    membershipStatus: facts.membershipStatus,
    certificationStatus: facts.certificationStatus,
    name: facts.name,
    nextChangeOn: facts.nextChangeOn,
  });
}

/**
 * Recomputes the organizations' facts on `date` and, in one transaction with `alsoInTransaction` (the outbox
 * cursors), records a change where they differ from the last snapshot. Safe to run twice: the second run finds
 * nothing different. Answers the changes recorded.
 */
export async function trackStandings(
  database: Database,
  loaders: CertificationLoaders,
  changes: ReadonlyMap<string, string>,
  date: string,
  alsoInTransaction?: (manager: EntityManager, recorded: StandingChange[]) => Promise<void>,
  receiptKeys?: SigningKeys,
): Promise<StandingChange[]> {
  const ids = [...changes.keys()];
  const facts = ids.length ? await currentFacts(loaders, ids, date) : new Map<string, TrackedFacts | null>();
  return database.transaction(async (manager) => {
    // One tracker at a time across replicas: the lock row is taken before the snapshots are read, so a second
    // replica reading the same outbox entries finds the snapshots already moved and records nothing twice.
    await manager.update(OutboxCursor, { source: TRACKER_LOCK }, { position: () => 'position + 1' });
    const snapshots = ids.length ? await manager.findBy(StandingSnapshot, { organizationId: In(ids) }) : [];
    const byId = new Map(snapshots.map((s) => [s.organizationId, s]));
    const recorded: StandingChange[] = [];
    const knownAt = nowTimestamp();
    for (const id of ids) {
      const now = facts.get(id);
      if (!now) continue;
      const before = byId.get(id);
      if (before && !differs(before, now)) {
        if (before.nextChangeOn !== now.nextChangeOn) await manager.update(StandingSnapshot, { organizationId: id }, { nextChangeOn: now.nextChangeOn });
        continue;
      }
      recorded.push(
        manager.create(StandingChange, {
          organizationId: id,
          organizationName: now.name,
          previousStanding: (before?.standing as Standing | undefined) ?? null,
          standing: now.standing,
          previousMembershipStatus: (before?.membershipStatus as MembershipStatus | null | undefined) ?? null,
          membershipStatus: now.membershipStatus,
          previousCertificationStatus: (before?.certificationStatus as CertificationStatus | undefined) ?? null,
          certificationStatus: now.certificationStatus,
          effectiveOn: changes.get(id)!,
          knownAt,
          // The receipt of the new standing, checked when the change became known.
          receipt: receiptKeys
            ? await signVerificationReceipt(receiptKeys, {
                organizationId: id,
                organizationName: now.name,
                asOf: date,
                standing: now.standing,
                membershipStatus: now.membershipStatus,
                certification: now.certification,
                checkedAt: knownAt,
              })
            : null,
        }),
      );
      await manager.save(StandingSnapshot, snapshotOf(now));
    }
    // Inserted one by one, in order: positions follow the order the changes became known.
    for (const change of recorded) await manager.insert(StandingChange, change);
    await alsoInTransaction?.(manager, recorded);
    return recorded;
  });
}

/** Takes a first snapshot of organizations just added to a watchlist, so that their next change is recorded as one. */
export async function baseline(database: Database, loaders: CertificationLoaders, ids: readonly string[], date: string): Promise<void> {
  const known = ids.length ? await database.dataSource.manager.findBy(StandingSnapshot, { organizationId: In([...ids]) }) : [];
  const missing = ids.filter((id) => !known.some((s) => s.organizationId === id));
  if (!missing.length) return;
  const facts = await currentFacts(loaders, missing, date);
  const snapshots = [...facts.values()].filter((f): f is TrackedFacts => !!f).map(snapshotOf);
  // Another add or the tracker may have taken it meanwhile: theirs is as good.
  await retryOnDeadlock(() => database.dataSource.manager.createQueryBuilder().insert().into(StandingSnapshot).values(snapshots).orIgnore().execute());
}

/**
 * The daily check: organizations whose standing changes by the passage of time alone (a certificate expiring,
 * a certification deadline passing) on or before `date`. Idempotent: the snapshot moves with each change.
 */
export async function trackTimeBasedChanges(
  database: Database,
  loaders: CertificationLoaders,
  date: string,
  alsoInTransaction?: (manager: EntityManager, recorded: StandingChange[]) => Promise<void>,
  receiptKeys?: SigningKeys,
): Promise<StandingChange[]> {
  const due = await database.dataSource.manager.find(StandingSnapshot, {
    where: { nextChangeOn: LessThanOrEqual(date) },
    order: { nextChangeOn: 'ASC' },
    take: 500,
  });
  return trackStandings(database, loaders, new Map(due.map((s) => [s.organizationId, s.nextChangeOn!])), date, alsoInTransaction, receiptKeys);
}

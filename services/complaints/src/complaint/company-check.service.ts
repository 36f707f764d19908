import { randomUUID } from 'node:crypto';
import {
  badUserInput,
  ErrorCode,
  nowTimestamp,
  writeVersioned,
  type Database,
  type Logger,
  type PeerClient,
} from '../../../shared/src';
import { Complaint } from './complaint.entity';
import { CompanyCheckStatus, ComplaintActor, ComplaintEventKind, EventAudience } from './complaint.enums';
import {
  COMPANY_CHECK_FAILED_REASON,
  mayBeComplainedAbout,
  nextCompanyCheckAt,
  statusAfterFailedCompanyCheck,
  statusChangeNotices,
} from './complaint.rules';
import { membershipRecords } from '../membership/membership.peer';
import { recordEvent } from './complaint.service';

/**
 * The company check: is the company complained about one that is or was a member or affiliate? Asked
 * of the membership subgraph at filing, and retried in rounds while membership could not be asked.
 */

/**
 * Asks the membership subgraph, in one call, whether each of `companyIds` is a company that is or was a
 * member or affiliate (false for an unknown id). Throws when membership cannot be asked.
 */
export async function companiesQualify(
  membership: PeerClient,
  companyIds: readonly string[],
  requestId?: string,
): Promise<Map<string, boolean>> {
  const records = await membershipRecords(membership, companyIds, requestId);
  return new Map([...records].map(([id, record]) => [id, mayBeComplainedAbout(record)]));
}

/**
 * The company check at filing: PASSED, BAD_USER_INPUT when membership answers that the company does not
 * qualify, or PENDING when membership cannot be asked (the complaint is stored anyway: store first,
 * check later).
 */
export async function checkCompanyAtFiling(
  membership: PeerClient,
  companyId: string,
  { requestId, logger }: { requestId: string; logger: Logger },
): Promise<CompanyCheckStatus> {
  let qualifies: boolean | undefined;
  try {
    qualifies = (await companiesQualify(membership, [companyId], requestId)).get(companyId);
  } catch (error) {
    logger.warn('the membership subgraph could not be asked: the complaint is stored with its company check pending', {
      error: error instanceof Error ? error.message : 'unknown',
    });
    return CompanyCheckStatus.PENDING;
  }
  if (!qualifies) {
    throw badUserInput(
      'companyId must name a private security company that is or was a member or affiliate of the Association',
      'input.companyId',
    );
  }
  return CompanyCheckStatus.PASSED;
}

/** How many pending company checks one round takes on; more are taken on at once by the next round. */
const COMPANY_CHECK_BATCH = 100;

/** What one round of company checks did, and when the next pending check is due. */
export interface CompanyCheckRound {
  due: number;
  passed: number;
  failed: number;
  /** Still pending: membership could not be asked, and they are rescheduled. */
  pending: number;
  nextAt: string | null;
  /** True when due checks may remain (a full batch, or one overtaken by a concurrent change). */
  more: boolean;
}

const isConflict = (error: unknown) =>
  (error as { extensions?: { code?: unknown } })?.extensions?.code === ErrorCode.Conflict;

/**
 * One round of the retried company checks, when a pending check is due: one membership call for the
 * companies of all pending checks (up to a batch), so that they are decided together. PASSED, or FAILED with the complaint made INADMISSIBLE and a timeline entry whose
 * reason the complainant reads; when membership still cannot be asked, each is rescheduled (every
 * interval in the first hour after filing, hourly after). Every update is conditional on the check
 * still being pending (or the version read), so replicas running rounds at once never apply one twice.
 */
export async function runCompanyChecks(
  database: Database,
  membership: PeerClient,
  intervalMs: number,
  logger: Logger,
  now: string = nowTimestamp(),
): Promise<CompanyCheckRound> {
  const manager = database.dataSource.manager;
  const pending = await manager.find(Complaint, {
    where: { companyCheck: CompanyCheckStatus.PENDING },
    order: { companyCheckNextAt: 'ASC', id: 'ASC' },
    take: COMPANY_CHECK_BATCH,
  });
  const due = pending.filter((complaint) => (complaint.companyCheckNextAt ?? '') <= now);
  const round: CompanyCheckRound = {
    due: due.length,
    passed: 0,
    failed: 0,
    pending: 0,
    nextAt: pending.find((complaint) => (complaint.companyCheckNextAt ?? '') > now)?.companyCheckNextAt ?? null,
    more: due.length === COMPANY_CHECK_BATCH,
  };
  if (due.length === 0) return round;

  // The call covers every pending check read, due or not: pending checks are retried each on its own
  // rhythm, so once membership answers again one call decides them all instead of one call per rhythm.
  let qualifies: Map<string, boolean>;
  try {
    qualifies = await companiesQualify(membership, [...new Set(pending.map((c) => c.companyId))], `company-check-${randomUUID()}`);
  } catch (error) {
    // At most two groups: those in their first hour, and the others.
    const byNextAt = new Map<string, string[]>();
    for (const complaint of due) {
      const at = nextCompanyCheckAt(complaint.submittedAt, now, intervalMs);
      byNextAt.set(at, [...(byNextAt.get(at) ?? []), complaint.id]);
    }
    await database.transaction(async (tx) => {
      for (const [at, ids] of byNextAt) {
        await tx
          .createQueryBuilder()
          .update(Complaint)
          .set({ companyCheckAttempts: () => 'company_check_attempts + 1', companyCheckNextAt: at })
          .where('id IN (:...ids) AND company_check = :pending AND company_check_next_at <= :now', {
            ids,
            pending: CompanyCheckStatus.PENDING,
            now,
          })
          .execute();
      }
    });
    const earliest = [...byNextAt.keys(), ...(round.nextAt ? [round.nextAt] : [])].sort()[0];
    logger.warn('the membership subgraph could not be asked: company checks stay pending', {
      due: due.length,
      nextAt: earliest,
      error: error instanceof Error ? error.message : 'unknown',
    });
    return { ...round, pending: due.length, nextAt: earliest, more: false };
  }

  round.nextAt = null;
  round.more = pending.length === COMPANY_CHECK_BATCH;
  const passedIds = pending.filter((c) => qualifies.get(c.companyId)).map((c) => c.id);
  if (passedIds.length) {
    // Many complaints at once, conditional on the check still pending rather than on each version
    // read: not `updateVersioned`, which guards one record.
    const result = await database.transaction((tx) =>
      tx
        .createQueryBuilder()
        .update(Complaint)
        .set({
          companyCheck: CompanyCheckStatus.PASSED,
          companyCheckAttempts: () => 'company_check_attempts + 1',
          companyCheckNextAt: null,
          updatedAt: now,
          version: () => 'version + 1',
        })
        .where('id IN (:...ids) AND company_check = :pending', { ids: passedIds, pending: CompanyCheckStatus.PENDING })
        .execute(),
    );
    round.passed = result.affected ?? passedIds.length;
  }
  for (const complaint of pending.filter((c) => !qualifies.get(c.companyId))) {
    const decided = {
      companyCheck: CompanyCheckStatus.FAILED,
      companyCheckAttempts: complaint.companyCheckAttempts + 1,
      companyCheckNextAt: null,
    };
    const status = statusAfterFailedCompanyCheck(complaint.status);
    try {
      if (status) {
        await recordEvent(
          database,
          complaint,
          { ...decided, status, inadmissibilityReason: COMPANY_CHECK_FAILED_REASON },
          {
            kind: ComplaintEventKind.STATUS_CHANGED,
            note: COMPANY_CHECK_FAILED_REASON,
            audience: EventAudience.COMPLAINANT_AND_COMPANY,
            actor: ComplaintActor.SYSTEM,
            recordedBy: null,
          },
          // The reason is written for the complainant: one who opted in hears that it is waiting (next notice round).
          { notices: statusChangeNotices(EventAudience.COMPLAINANT_AND_COMPANY, complaint) },
        );
      } else {
        // Already final (the Secretariat decided first): only the check is recorded.
        await database.transaction((tx) =>
          writeVersioned(tx, Complaint, complaint, { ...decided, updatedAt: now }, 'Complaint', 'changed meanwhile'),
        );
      }
      round.failed += 1;
    } catch (error) {
      if (!isConflict(error)) throw error;
      // Changed meanwhile (by the Secretariat, or decided by another replica): read again at once.
      round.more = true;
    }
  }
  logger.info('company checks', { due: round.due, passed: round.passed, failed: round.failed });
  return round;
}

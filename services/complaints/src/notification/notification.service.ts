import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { nowTimestamp, type Database, type Logger } from '../../../shared/src';
import { ComplaintNotice } from './notification.entity';
import { NoticeKind, NoticeRecipient, NoticeState } from './notification.enums';
import type { Mailer } from './notification.mailer';
import { afterFailure, CLAIM_MS, caseworkLink, errorClassOf, type NewNotice } from './notification.rules';
import { replyWaitingMail, secretariatMail, type NoticeMail } from './notification.texts';

/**
 * The outbox of e-mail notices: notices are written with what they tell of (the caller's transaction), and
 * sent by rounds (notification.worker.ts). A notice is claimed before it is sent, by a conditional UPDATE
 * that one process alone wins, so replicas of the complaints subgraph never send the same notice twice.
 */

/** What a round needs to know of a complaint to word and address its notices. */
export interface NoticeSubject {
  id: string;
  referenceNumber: string;
  language: string;
  /** The complainant's notice address, decrypted, while they want to be told of replies; null otherwise. */
  replyNoticeAddress: string | null;
}

/** Reads the complaints of a round's notices, in one statement (given by the subgraph, which owns complaints). */
export type ReadNoticeSubjects = (complaintIds: readonly string[]) => Promise<Map<string, NoticeSubject>>;

/** How a process sends notices, from the settings (config.ts). */
export interface NoticeSettings {
  /** Null without SMTP_URL: notices are marked NOT_SENT and logged as not sent. */
  mailer: Mailer | null;
  secretariatInbox: string | null;
  caseworkUrl: string;
  followUpUrl: string;
  retryMs: number;
}

/** Writes notices to the outbox in the caller's transaction, due at once. */
export async function queueNotices(manager: EntityManager, complaintId: string, notices: readonly NewNotice[]): Promise<void> {
  if (notices.length === 0) return;
  const now = nowTimestamp();
  await manager.insert(
    ComplaintNotice,
    notices.map((notice) => ({
      id: randomUUID(),
      kind: notice.kind,
      complaintId,
      recipient: notice.recipient,
      state: NoticeState.PENDING,
      attempts: 0,
      nextAttemptAt: now,
      claimedBy: null,
      sentAt: null,
      errorClass: null,
      createdAt: now,
    })),
  );
}

/** A notice as a round read it: what a claim compares. */
export type SeenNotice = Pick<ComplaintNotice, 'id' | 'state' | 'attempts' | 'nextAttemptAt'>;

/**
 * Claims a notice for `claimer` until the claim lapses: true for the one process whose UPDATE found the
 * notice exactly as it read it (same state, attempts and due time), false for any other. A claim that lapsed
 * (a process that died while sending) can be claimed again.
 */
export async function claimNotice(database: Database, seen: SeenNotice, claimer: string, now = Date.now()): Promise<boolean> {
  const result = await database.dataSource.manager
    .createQueryBuilder()
    .update(ComplaintNotice)
    .set({
      state: NoticeState.SENDING,
      claimedBy: claimer,
      attempts: seen.attempts + 1,
      nextAttemptAt: new Date(now + CLAIM_MS).toISOString(),
    })
    .where('id = :id AND state = :state AND attempts = :attempts AND next_attempt_at = :due', {
      id: seen.id,
      state: seen.state,
      attempts: seen.attempts,
      due: seen.nextAttemptAt,
    })
    .andWhere('state IN (:...claimable)', { claimable: [NoticeState.PENDING, NoticeState.SENDING] })
    .execute();
  return result.affected === 1;
}

/** Settles a claimed notice, if the claim is still this process's. */
async function settle(database: Database, id: string, claimer: string, change: Partial<ComplaintNotice>): Promise<void> {
  await database.dataSource.manager
    .createQueryBuilder()
    .update(ComplaintNotice)
    .set({ claimedBy: null, ...change })
    .where('id = :id AND state = :sending AND claimed_by = :claimer', { id, sending: NoticeState.SENDING, claimer })
    .execute();
}

/** The most notices one round takes; a full round is followed by another at once. */
export const NOTICE_ROUND = 50;

/** The recipient and words of a notice; null when there is no one to tell any more (the complainant opted out). */
function mailOf(notice: ComplaintNotice, subject: NoticeSubject, settings: NoticeSettings): { to: string; mail: NoticeMail } | null {
  if (notice.recipient === NoticeRecipient.SECRETARIAT) {
    if (!settings.secretariatInbox || notice.kind === NoticeKind.REPLY_WAITING) return null;
    return { to: settings.secretariatInbox, mail: secretariatMail(notice.kind, subject.referenceNumber, caseworkLink(settings.caseworkUrl, subject)) };
  }
  if (!subject.replyNoticeAddress || notice.kind !== NoticeKind.REPLY_WAITING) return null;
  return { to: subject.replyNoticeAddress, mail: replyWaitingMail(subject.language, subject.referenceNumber, settings.followUpUrl) };
}

/**
 * One round: the notices due now, oldest first, each claimed and then sent (or, without SMTP_URL, marked
 * NOT_SENT and logged). Answers whether more are due and when the next one is.
 */
export async function runNoticeRound(
  database: Database,
  settings: NoticeSettings,
  readSubjects: ReadNoticeSubjects,
  claimer: string,
  logger: Logger,
): Promise<{ more: boolean; nextAt: string | null }> {
  const repository = database.dataSource.getRepository(ComplaintNotice);
  const due = await repository
    .createQueryBuilder('notice')
    .where('notice.state IN (:...states)', { states: [NoticeState.PENDING, NoticeState.SENDING] })
    .andWhere('notice.next_attempt_at <= :now', { now: nowTimestamp() })
    .orderBy('notice.next_attempt_at', 'ASC')
    .addOrderBy('notice.id', 'ASC')
    .limit(NOTICE_ROUND)
    .getMany();

  const claimed: ComplaintNotice[] = [];
  for (const notice of due) {
    if (await claimNotice(database, notice, claimer)) claimed.push(notice);
  }
  const subjects = claimed.length > 0 ? await readSubjects([...new Set(claimed.map((n) => n.complaintId))]) : new Map();
  for (const notice of claimed) {
    const fields = { notice: notice.id, kind: notice.kind, recipient: notice.recipient, complaintId: notice.complaintId };
    const subject = subjects.get(notice.complaintId);
    const addressed = subject ? mailOf(notice, subject, settings) : null;
    if (!settings.mailer) {
      // Development without SMTP_URL: nothing leaves the process; the log says so (never with the address).
      await settle(database, notice.id, claimer, { state: NoticeState.NOT_SENT });
      logger.info('e-mail notice not sent: SMTP_URL is not set', fields);
      continue;
    }
    if (!addressed) {
      await settle(database, notice.id, claimer, { state: NoticeState.WITHDRAWN });
      continue;
    }
    try {
      await settings.mailer.send(addressed.to, addressed.mail);
      await settle(database, notice.id, claimer, { state: NoticeState.SENT, sentAt: nowTimestamp(), errorClass: null });
    } catch (error) {
      const errorClass = errorClassOf(error);
      const attempts = notice.attempts + 1;
      const next = afterFailure(errorClass, attempts, settings.retryMs, Date.now());
      if ('giveUp' in next) {
        await settle(database, notice.id, claimer, { state: NoticeState.FAILED, errorClass });
        logger.error('e-mail notice given up', { ...fields, errorClass, attempts });
      } else {
        await settle(database, notice.id, claimer, { state: NoticeState.PENDING, errorClass, nextAttemptAt: next.retryAt });
        logger.warn('e-mail notice could not be sent; it will be tried again', { ...fields, errorClass, attempts, retryAt: next.retryAt });
      }
    }
  }

  const next = await repository
    .createQueryBuilder('notice')
    .select('MIN(notice.next_attempt_at)', 'nextAt')
    .where('notice.state IN (:...states)', { states: [NoticeState.PENDING, NoticeState.SENDING] })
    .getRawOne<{ nextAt: string | null }>();
  return { more: due.length === NOTICE_ROUND, nextAt: next?.nextAt ?? null };
}

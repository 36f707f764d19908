import { randomUUID } from 'node:crypto';
import { In, LessThanOrEqual, type EntityManager } from 'typeorm';
import { lockRow, nowTimestamp, type Database, type Logger } from '../../../shared/src';
import type { Complaint, ComplaintMessage } from '../complaint/complaint.entity';
import { ComplaintActor } from '../complaint/complaint.enums';
import { addMessage, recordActivity } from '../complaint/complaint.service';
import type { FieldCipher } from '../protection/crypto';
import { scanBytes, type ClamdAddress } from './evidence.clamav';
import { ComplaintEvidence } from './evidence.entity';
import { EvidenceScanStatus } from './evidence.enums';
import { evidenceAad, initialScanStatus, nextScanDelayMs } from './evidence.rules';

/** The upload would take the complaint past its quota of items or bytes: nothing was stored. */
export class EvidenceQuotaExceeded extends Error {
  constructor(
    readonly usedFiles: number,
    readonly usedBytes: number,
  ) {
    super('evidence quota exceeded');
  }
}

/** What a complaint's evidence already takes: items and bytes, in one statement. */
export async function evidenceHolding(manager: EntityManager, complaintId: string): Promise<{ files: number; bytes: number }> {
  const [row] = (await manager.query(
    'SELECT COUNT(*) AS files, COALESCE(SUM(size_bytes), 0) AS bytes FROM complaint_evidence WHERE complaint_id = ?',
    [complaintId],
  )) as { files: number | string; bytes: number | string }[];
  return { files: Number(row?.files ?? 0), bytes: Number(row?.bytes ?? 0) };
}

export interface NewEvidence {
  complaint: Complaint;
  /** The complainant's message it comes with: an existing one, or the text of a new one written with it. */
  message: { id: string } | { text: string };
  fileName: string;
  contentType: string;
  /** The cleaned bytes (metadata removed). */
  cleaned: Buffer;
  sha256: string;
  quota: { files: number; bytes: number };
  scannerConfigured: boolean;
}

/**
 * Stores an item, its bytes encrypted, and the new message it comes with, in one transaction, within the
 * complaint's quota (checked in the transaction). EvidenceQuotaExceeded, and nothing stored, past it.
 */
export async function storeEvidence(
  database: Database,
  cipher: FieldCipher,
  input: NewEvidence,
): Promise<{ evidence: ComplaintEvidence; message: ComplaintMessage | null }> {
  const id = randomUUID();
  const now = nowTimestamp();
  const scanStatus = initialScanStatus(input.scannerConfigured);
  const evidence = Object.assign(new ComplaintEvidence(), {
    id,
    complaintId: input.complaint.id,
    messageId: '',
    fileName: input.fileName,
    contentType: input.contentType,
    sizeBytes: input.cleaned.length,
    sha256: input.sha256,
    scanStatus,
    scannedAt: null,
    scanFinding: null,
    scanAttempts: 0,
    scanNextAt: scanStatus === EvidenceScanStatus.PENDING_SCAN ? now : null,
    sharedWithCompanyAt: null,
    sharedBy: null,
    uploadedAt: now,
  });
  const data = cipher.encryptBytes(input.cleaned, evidenceAad(input.complaint.id, id));
  let message: ComplaintMessage | null = null;
  await database.transaction(async (manager) => {
    // Parallel uploads to one complaint take turns here, so together they stay within its quota.
    await lockRow(manager, 'complaint', input.complaint.id);
    const held = await evidenceHolding(manager, input.complaint.id);
    if (held.files + 1 > input.quota.files || held.bytes + input.cleaned.length > input.quota.bytes) {
      throw new EvidenceQuotaExceeded(held.files, held.bytes);
    }
    if ('text' in input.message) {
      message = await addMessage(database, cipher, input.complaint, ComplaintActor.COMPLAINANT, input.message.text, manager);
      evidence.messageId = message.id;
    } else {
      evidence.messageId = input.message.id;
    }
    await manager.insert(ComplaintEvidence, { ...evidence, data });
    // A file the complainant adds to an earlier message is activity on the case like a new message.
    await recordActivity(manager, input.complaint.id, now);
  });
  return { evidence, message };
}

export function findEvidence(database: Database, id: string): Promise<ComplaintEvidence | null> {
  return database.dataSource.manager.findOneBy(ComplaintEvidence, { id });
}

/** The decrypted, cleaned bytes of an item (one row read: an item is at most EVIDENCE_STORED_LIMIT). */
export async function evidenceBytes(database: Database, cipher: FieldCipher, item: ComplaintEvidence): Promise<Buffer> {
  const row = await database.dataSource.manager
    .createQueryBuilder(ComplaintEvidence, 'evidence')
    .addSelect('evidence.data')
    .where('evidence.id = :id', { id: item.id })
    .getOne();
  if (!row?.data) throw new Error(`the bytes of evidence ${item.id} are missing`);
  return cipher.decryptBytes(Buffer.from(row.data), evidenceAad(item.complaintId, item.id));
}

/** Shares an item with the company complained about (or stops sharing it); answers the item as it is now. */
export async function setEvidenceShared(
  database: Database,
  item: ComplaintEvidence,
  shared: boolean,
  by: string | null,
): Promise<ComplaintEvidence> {
  // Sharing again keeps the first date and who shared it.
  const change = shared
    ? { sharedWithCompanyAt: item.sharedWithCompanyAt ?? nowTimestamp(), sharedBy: item.sharedWithCompanyAt ? item.sharedBy : by }
    : { sharedWithCompanyAt: null, sharedBy: null };
  await database.transaction((manager) => manager.update(ComplaintEvidence, { id: item.id }, change));
  return Object.assign(new ComplaintEvidence(), item, change);
}

/** Items scanned per round; a full round asks for the next one at once. */
const SCAN_BATCH = 20;

export interface ScanRound {
  scanned: number;
  infected: number;
  /** Still pending after the round (clamd was down). */
  pending: number;
  /** When the earliest item left pending is due, if any. */
  nextAt: string | null;
  more: boolean;
}

/**
 * One round of the malware scan: every item PENDING_SCAN that is due (and NOT_SCANNED ones left from a time
 * without a scanner), one at a time (an item's bytes in memory, never a batch's). A verdict is written only
 * over a pending status, so two replicas scanning the same item agree. When clamd cannot be asked, the item
 * stays pending and is tried again later, longer each time.
 */
export async function runEvidenceScans(
  database: Database,
  cipher: FieldCipher,
  clamav: ClamdAddress,
  options: { retryMs: number; timeoutMs: number },
  logger: Logger,
  now: string = nowTimestamp(),
): Promise<ScanRound> {
  const manager = database.dataSource.manager;
  const waiting = In([EvidenceScanStatus.PENDING_SCAN, EvidenceScanStatus.NOT_SCANNED]);
  const due = await manager.find(ComplaintEvidence, {
    where: [
      { scanStatus: EvidenceScanStatus.PENDING_SCAN, scanNextAt: LessThanOrEqual(now) },
      { scanStatus: EvidenceScanStatus.NOT_SCANNED },
    ],
    order: { scanNextAt: 'ASC', id: 'ASC' },
    take: SCAN_BATCH,
  });
  const round: ScanRound = { scanned: 0, infected: 0, pending: 0, nextAt: null, more: due.length === SCAN_BATCH };
  for (const item of due) {
    try {
      const verdict = await scanBytes(clamav, await evidenceBytes(database, cipher, item), options.timeoutMs);
      await manager.update(
        ComplaintEvidence,
        { id: item.id, scanStatus: waiting },
        verdict.infected
          ? { scanStatus: EvidenceScanStatus.INFECTED, scanFinding: verdict.finding, scannedAt: nowTimestamp(), scanNextAt: null }
          : { scanStatus: EvidenceScanStatus.CLEAN, scannedAt: nowTimestamp(), scanNextAt: null },
      );
      round.scanned += 1;
      if (verdict.infected) {
        round.infected += 1;
        logger.warn('evidence quarantined', { evidenceId: item.id, complaintId: item.complaintId, finding: verdict.finding });
      }
    } catch (error) {
      const nextAt = new Date(Date.parse(now) + nextScanDelayMs(item.scanAttempts, options.retryMs)).toISOString();
      await manager.update(
        ComplaintEvidence,
        { id: item.id, scanStatus: waiting },
        { scanStatus: EvidenceScanStatus.PENDING_SCAN, scanAttempts: item.scanAttempts + 1, scanNextAt: nextAt },
      );
      round.pending += 1;
      round.nextAt = round.nextAt && round.nextAt < nextAt ? round.nextAt : nextAt;
      logger.warn('evidence scan not done: clamd did not answer', { evidenceId: item.id, error: (error as Error).message });
    }
  }
  if (!round.more && round.pending === 0) {
    const later = await manager.findOne(ComplaintEvidence, {
      where: { scanStatus: EvidenceScanStatus.PENDING_SCAN },
      order: { scanNextAt: 'ASC' },
    });
    round.nextAt = later?.scanNextAt ?? null;
  }
  return round;
}

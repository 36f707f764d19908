import { In } from 'typeorm';
import { listLoader, recordLoader, type Database } from '../../../shared/src';
import { ComplaintEvidence } from './evidence.entity';

/** Per-request loaders of evidence: one statement per list of complaints or messages, never the bytes. */
export function createEvidenceLoaders(database: Database) {
  const manager = database.dataSource.manager;
  return {
    evidenceOfComplaint: listLoader<string, ComplaintEvidence>(
      (ids) => manager.find(ComplaintEvidence, { where: { complaintId: In([...ids]) }, order: { uploadedAt: 'ASC', id: 'ASC' } }),
      (item) => item.complaintId,
    ),
    evidenceOfMessage: listLoader<string, ComplaintEvidence>(
      (ids) => manager.find(ComplaintEvidence, { where: { messageId: In([...ids]) }, order: { uploadedAt: 'ASC', id: 'ASC' } }),
      (item) => item.messageId,
    ),
    evidence: recordLoader<string, ComplaintEvidence>(
      (ids) => manager.findBy(ComplaintEvidence, { id: In([...ids]) }),
      (item) => item.id,
    ),
  };
}

import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { In, type EntityManager } from 'typeorm';
import { isUniqueViolation, nowTimestamp, type Database } from '../../../shared/src';
import { DocumentChunk, DocumentContent, StoredDocument } from './document.entity';

/** 1 MiB per chunk row: far below MariaDB's 16 MB `max_allowed_packet`, whatever the document's size. */
export const CHUNK_BYTES = 1024 * 1024;

/** The bytes of an upload and their SHA-256, wherever they are held: in memory, or in a spool file as they arrived. */
export interface DocumentBytes {
  sha256: string;
  sizeBytes: number;
  /** The `sequence`-th slice of CHUNK_BYTES bytes. */
  chunk(sequence: number): Promise<Buffer>;
}

/** Bytes held in memory (the sample data's small documents). */
export function bytesInMemory(bytes: Buffer): DocumentBytes {
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sizeBytes: bytes.length,
    chunk: async (sequence) => bytes.subarray(sequence * CHUNK_BYTES, (sequence + 1) * CHUNK_BYTES),
  };
}

export interface NewDocument {
  organizationId: string;
  fileName: string;
  contentType: string;
  bytes: DocumentBytes;
  uploadedBy: string | null;
  /** The organization's storage quota in bytes (uploads); none for the sample data. */
  quotaBytes?: number;
}

/** The upload would take the organization's documents past its quota: nothing was stored. */
export class QuotaExceeded extends Error {
  constructor(
    readonly usedBytes: number,
    readonly quotaBytes: number,
  ) {
    super(`quota of ${quotaBytes} bytes exceeded`);
  }
}

/**
 * The bytes an organization's documents take (the same bytes counted once, however often uploaded), and
 * whether it already holds `sha256`: one statement.
 */
async function organizationHolding(manager: EntityManager, organizationId: string, sha256: string) {
  const [row] = (await manager.query(
    'SELECT COALESCE(SUM(held.size_bytes), 0) AS used, COALESCE(MAX(CASE WHEN held.sha256 = ? THEN 1 ELSE 0 END), 0) AS holds ' +
      'FROM (SELECT DISTINCT sha256, size_bytes FROM document WHERE organization_id = ?) held',
    [sha256, organizationId],
  )) as { used: number | string; holds: number | string }[];
  return { usedBytes: Number(row?.used ?? 0), holds: Number(row?.holds ?? 0) === 1 };
}

/**
 * Stores an upload: its bytes once per SHA-256 (in chunks, in the same transaction as the record) and
 * a record of who uploaded what for which company. The same bytes uploaded twice share their chunks.
 * With a quota, bytes the organization does not hold yet must fit in it (checked in the transaction),
 * or QuotaExceeded is thrown and nothing is stored.
 */
export async function storeDocument(database: Database, input: NewDocument): Promise<StoredDocument> {
  const { sha256, sizeBytes } = input.bytes;
  const document = Object.assign(new StoredDocument(), {
    id: randomUUID(),
    organizationId: input.organizationId,
    sha256,
    fileName: input.fileName,
    contentType: input.contentType,
    sizeBytes,
    uploadedBy: input.uploadedBy,
    uploadedAt: nowTimestamp(),
  });
  const write = () =>
    database.transaction(async (manager) => {
      if (input.quotaBytes !== undefined) {
        const holding = await organizationHolding(manager, input.organizationId, sha256);
        if (!holding.holds && holding.usedBytes + sizeBytes > input.quotaBytes) throw new QuotaExceeded(holding.usedBytes, input.quotaBytes);
      }
      if (!(await manager.findOneBy(DocumentContent, { sha256 }))) {
        const chunkCount = Math.max(1, Math.ceil(sizeBytes / CHUNK_BYTES));
        await manager.insert(DocumentContent, { sha256, sizeBytes, chunkCount, storedAt: nowTimestamp() });
        // One statement per chunk: a multi-row insert would put them all in one packet again.
        for (let sequence = 0; sequence < chunkCount; sequence += 1) {
          await manager.insert(DocumentChunk, { sha256, sequence, data: await input.bytes.chunk(sequence) });
        }
      }
      await manager.insert(StoredDocument, document);
    });
  try {
    await write();
  } catch (error) {
    // The same bytes stored by a concurrent upload: they are there now, only the record is left to write.
    if (!isUniqueViolation(error)) throw error;
    await write();
  }
  return document;
}

export function findDocuments(database: Database, ids: readonly string[]): Promise<StoredDocument[]> {
  return database.dataSource.manager.findBy(StoredDocument, { id: In([...ids]) });
}

/**
 * The bytes of a stored content as a stream, one chunk row read at a time, so a 25 MB download never
 * holds more than a chunk in memory.
 */
export function documentBytes(database: Database, sha256: string, chunkCount: number): Readable {
  let sequence = 0;
  return new Readable({
    read() {
      if (sequence >= chunkCount) {
        this.push(null);
        return;
      }
      const current = sequence;
      sequence += 1;
      database.dataSource.manager
        .findOneBy(DocumentChunk, { sha256, sequence: current })
        .then((chunk) => {
          if (!chunk) throw new Error(`chunk ${current} of ${sha256} is missing`);
          this.push(Buffer.from(chunk.data));
        })
        .catch((error: Error) => this.destroy(error));
    },
  });
}

export function documentContent(database: Database, sha256: string): Promise<DocumentContent | null> {
  return database.dataSource.manager.findOneBy(DocumentContent, { sha256 });
}

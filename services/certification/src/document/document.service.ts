import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { In } from 'typeorm';
import { isUniqueViolation, nowTimestamp, type Database } from '../../../shared/src';
import { DocumentChunk, DocumentContent, StoredDocument } from './document.entity';

/** 1 MiB per chunk row: far below MariaDB's 16 MB `max_allowed_packet`, whatever the document's size. */
export const CHUNK_BYTES = 1024 * 1024;

export interface NewDocument {
  organizationId: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
  uploadedBy: string | null;
}

/**
 * Stores an upload: its bytes once per SHA-256 (in chunks, in the same transaction as the record) and
 * a record of who uploaded what for which company. The same bytes uploaded twice share their chunks.
 */
export async function storeDocument(database: Database, input: NewDocument): Promise<StoredDocument> {
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const document = Object.assign(new StoredDocument(), {
    id: randomUUID(),
    organizationId: input.organizationId,
    sha256,
    fileName: input.fileName,
    contentType: input.contentType,
    sizeBytes: input.bytes.length,
    uploadedBy: input.uploadedBy,
    uploadedAt: nowTimestamp(),
  });
  const write = () =>
    database.transaction(async (manager) => {
      if (!(await manager.findOneBy(DocumentContent, { sha256 }))) {
        const chunkCount = Math.max(1, Math.ceil(input.bytes.length / CHUNK_BYTES));
        await manager.insert(DocumentContent, { sha256, sizeBytes: input.bytes.length, chunkCount, storedAt: nowTimestamp() });
        // One statement per chunk: a multi-row insert would put them all in one packet again.
        for (let sequence = 0; sequence < chunkCount; sequence += 1) {
          const data = input.bytes.subarray(sequence * CHUNK_BYTES, (sequence + 1) * CHUNK_BYTES);
          await manager.insert(DocumentChunk, { sha256, sequence, data });
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

import { In } from 'typeorm';
import { recordLoader, type Database } from '../../../shared/src';
import { StoredDocument } from './document.entity';

/** Per-request loaders of stored documents (their descriptions, not their bytes): one statement per batch. */
export function createDocumentLoaders(database: Database) {
  const manager = database.dataSource.manager;
  return {
    document: recordLoader<string, StoredDocument>(
      (ids) => manager.findBy(StoredDocument, { id: In([...ids]) }),
      (d) => d.id,
    ),
  };
}

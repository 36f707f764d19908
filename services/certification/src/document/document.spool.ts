import { SpoolFile } from '../../../shared/src';
import { CHUNK_BYTES, type DocumentBytes } from './document.service';
import { documentType, isZip, SIGNATURE_BYTES, ZIP_END_BYTES, zipDirectory, zipDirectoryNames } from './document.rules';

/**
 * A document upload in its spool file (the shared SpoolFile: a chunk in memory at a time, never the file),
 * read back in the document store's chunks and typed from its content.
 */
export class SpooledUpload extends SpoolFile implements DocumentBytes {
  /** A new, empty spool file in `folder`, readable by this process's user only. */
  static override async create(folder: string): Promise<SpooledUpload> {
    const { file, filePath } = await SpoolFile.openIn(folder);
    return new SpooledUpload(file, filePath);
  }

  chunk(sequence: number): Promise<Buffer> {
    return this.read(sequence * CHUNK_BYTES, CHUNK_BYTES);
  }

  /**
   * The media type read from the content: the first bytes, and for a ZIP archive its central directory
   * (read from the end of the file, at most a chunk of it: a DOCX lists a few dozen entries).
   */
  async contentType(): Promise<string | null> {
    const head = await this.read(0, SIGNATURE_BYTES);
    if (!isZip(head)) return documentType(head, null);
    const tailStart = Math.max(0, this.sizeBytes - ZIP_END_BYTES);
    const directory = zipDirectory(await this.read(tailStart, this.sizeBytes - tailStart));
    const names =
      directory && directory.offset < this.sizeBytes
        ? zipDirectoryNames(await this.read(directory.offset, Math.min(this.sizeBytes - directory.offset, CHUNK_BYTES)), directory.count)
        : null;
    return documentType(head, names);
  }
}

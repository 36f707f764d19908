import { createHash, randomUUID, type Hash } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { CHUNK_BYTES, type DocumentBytes } from './document.service';
import { documentType, isZip, SIGNATURE_BYTES, ZIP_END_BYTES, zipDirectory, zipDirectoryNames } from './document.rules';

/** Received bytes are written to the spool file in pieces of this size. */
const WRITE_BYTES = 256 * 1024;

/**
 * An upload written to a temporary file as it arrives, hashed (SHA-256) on the way: the process holds a
 * chunk of it at a time, never the file. Read back chunk by chunk when it is stored; removed afterwards.
 */
export class SpooledUpload implements DocumentBytes {
  sha256 = '';
  sizeBytes = 0;
  private readonly hash: Hash = createHash('sha256');
  /** Bytes received but not yet written: written together once they make WRITE_BYTES (fewer trips to the disk). */
  private unwritten: Buffer[] = [];
  private unwrittenBytes = 0;
  private writtenBytes = 0;

  private constructor(
    private readonly file: FileHandle,
    private readonly filePath: string,
  ) {}

  /** A new, empty spool file in `folder`, readable by this process's user only. */
  static async create(folder: string): Promise<SpooledUpload> {
    const filePath = path.join(folder, `icoca-upload-${randomUUID()}`);
    return new SpooledUpload(await open(filePath, 'wx+', 0o600), filePath);
  }

  async write(chunk: Buffer): Promise<void> {
    this.hash.update(chunk);
    this.sizeBytes += chunk.length;
    this.unwritten.push(chunk);
    this.unwrittenBytes += chunk.length;
    if (this.unwrittenBytes >= WRITE_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    const bytes = this.unwritten.length === 1 ? this.unwritten[0] : Buffer.concat(this.unwritten);
    this.unwritten = [];
    this.unwrittenBytes = 0;
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await this.file.write(bytes, written, bytes.length - written, this.writtenBytes + written);
      written += bytesWritten;
    }
    this.writtenBytes += bytes.length;
  }

  /** Every byte has arrived: written, and the hash final. */
  async finish(): Promise<void> {
    await this.flush();
    this.sha256 = this.hash.digest('hex');
  }

  private async read(position: number, length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(Math.max(0, Math.min(length, this.sizeBytes - position)));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await this.file.read(buffer, filled, buffer.length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
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

  /** Closes and deletes the file (whether or not it was stored). */
  async remove(): Promise<void> {
    await this.file.close().catch(() => undefined);
    await rm(this.filePath, { force: true });
  }
}

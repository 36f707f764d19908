/**
 * What a document is, read from its bytes (never from its name or the type a client claims): PDF, PNG,
 * JPEG, and DOCX or XLSX, which are ZIP archives holding `[Content_Types].xml` and a Word or Excel main part.
 */

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The types the Association accepts, as named in refusals. */
export const ACCEPTED_TYPES = 'PDF, PNG, JPEG, DOCX or XLSX';

const startsWith = (bytes: Buffer, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** Where a ZIP archive's central directory lies, as its end-of-central-directory record says. */
export interface ZipDirectory {
  /** Offset of the directory from the archive's start. */
  offset: number;
  /** Its length in bytes, as the record gives it. */
  size: number;
  /** How many entries it lists. */
  count: number;
}

/** The bytes from the end of an archive that hold its end-of-central-directory record: 22, plus a comment of up to 64 KiB. */
export const ZIP_END_BYTES = 22 + 0xffff;

/**
 * The central directory's place, from the archive's last bytes (`tail`, at most ZIP_END_BYTES of them);
 * null when no end-of-central-directory record is there.
 */
export function zipDirectory(tail: Buffer): ZipDirectory | null {
  for (let at = tail.length - 22; at >= 0; at -= 1) {
    if (tail.readUInt32LE(at) !== 0x06054b50) continue;
    return { count: tail.readUInt16LE(at + 10), size: tail.readUInt32LE(at + 12), offset: tail.readUInt32LE(at + 16) };
  }
  return null;
}

/** The names of the `count` entries of a central directory (`directory` starts at its first entry); null when unreadable. */
export function zipDirectoryNames(directory: Buffer, count: number): string[] | null {
  let entry = 0;
  const names: string[] = [];
  for (let i = 0; i < count; i += 1) {
    if (entry + 46 > directory.length || directory.readUInt32LE(entry) !== 0x02014b50) return null;
    const nameLength = directory.readUInt16LE(entry + 28);
    const extraLength = directory.readUInt16LE(entry + 30);
    const commentLength = directory.readUInt16LE(entry + 32);
    names.push(directory.toString('utf8', entry + 46, entry + 46 + nameLength));
    entry += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** The names of the entries of a ZIP archive, from its central directory; null when it is not a readable ZIP. */
export function zipEntryNames(bytes: Buffer): string[] | null {
  const directory = zipDirectory(bytes.subarray(Math.max(0, bytes.length - ZIP_END_BYTES)));
  return directory ? zipDirectoryNames(bytes.subarray(directory.offset), directory.count) : null;
}

/** The bytes a document's type is read from first (the longest signature: PNG's). */
export const SIGNATURE_BYTES = 8;

/** Whether the first bytes are a ZIP archive's (DOCX and XLSX are): its entry names then decide. */
export const isZip = (head: Buffer) => startsWith(head, [0x50, 0x4b, 0x03, 0x04]);

/**
 * The media type of an accepted document from its first SIGNATURE_BYTES bytes and, for a ZIP archive, the
 * names of its entries (null when unreadable); null for anything else.
 */
export function documentType(head: Buffer, zipNames: string[] | null): string | null {
  if (head.length < SIGNATURE_BYTES) return null;
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (isZip(head)) {
    const names = new Set(zipNames ?? []);
    if (!names.has('[Content_Types].xml')) return null;
    if (names.has('word/document.xml')) return DOCX;
    if (names.has('xl/workbook.xml')) return XLSX;
  }
  return null;
}

/** The media type of an accepted document held in memory, or null for anything else (an executable renamed `.pdf`, say). */
export function documentContentType(bytes: Buffer): string | null {
  return documentType(bytes, isZip(bytes) ? zipEntryNames(bytes) : null);
}

/** Names are made safe as every upload's are (services/shared/src/uploads.ts). */
export { safeFileName } from '../../../shared/src';

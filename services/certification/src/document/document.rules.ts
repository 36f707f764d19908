/**
 * What a document is, read from its bytes (never from its name or the type a client claims): PDF, PNG,
 * JPEG, and DOCX or XLSX, which are ZIP archives holding `[Content_Types].xml` and a Word or Excel main part.
 */

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The types the Association accepts, as named in refusals. */
export const ACCEPTED_TYPES = 'PDF, PNG, JPEG, DOCX or XLSX';

const startsWith = (bytes: Buffer, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** The names of the entries of a ZIP archive, from its central directory; null when it is not a readable ZIP. */
export function zipEntryNames(bytes: Buffer): string[] | null {
  // The end-of-central-directory record sits in the last 22 bytes plus an optional comment of up to 64 KiB.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at -= 1) {
    if (bytes.readUInt32LE(at) !== 0x06054b50) continue;
    const count = bytes.readUInt16LE(at + 10);
    let entry = bytes.readUInt32LE(at + 16);
    const names: string[] = [];
    for (let i = 0; i < count; i += 1) {
      if (entry + 46 > bytes.length || bytes.readUInt32LE(entry) !== 0x02014b50) return null;
      const nameLength = bytes.readUInt16LE(entry + 28);
      const extraLength = bytes.readUInt16LE(entry + 30);
      const commentLength = bytes.readUInt16LE(entry + 32);
      names.push(bytes.toString('utf8', entry + 46, entry + 46 + nameLength));
      entry += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  }
  return null;
}

/** The media type of an accepted document, or null for anything else (an executable renamed `.pdf`, say). */
export function documentContentType(bytes: Buffer): string | null {
  if (bytes.length < 8) return null;
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = new Set(zipEntryNames(bytes) ?? []);
    if (!names.has('[Content_Types].xml')) return null;
    if (names.has('word/document.xml')) return DOCX;
    if (names.has('xl/workbook.xml')) return XLSX;
  }
  return null;
}

/** A file name safe to store and to send back in Content-Disposition: no folders, no control characters, at most 200 characters. */
export function safeFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\p{Cc}\p{Cf}"]/gu, '').trim().slice(0, 200);
  return cleaned || 'document';
}

import { EvidenceScanStatus } from './evidence.enums';

/*
 * What evidence a complainant may send and who may download it: plain functions, no database.
 */

const MiB = 1024 * 1024;

/** The largest file a complainant may send (the route's own limit; GraphQL routes keep their 1 MB). */
export const EVIDENCE_FILE_LIMIT = 10 * MiB;

/** The largest upload body: the file, the message that comes with it (10 000 characters) and the envelope. */
export const EVIDENCE_BODY_LIMIT = EVIDENCE_FILE_LIMIT + 64 * 1024;

/** A cleaned file past this is refused: re-encoding may grow a file, and a row must stay far below MariaDB's 16 MB packet. */
export const EVIDENCE_STORED_LIMIT = 12 * MiB;

/** The largest image decoded (pixels): bounds the memory the re-encoding takes (about 4 bytes a pixel). */
export const EVIDENCE_MAX_PIXELS = 40_000_000;

/** The types accepted, as named in refusals. */
export const ACCEPTED_EVIDENCE_TYPES = 'JPEG, PNG or WebP photo, or PDF';

/** The bytes the type is read from (WebP's signature is the longest: `RIFF....WEBP`). */
export const EVIDENCE_SIGNATURE_BYTES = 12;

const startsWith = (bytes: Buffer, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);

/** The media type of an accepted file read from its first bytes (never its name or declared type); null otherwise. */
export function evidenceType(head: Buffer): string | null {
  if (head.length < EVIDENCE_SIGNATURE_BYTES) return null;
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp'; // RIFF....WEBP
  return null;
}

/** The status a new item starts with: waiting for the scan, or not scanned when the service has no scanner (development). */
export function initialScanStatus(scannerConfigured: boolean): EvidenceScanStatus {
  return scannerConfigured ? EvidenceScanStatus.PENDING_SCAN : EvidenceScanStatus.NOT_SCANNED;
}

/**
 * May the bytes be served at all (whoever asks)? CLEAN ones; NOT_SCANNED ones only while the service runs
 * without a scanner (development). Never PENDING_SCAN or INFECTED (quarantined).
 */
export function mayServe(status: EvidenceScanStatus, scannerConfigured: boolean): boolean {
  return status === EvidenceScanStatus.CLEAN || (status === EvidenceScanStatus.NOT_SCANNED && !scannerConfigured);
}

/** Which items the company complained about sees: those the Secretariat shared, once scanned CLEAN. */
export function companyMaySee(item: { scanStatus: EvidenceScanStatus; sharedWithCompanyAt: string | null }): boolean {
  return item.sharedWithCompanyAt !== null && item.scanStatus === EvidenceScanStatus.CLEAN;
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp', 'application/pdf': '.pdf' };

/**
 * The name the company complained about reads and downloads an item under: not the complainant's own (a file
 * name often carries a name, a place or a date, "Yusuf at the gate.jpg"), which the Secretariat and the
 * complainant alone read.
 */
export function companyFileName(item: { id: string; contentType: string }): string {
  return `evidence-${item.id.slice(0, 8)}${EXTENSIONS[item.contentType] ?? ''}`;
}

/** A pending scan that could not be done (the scanner was down) is tried again after this long, longer each time, at most an hour. */
export function nextScanDelayMs(attempts: number, intervalMs: number): number {
  return Math.min(intervalMs * 2 ** Math.min(attempts, 10), 3_600_000);
}

/** The associated data binding an item's encrypted bytes to its complaint and to itself. */
export const evidenceAad = (complaintId: string, evidenceId: string) => `complaint:${complaintId}:evidence:${evidenceId}`;

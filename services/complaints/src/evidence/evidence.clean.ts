import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { EVIDENCE_MAX_PIXELS, EVIDENCE_STORED_LIMIT } from './evidence.rules';

/*
 * Metadata removed before anything is stored: photos re-encoded by sharp (libvips), which keeps no EXIF,
 * XMP or IPTC (GPS position, camera serial, author) unless asked, with the orientation applied to the
 * pixels first; PDFs emptied by exiftool (`-all:all=`: the Info dictionary and XMP) and then rewritten by
 * qpdf, since exiftool alone appends an update that leaves the old values recoverable in the file. A file
 * the tools cannot clean is refused, never stored as it came.
 */

// One image at a time per process and no cache: the memory an upload takes stays bounded.
sharp.concurrency(1);
sharp.cache(false);

/** The file could not be cleaned (not a readable image or PDF, or a tool failed): it is refused. */
export class NotCleanable extends Error {}

/** The cleaned file is larger than a stored item may be. */
export class CleanedTooLarge extends Error {}

const TOOL_TIMEOUT_MS = 60_000;

/** Runs a tool; resolves its exit code (qpdf's 3 means "done, with warnings"), rejects when it cannot run. */
function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: TOOL_TIMEOUT_MS, maxBuffer: 1024 * 1024 }, (error) => {
      if (!error) return resolve(0);
      const code = (error as NodeJS.ErrnoException & { code?: unknown }).code;
      if (typeof code === 'number') return resolve(code);
      reject(error);
    });
  });
}

async function cleanImage(source: string, contentType: string): Promise<Buffer> {
  try {
    // `rotate()` with no angle applies the EXIF orientation to the pixels before the metadata goes.
    const image = sharp(source, { limitInputPixels: EVIDENCE_MAX_PIXELS, failOn: 'error' }).rotate();
    if (contentType === 'image/png') return await image.png().toBuffer();
    if (contentType === 'image/webp') return await image.webp({ quality: 92 }).toBuffer();
    return await image.jpeg({ quality: 92 }).toBuffer();
  } catch (error) {
    throw new NotCleanable(`image: ${(error as Error).message}`);
  }
}

async function cleanPdf(source: string, workFolder: string): Promise<Buffer> {
  const normalized = path.join(workFolder, 'normalized.pdf');
  const rewritten = path.join(workFolder, 'clean.pdf');
  // qpdf first: it repairs a damaged cross-reference table (which exiftool refuses to edit) and decrypts a file
  // with an empty password; 0 is success, 3 success with warnings.
  if (![0, 3].includes(await run('qpdf', ['--decrypt', source, normalized]))) throw new NotCleanable('pdf: qpdf could not read it');
  if ((await run('exiftool', ['-q', '-q', '-all:all=', '-overwrite_original', normalized])) !== 0) {
    throw new NotCleanable('pdf: exiftool could not remove its metadata');
  }
  // The rewrite keeps only objects the document still uses: the old Info dictionary and XMP are gone.
  if (![0, 3].includes(await run('qpdf', [normalized, rewritten]))) throw new NotCleanable('pdf: qpdf could not rewrite it');
  if ((await stat(rewritten)).size > EVIDENCE_STORED_LIMIT) throw new CleanedTooLarge();
  return readFile(rewritten);
}

/**
 * The cleaned bytes of the upload at `source` (of `contentType`, read from its content), worked on in a
 * private folder under `workRoot` that is removed on every path. NotCleanable when the tools fail.
 */
export async function cleanEvidence(source: string, contentType: string, workRoot: string): Promise<Buffer> {
  if (contentType !== 'application/pdf') {
    const cleaned = await cleanImage(source, contentType);
    if (cleaned.length > EVIDENCE_STORED_LIMIT) throw new CleanedTooLarge();
    return cleaned;
  }
  const workFolder = await mkdtemp(path.join(workRoot, 'icoca-evidence-'));
  try {
    return await cleanPdf(source, workFolder);
  } catch (error) {
    if (error instanceof NotCleanable || error instanceof CleanedTooLarge) throw error;
    throw new NotCleanable(`pdf: ${(error as Error).message}`);
  } finally {
    await rm(workFolder, { recursive: true, force: true });
  }
}

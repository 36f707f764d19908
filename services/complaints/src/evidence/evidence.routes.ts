import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import {
  callerOf,
  declaredTooLarge,
  ErrorCode,
  isSecretariat,
  MultipartError,
  receiveForm,
  refuseBusy,
  refuseFile as refuse,
  safeFileName,
  sendAttachment,
  SpoolFile,
  streamedUploads,
  text,
  uploadSlots,
  type Database,
  type Logger,
  type Viewer,
} from '../../../shared/src';
import { maySee } from '../complaint/complaint.access';
import { Complaint, ComplaintMessage } from '../complaint/complaint.entity';
import { ComplaintActor } from '../complaint/complaint.enums';
import { complainantMayWrite } from '../complaint/complaint.rules';
import { findByReceipt, MAX_MESSAGE } from '../complaint/complaint.service';
import type { FieldCipher } from '../protection/crypto';
import { CleanedTooLarge, cleanEvidence, NotCleanable } from './evidence.clean';
import { EvidenceScanStatus } from './evidence.enums';
import {
  ACCEPTED_EVIDENCE_TYPES,
  companyFileName,
  companyMaySee,
  EVIDENCE_BODY_LIMIT,
  EVIDENCE_FILE_LIMIT,
  EVIDENCE_SIGNATURE_BYTES,
  EVIDENCE_STORED_LIMIT,
  evidenceType,
  mayServe,
} from './evidence.rules';
import { EvidenceQuotaExceeded, evidenceBytes, findEvidence, storeEvidence } from './evidence.service';
import type { EvidenceSettings } from '../config';

/** The header carrying the complainant's receipt code: never the URL, which proxies and logs keep. */
export const RECEIPT_CODE_HEADER = 'x-receipt-code';

/** The code of an upload that would take the complaint past its quota (HTTP 413). */
export const QUOTA_EXCEEDED = 'QUOTA_EXCEEDED';

const PENDING_RETRY_AFTER_SECONDS = 10;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The receipt code sent in its header, if any. */
function receiptCodeOf(request: FastifyRequest): string | null {
  const value = request.headers[RECEIPT_CODE_HEADER];
  return typeof value === 'string' && value.trim() ? value : null;
}

/** Who did it, for the audit lines (never the token, never the receipt code). */
const actor = (viewer: Viewer | null) =>
  viewer ? { viewerRole: viewer.role, viewerSubject: viewer.subject ?? null, viewerOrganizationId: viewer.organizationId ?? null } : { viewerRole: 'complainant' };

export interface EvidenceRouteOptions {
  database: Database;
  cipher: FieldCipher;
  logger: Logger;
  settings: EvidenceSettings;
  /** Called once an item is stored: the scan round (with a scanner) and the notice round run now. */
  stored(): void;
}

/**
 * `POST /complaints/evidence` (multipart: `file`, and `message` — the text of a new message it comes with — or
 * `messageId` of one of the complainant's own messages; the receipt code in the `X-Receipt-Code` header) and
 * `GET /complaints/evidence/:id` (with a token, or the receipt code header); the gateway forwards both. The
 * upload is written to a spool file as it arrives, typed from its bytes, cleaned of its metadata, encrypted and
 * stored; scanned afterwards, and served to nobody before a CLEAN verdict.
 */
export function evidenceRoutes({ database, cipher, logger, settings, stored }: EvidenceRouteOptions) {
  const slots = uploadSlots(settings.concurrentUploads);
  const scannerConfigured = settings.clamav !== null;
  return async (app: FastifyInstance, viewerOf: (request: FastifyRequest) => Promise<Viewer>) => {
    await app.register(async (scope) => {
      const readOutRefused = streamedUploads(scope, EVIDENCE_BODY_LIMIT);

      scope.post('/complaints/evidence', { onSend: readOutRefused }, async (request, reply) => {
        const log = logger.child({ requestId: request.id });
        const code = receiptCodeOf(request);
        if (!code) {
          return refuse(reply, 401, ErrorCode.Unauthenticated, `Send the complaint's receipt code in the ${RECEIPT_CODE_HEADER} header`);
        }
        if (declaredTooLarge(request, EVIDENCE_BODY_LIMIT)) {
          return refuse(reply, 413, 'BAD_REQUEST', `Request body too large: at most ${EVIDENCE_FILE_LIMIT} bytes a file`);
        }
        const complaint = await findByReceipt(database, code);
        if (!complaint) {
          log.warn('evidence refused', { reason: 'receipt code' });
          return refuse(reply, 404, ErrorCode.NotFound, 'A complaint with this receipt code was not found');
        }
        if (!complainantMayWrite(complaint.status)) {
          return refuse(reply, 400, ErrorCode.BadUserInput, 'The complaint is closed', { field: 'receiptCode' });
        }
        if (!slots.take()) {
          return refuseBusy(reply, 'files are being sent');
        }
        let spool: SpoolFile | undefined;
        try {
          spool = await SpoolFile.create(settings.spoolDir);
          const into = spool;
          const form = await receiveForm(request, reply, {
            fileField: 'file',
            onFileData: (chunk) => {
              if (into.sizeBytes + chunk.length > EVIDENCE_FILE_LIMIT) throw new MultipartError(`The file is too large: at most ${EVIDENCE_FILE_LIMIT} bytes`, true);
              return into.write(chunk);
            },
            maxBytes: EVIDENCE_BODY_LIMIT,
            maxFieldBytes: 4 * MAX_MESSAGE,
            maxParts: 5,
          });
          if (!form) return reply;
          await spool.finish();
          if (!form.file || spool.sizeBytes === 0) return await refuse(reply, 400, ErrorCode.BadUserInput, 'Attach the file as the field "file"', { field: 'file' });

          // The message it comes with: a new one, or one of the complainant's own.
          const messageText = form.fields.get('message');
          const messageId = form.fields.get('messageId')?.trim();
          let message: { id: string } | { text: string };
          if (messageText !== undefined && !messageId) {
            try {
              message = { text: text(messageText, 'message', { max: MAX_MESSAGE }) };
            } catch (error) {
              return await refuse(reply, 400, ErrorCode.BadUserInput, (error as GraphQLError).message, { field: 'message' });
            }
          } else if (messageId && messageText === undefined) {
            const own = UUID.test(messageId)
              ? await database.dataSource.manager.findOneBy(ComplaintMessage, { id: messageId.toLowerCase(), complaintId: complaint.id })
              : null;
            if (!own || own.sender !== ComplaintActor.COMPLAINANT) {
              return await refuse(reply, 400, ErrorCode.BadUserInput, 'messageId must name one of your own messages of this complaint', { field: 'messageId' });
            }
            message = { id: own.id };
          } else {
            return await refuse(reply, 400, ErrorCode.BadUserInput, 'Send either "message" (a new message) or "messageId" (one of yours) with the file', { field: 'message' });
          }

          const contentType = evidenceType(await spool.read(0, EVIDENCE_SIGNATURE_BYTES));
          if (!contentType) {
            log.warn('evidence refused', { reason: 'type', sizeBytes: spool.sizeBytes, complaintId: complaint.id });
            return await refuse(reply, 415, ErrorCode.BadUserInput, `The file is not a ${ACCEPTED_EVIDENCE_TYPES} (read from its content)`, { field: 'file' });
          }
          let cleaned: Buffer;
          try {
            cleaned = await cleanEvidence(spool.filePath, contentType, settings.spoolDir);
          } catch (error) {
            if (error instanceof CleanedTooLarge) {
              return await refuse(reply, 413, 'BAD_REQUEST', `The file is too large once cleaned: at most ${EVIDENCE_STORED_LIMIT} bytes`);
            }
            if (!(error instanceof NotCleanable)) throw error;
            // Never stored as it came: a file whose metadata cannot be removed is refused.
            log.warn('evidence refused', { reason: 'not cleanable', contentType, complaintId: complaint.id, error: error.message });
            return await refuse(reply, 415, ErrorCode.BadUserInput, `The file could not be read as a ${ACCEPTED_EVIDENCE_TYPES}`, { field: 'file' });
          }
          let result: Awaited<ReturnType<typeof storeEvidence>>;
          try {
            result = await storeEvidence(database, cipher, {
              complaint,
              message,
              fileName: safeFileName(form.file.fileName, contentType === 'application/pdf' ? 'evidence.pdf' : 'evidence'),
              contentType,
              cleaned,
              sha256: createHash('sha256').update(cleaned).digest('hex'),
              quota: { files: settings.quotaFiles, bytes: settings.quotaBytes },
              scannerConfigured,
            });
          } catch (error) {
            if (!(error instanceof EvidenceQuotaExceeded)) throw error;
            log.warn('evidence refused', { reason: 'quota', complaintId: complaint.id, usedFiles: error.usedFiles, usedBytes: error.usedBytes });
            return await refuse(
              reply,
              413,
              QUOTA_EXCEEDED,
              `A complaint takes at most ${settings.quotaFiles} files and ${settings.quotaBytes} bytes of evidence; ` +
                `${error.usedFiles} files and ${error.usedBytes} bytes are taken, this one has ${cleaned.length}`,
              { quotaFiles: settings.quotaFiles, quotaBytes: settings.quotaBytes, usedFiles: error.usedFiles, usedBytes: error.usedBytes },
            );
          }
          const { evidence } = result;
          // Always: the scan round (if any) and the notice round of the message it may have come with.
          stored();
          log.info('evidence received', {
            evidenceId: evidence.id,
            complaintId: complaint.id,
            messageId: evidence.messageId,
            contentType,
            sizeBytes: evidence.sizeBytes,
            scanStatus: evidence.scanStatus,
          });
          return await reply.code(201).header('cache-control', 'no-store').send({
            id: evidence.id,
            messageId: evidence.messageId,
            fileName: evidence.fileName,
            contentType: evidence.contentType,
            sizeBytes: evidence.sizeBytes,
            sha256: evidence.sha256,
            scanStatus: evidence.scanStatus,
            uploadedAt: evidence.uploadedAt,
          });
        } finally {
          slots.release();
          await spool?.remove();
        }
      });
    });

    app.get<{ Params: { id: string } }>('/complaints/evidence/:id', async (request, reply) => {
      const log = logger.child({ requestId: request.id });
      const viewer = await callerOf(request, reply, viewerOf);
      if (!viewer) return reply;
      const code = receiptCodeOf(request);
      if (viewer.role === 'public' && !code) {
        return refuse(reply, 401, ErrorCode.Unauthenticated, `Sign in, or send the complaint's receipt code in the ${RECEIPT_CODE_HEADER} header`);
      }
      const id = request.params.id.toLowerCase();
      const item = UUID.test(id) ? await findEvidence(database, id) : null;
      let allowed = false;
      let as: Viewer | null = viewer;
      if (item) {
        if (code && viewer.role === 'public') {
          const complaint = await findByReceipt(database, code);
          allowed = complaint?.id === item.complaintId;
          as = null;
        } else if (isSecretariat(viewer)) {
          allowed = true;
        } else if (viewer.role === 'member') {
          const complaint = await database.dataSource.manager.findOneBy(Complaint, { id: item.complaintId });
          allowed = Boolean(complaint && maySee(viewer, complaint) && companyMaySee(item));
        }
      }
      if (!item || !allowed) {
        // Not theirs or not there: the same answer, so the existence of others' evidence does not leak.
        log.warn('evidence download refused', { evidenceId: request.params.id.slice(0, 64), ...actor(as) });
        return refuse(reply, 404, ErrorCode.NotFound, `Evidence ${request.params.id.slice(0, 64)} was not found`);
      }
      if (item.scanStatus === EvidenceScanStatus.INFECTED) {
        log.warn('evidence download refused', { evidenceId: item.id, reason: 'quarantined', ...actor(as) });
        return refuse(reply, 403, ErrorCode.Forbidden, 'This file is quarantined: malware was found in it, and it is never served', { scanStatus: item.scanStatus });
      }
      if (!mayServe(item.scanStatus, scannerConfigured)) {
        reply.header('retry-after', String(PENDING_RETRY_AFTER_SECONDS));
        return refuse(reply, 409, ErrorCode.Conflict, 'This file has not been scanned for malware yet; try again shortly', { scanStatus: item.scanStatus });
      }
      const bytes = await evidenceBytes(database, cipher, item);
      log.info('evidence downloaded', { evidenceId: item.id, complaintId: item.complaintId, ...actor(as) });
      // The company downloads under a neutral name: the complainant's own may name them (evidence.rules.ts).
      const fileName = viewer.role === 'member' && !isSecretariat(viewer) ? companyFileName(item) : item.fileName;
      return sendAttachment(reply, { contentType: item.contentType, sizeBytes: bytes.length, fileName }, bytes);
    });
  };
}

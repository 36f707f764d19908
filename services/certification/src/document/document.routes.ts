import { GraphQLError } from 'graphql';
import {
  callerOf,
  declaredTooLarge,
  ErrorCode,
  receiveForm,
  refuseBusy,
  refuseFile as refuse,
  sendAttachment,
  streamedUploads,
  type Database,
  type GatedRoutes,
  type Logger,
  type Viewer,
  uploadSlots,
} from '../../../shared/src';
import type { CertificationSettings } from '../config';
import type { CertificationPeers } from '../context';
import { membershipLoader, requireCompany } from '../membership/membership.peer';
import type { StoredDocument } from './document.entity';
import { ACCEPTED_TYPES, safeFileName } from './document.rules';
import { documentBytes, documentContent, findDocuments, QuotaExceeded, storeDocument } from './document.service';
import { SpooledUpload } from './document.spool';

/** The largest upload body (the document and its multipart envelope), the gateway's limit too. */
export const DOCUMENT_BODY_LIMIT = 25 * 1024 * 1024;

/** The code of an upload that would take the organization past its storage quota (HTTP 413). */
export const QUOTA_EXCEEDED = 'QUOTA_EXCEEDED';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who did it, for the audit lines of uploads and downloads (never the token). */
const actor = (viewer: Viewer) => ({
  viewerRole: viewer.role,
  viewerSubject: viewer.subject ?? null,
  viewerOrganizationId: viewer.organizationId ?? null,
});

/** The organization a document is for, checked with the membership subgraph: a refusal's status and error otherwise. */
async function checkOrganization(peers: CertificationPeers, organizationId: string, requestId: string) {
  try {
    await requireCompany(membershipLoader(peers.membership.forRequest(requestId)), organizationId);
    return null;
  } catch (error) {
    const code = error instanceof GraphQLError ? error.extensions.code : undefined;
    if (code === ErrorCode.NotFound) return { status: 404, code, message: (error as GraphQLError).message };
    if (code === ErrorCode.BadUserInput) return { status: 400, code, message: (error as GraphQLError).message, extensions: { field: 'organizationId' } };
    return { status: 503, code: ErrorCode.Unavailable, message: 'The membership directory cannot be asked right now; try again shortly' };
  }
}

export interface DocumentRouteOptions {
  database: Database;
  logger: Logger;
  /** The membership subgraph: the company a document is for must be there. */
  peers: CertificationPeers;
  settings: CertificationSettings['documents'];
}

/**
 * `POST /documents` (multipart: `file`, and `organizationId` when the Secretariat uploads for a company) and
 * `GET /documents/:id`, for the company's members and the Secretariat only; the gateway forwards both.
 * An upload is written to a spool file as it arrives (memory holds a chunk, not the file), within the
 * organization's quota, by at most `settings.concurrentUploads` at once.
 */
export function documentRoutes({ database, logger, peers, settings }: DocumentRouteOptions): GatedRoutes {
  const slots = uploadSlots(settings.concurrentUploads);
  return async (app, viewerOf) => {
    const readOutRefused = streamedUploads(app, DOCUMENT_BODY_LIMIT);

    app.post('/documents', { onSend: readOutRefused }, async (request, reply) => {
      const log = logger.child({ requestId: request.id });
      const viewer = await callerOf(request, reply, viewerOf);
      if (!viewer) return reply;
      if (viewer.role === 'public') return refuse(reply, 401, ErrorCode.Unauthenticated, 'Sign in to upload a document');
      if (viewer.role !== 'secretariat' && !(viewer.role === 'member' && viewer.organizationId)) {
        return refuse(reply, 403, ErrorCode.Forbidden, 'Only a member of the company or the Secretariat may upload its documents');
      }
      if (declaredTooLarge(request, DOCUMENT_BODY_LIMIT)) {
        return refuse(reply, 413, 'BAD_REQUEST', `Request body too large: at most ${DOCUMENT_BODY_LIMIT} bytes`);
      }
      if (!slots.take()) {
        log.warn('document refused', { reason: 'busy', ...actor(viewer) });
        return refuseBusy(reply, 'documents are being uploaded');
      }
      let spool: SpooledUpload | undefined;
      try {
        spool = await SpooledUpload.create(settings.spoolDir);
        const into = spool;
        const form = await receiveForm(request, reply, {
          fileField: 'file',
          onFileData: (chunk) => into.write(chunk),
          maxBytes: DOCUMENT_BODY_LIMIT,
          maxFieldBytes: 1024,
          maxParts: 10,
        });
        if (!form) return reply;
        await spool.finish();
        if (!form.file) return await refuse(reply, 400, ErrorCode.BadUserInput, 'Attach the document as the field "file"', { field: 'file' });
        const named = form.fields.get('organizationId');
        const asked = named?.trim() ? named.trim() : null;
        let organizationId: string;
        if (viewer.role === 'member') {
          if (asked && asked !== viewer.organizationId) {
            return await refuse(reply, 403, ErrorCode.Forbidden, 'A member uploads documents for its own organization only');
          }
          organizationId = viewer.organizationId!;
        } else {
          if (!asked || !UUID.test(asked)) {
            return await refuse(reply, 400, ErrorCode.BadUserInput, 'The Secretariat names the company the document is for: organizationId', { field: 'organizationId' });
          }
          organizationId = asked.toLowerCase();
        }
        const contentType = await spool.contentType();
        if (!contentType) {
          log.warn('document refused', { reason: 'type', sizeBytes: spool.sizeBytes, organizationId, ...actor(viewer) });
          return await refuse(reply, 415, ErrorCode.BadUserInput, `The file is not a ${ACCEPTED_TYPES} document (read from its content)`, { field: 'file' });
        }
        // A member's token names its own organization; a company the Secretariat names must be in the directory.
        if (viewer.role === 'secretariat') {
          const refusal = await checkOrganization(peers, organizationId, request.id);
          if (refusal) {
            log.warn('document refused', { reason: 'organization', organizationId, ...actor(viewer) });
            return await refuse(reply, refusal.status, refusal.code as string, refusal.message, refusal.extensions);
          }
        }
        let document: StoredDocument;
        try {
          document = await storeDocument(database, {
            organizationId,
            fileName: safeFileName(form.file.fileName),
            contentType,
            bytes: spool,
            uploadedBy: viewer.subject ?? null,
            quotaBytes: settings.quotaBytes,
          });
        } catch (error) {
          if (!(error instanceof QuotaExceeded)) throw error;
          log.warn('document refused', { reason: 'quota', sizeBytes: spool.sizeBytes, usedBytes: error.usedBytes, organizationId, ...actor(viewer) });
          return await refuse(
            reply,
            413,
            QUOTA_EXCEEDED,
            `The organization's documents may take at most ${error.quotaBytes} bytes; ${error.usedBytes} are taken, this one has ${spool.sizeBytes}`,
            { quotaBytes: error.quotaBytes, usedBytes: error.usedBytes },
          );
        }
        log.info('document uploaded', {
          documentId: document.id,
          sha256: document.sha256,
          sizeBytes: document.sizeBytes,
          contentType,
          organizationId,
          ...actor(viewer),
        });
        return await reply.code(201).header('cache-control', 'no-store').send({
          id: document.id,
          sha256: document.sha256,
          fileName: document.fileName,
          contentType: document.contentType,
          sizeBytes: document.sizeBytes,
          organizationId: document.organizationId,
          uploadedAt: document.uploadedAt,
        });
      } finally {
        slots.release();
        await spool?.remove();
      }
    });

    app.get<{ Params: { id: string } }>('/documents/:id', async (request, reply) => {
      const log = logger.child({ requestId: request.id });
      const viewer = await callerOf(request, reply, viewerOf);
      if (!viewer) return reply;
      if (viewer.role === 'public') return refuse(reply, 401, ErrorCode.Unauthenticated, 'Sign in to download a document');
      const id = request.params.id.toLowerCase();
      const [document] = UUID.test(id) ? await findDocuments(database, [id]) : [];
      const allowed = document && (viewer.role === 'secretariat' || (viewer.role === 'member' && viewer.organizationId === document.organizationId));
      if (!document || !allowed) {
        // Not the company's or not there: the same answer, so the existence of others' documents does not leak.
        log.warn('document download refused', { documentId: request.params.id.slice(0, 64), ...actor(viewer) });
        return refuse(reply, 404, ErrorCode.NotFound, `Document ${request.params.id.slice(0, 64)} was not found`);
      }
      const content = await documentContent(database, document.sha256);
      if (!content) throw new Error(`content ${document.sha256} is missing`);
      log.info('document downloaded', {
        documentId: document.id,
        sha256: document.sha256,
        organizationId: document.organizationId,
        ...actor(viewer),
      });
      return sendAttachment(
        reply,
        { contentType: document.contentType, sizeBytes: content.sizeBytes, fileName: document.fileName },
        documentBytes(database, document.sha256, content.chunkCount),
        { 'x-document-sha256': document.sha256 },
      );
    });
  };
}

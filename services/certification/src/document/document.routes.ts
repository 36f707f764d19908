import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import {
  discardBody,
  errorBody,
  ErrorCode,
  MultipartError,
  readMultipart,
  type Database,
  type GatedRoutes,
  type Logger,
  type MultipartResult,
  type Viewer,
  attachmentDisposition,
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

/**
 * A refused upload's body is read out up to this much before the answer, so the client (still sending)
 * receives it; past it the connection is closed instead.
 */
export const REFUSED_BODY_READ_LIMIT = 2 * DOCUMENT_BODY_LIMIT;

/** Seconds a client is told to wait when every upload slot is taken. */
const BUSY_RETRY_AFTER_SECONDS = 5;

/** The code of an upload that would take the organization past its storage quota (HTTP 413). */
export const QUOTA_EXCEEDED = 'QUOTA_EXCEEDED';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function refuse(reply: FastifyReply, status: number, code: string, message: string, field?: string) {
  const body = errorBody(code, message);
  if (field) Object.assign(body.errors[0].extensions, { field });
  return reply.code(status).header('cache-control', 'no-store').send(body);
}

/** The caller, or an answer refusing a bad token. */
async function callerOf(request: FastifyRequest, reply: FastifyReply, viewerOf: (r: FastifyRequest) => Promise<Viewer>) {
  try {
    return await viewerOf(request);
  } catch (error) {
    await refuse(reply, 401, ErrorCode.Unauthenticated, (error as GraphQLError).message);
    return null;
  }
}

/** Who did it, for the audit lines of uploads and downloads (never the token). */
const actor = (viewer: Viewer) => ({
  viewerRole: viewer.role,
  viewerSubject: viewer.subject ?? null,
  viewerOrganizationId: viewer.organizationId ?? null,
});

/** The organization a document is for, checked with the membership subgraph: a refusal's status and error otherwise. */
async function checkOrganization(peers: CertificationPeers, organizationId: string) {
  try {
    await requireCompany(membershipLoader(peers.membership), organizationId);
    return null;
  } catch (error) {
    const code = error instanceof GraphQLError ? error.extensions.code : undefined;
    if (code === ErrorCode.NotFound) return { status: 404, code, message: (error as GraphQLError).message };
    if (code === ErrorCode.BadUserInput) return { status: 400, code, message: (error as GraphQLError).message, field: 'organizationId' };
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
    // The body is read by the route as it arrives (readMultipart), never buffered whole.
    app.addContentTypeParser('multipart/form-data', (_request, payload, done) => done(null, payload));

    // A refusal given before the body was read: read it out first (up to a bound), so the client gets the answer.
    const readOutRefused = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (!(await discardBody(request.raw, REFUSED_BODY_READ_LIMIT))) reply.header('connection', 'close');
      return payload;
    };

    app.post('/documents', { onSend: readOutRefused }, async (request, reply) => {
      const log = logger.child({ requestId: request.id });
      const viewer = await callerOf(request, reply, viewerOf);
      if (!viewer) return reply;
      if (viewer.role === 'public') return refuse(reply, 401, ErrorCode.Unauthenticated, 'Sign in to upload a document');
      if (viewer.role !== 'secretariat' && !(viewer.role === 'member' && viewer.organizationId)) {
        return refuse(reply, 403, ErrorCode.Forbidden, 'Only a member of the company or the Secretariat may upload its documents');
      }
      if (Number(request.headers['content-length'] ?? 0) > DOCUMENT_BODY_LIMIT) {
        return refuse(reply, 413, 'BAD_REQUEST', `Request body too large: at most ${DOCUMENT_BODY_LIMIT} bytes`);
      }
      if (!slots.take()) {
        log.warn('document refused', { reason: 'busy', ...actor(viewer) });
        reply.header('retry-after', String(BUSY_RETRY_AFTER_SECONDS));
        return refuse(reply, 503, ErrorCode.Unavailable, `Too many documents are being uploaded; try again in ${BUSY_RETRY_AFTER_SECONDS} s`);
      }
      let spool: SpooledUpload | undefined;
      try {
        spool = await SpooledUpload.create(settings.spoolDir);
        const into = spool;
        let form: MultipartResult;
        try {
          form = await readMultipart(request.body as Readable, {
            contentType: request.headers['content-type'],
            fileField: 'file',
            onFileData: (chunk) => into.write(chunk),
            maxBytes: DOCUMENT_BODY_LIMIT,
            maxFieldBytes: 1024,
            maxParts: 10,
          });
        } catch (error) {
          if (!(error instanceof MultipartError)) throw error;
          if (error.tooLarge) return await refuse(reply, 413, 'BAD_REQUEST', error.message);
          return await refuse(reply, 400, ErrorCode.BadUserInput, error.message);
        }
        await spool.finish();
        if (!form.file) return await refuse(reply, 400, ErrorCode.BadUserInput, 'Attach the document as the field "file"', 'file');
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
            return await refuse(reply, 400, ErrorCode.BadUserInput, 'The Secretariat names the company the document is for: organizationId', 'organizationId');
          }
          organizationId = asked.toLowerCase();
        }
        const contentType = await spool.contentType();
        if (!contentType) {
          log.warn('document refused', { reason: 'type', sizeBytes: spool.sizeBytes, organizationId, ...actor(viewer) });
          return await refuse(reply, 415, ErrorCode.BadUserInput, `The file is not a ${ACCEPTED_TYPES} document (read from its content)`, 'file');
        }
        // A member's token names its own organization; a company the Secretariat names must be in the directory.
        if (viewer.role === 'secretariat') {
          const refusal = await checkOrganization(peers, organizationId);
          if (refusal) {
            log.warn('document refused', { reason: 'organization', organizationId, ...actor(viewer) });
            return await refuse(reply, refusal.status, refusal.code as string, refusal.message, refusal.field);
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
          const body = errorBody(QUOTA_EXCEEDED, `The organization's documents may take at most ${error.quotaBytes} bytes; ${error.usedBytes} are taken, this one has ${spool.sizeBytes}`);
          Object.assign(body.errors[0].extensions, { quotaBytes: error.quotaBytes, usedBytes: error.usedBytes });
          return await reply.code(413).header('cache-control', 'no-store').send(body);
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
      return reply
        .header('content-type', document.contentType)
        .header('content-length', String(content.sizeBytes))
        .header('content-disposition', attachmentDisposition(document.fileName))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('x-document-sha256', document.sha256)
        .send(documentBytes(database, document.sha256, content.chunkCount));
    });
  };
}

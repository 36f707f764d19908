import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { errorBody, ErrorCode, type Database, type GatedRoutes, type Logger, type Viewer } from '../../../shared/src';
import { ACCEPTED_TYPES, documentContentType, safeFileName } from './document.rules';
import { documentBytes, documentContent, findDocuments, storeDocument } from './document.service';

/** The largest upload body (the document and its multipart envelope), the gateway's limit too. */
export const DOCUMENT_BODY_LIMIT = 25 * 1024 * 1024;

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

/**
 * `POST /documents` (multipart: `file`, and `organizationId` when the Secretariat uploads for a company) and
 * `GET /documents/:id`, for the company's members and the Secretariat only; the gateway forwards both.
 */
export function documentRoutes(database: Database, logger: Logger): GatedRoutes {
  return async (app, viewerOf) => {
    app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: DOCUMENT_BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );

    app.post('/documents', { bodyLimit: DOCUMENT_BODY_LIMIT }, async (request, reply) => {
      const log = logger.child({ requestId: request.id });
      const viewer = await callerOf(request, reply, viewerOf);
      if (!viewer) return reply;
      if (viewer.role === 'public') return refuse(reply, 401, ErrorCode.Unauthenticated, 'Sign in to upload a document');
      if (viewer.role !== 'secretariat' && !(viewer.role === 'member' && viewer.organizationId)) {
        return refuse(reply, 403, ErrorCode.Forbidden, 'Only a member of the company or the Secretariat may upload its documents');
      }
      let form: FormData;
      try {
        form = await new Response(request.body as Buffer, { headers: { 'content-type': String(request.headers['content-type']) } }).formData();
      } catch {
        return refuse(reply, 400, ErrorCode.BadUserInput, 'The body is not a readable multipart/form-data upload');
      }
      const file = form.get('file');
      if (!file || typeof file === 'string') return refuse(reply, 400, ErrorCode.BadUserInput, 'Attach the document as the field "file"', 'file');
      const named = form.get('organizationId');
      const asked = typeof named === 'string' && named.trim() ? named.trim() : null;
      let organizationId: string;
      if (viewer.role === 'member') {
        if (asked && asked !== viewer.organizationId) {
          return refuse(reply, 403, ErrorCode.Forbidden, 'A member uploads documents for its own organization only');
        }
        organizationId = viewer.organizationId!;
      } else {
        if (!asked || !UUID.test(asked)) {
          return refuse(reply, 400, ErrorCode.BadUserInput, 'The Secretariat names the company the document is for: organizationId', 'organizationId');
        }
        organizationId = asked.toLowerCase();
      }
      const bytes = Buffer.from(await file.arrayBuffer());
      const contentType = documentContentType(bytes);
      if (!contentType) {
        log.warn('document refused', { reason: 'type', sizeBytes: bytes.length, organizationId, ...actor(viewer) });
        return refuse(reply, 415, ErrorCode.BadUserInput, `The file is not a ${ACCEPTED_TYPES} document (read from its content)`, 'file');
      }
      const document = await storeDocument(database, {
        organizationId,
        fileName: safeFileName(file.name),
        contentType,
        bytes,
        uploadedBy: viewer.subject ?? null,
      });
      log.info('document uploaded', {
        documentId: document.id,
        sha256: document.sha256,
        sizeBytes: document.sizeBytes,
        contentType,
        organizationId,
        ...actor(viewer),
      });
      return reply.code(201).header('cache-control', 'no-store').send({
        id: document.id,
        sha256: document.sha256,
        fileName: document.fileName,
        contentType: document.contentType,
        sizeBytes: document.sizeBytes,
        organizationId: document.organizationId,
        uploadedAt: document.uploadedAt,
      });
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
        // A plain ASCII name for old clients, the exact one (RFC 6266) for the others.
        .header(
          'content-disposition',
          `attachment; filename="${document.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
        )
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('x-document-sha256', document.sha256)
        .send(documentBytes(database, document.sha256, content.chunkCount));
    });
  };
}

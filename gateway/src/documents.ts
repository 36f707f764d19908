import type { FastifyPluginAsync } from 'fastify';
import { ErrorCode } from '../../services/shared/src';
import { fileRoutes, type FileRelayOptions } from './file-routes';

/** The largest upload body, the document and its multipart envelope (the GraphQL routes keep their 1 MB). */
export const DOCUMENT_BODY_LIMIT = 25 * 1024 * 1024;

export interface DocumentRouteOptions extends Omit<FileRelayOptions, 'subgraphUrl'> {
  /** The certification subgraph's GraphQL URL; documents live beside it at `/documents`. */
  certificationUrl: string;
}

/**
 * `POST /documents` (multipart upload) and `GET /documents/:id` (download), for signed-in callers: relayed
 * to the certification subgraph, which decides who may see which document and logs it.
 */
export const documents: FastifyPluginAsync<DocumentRouteOptions> = async (app, { certificationUrl, ...relay }) => {
  await fileRoutes(app, {
    ...relay,
    subgraphUrl: certificationUrl,
    path: '/documents',
    bodyLimit: DOCUMENT_BODY_LIMIT,
    passedHeaders: ['content-type', 'content-length', 'content-disposition', 'cache-control', 'x-content-type-options', 'x-document-sha256', 'retry-after'],
    bucket: (viewer) => (viewer.role === 'public' ? 'public-read' : 'authenticated'),
    mayUpload: (_request, viewer) => {
      if (viewer.role === 'public') return { status: 401, code: ErrorCode.Unauthenticated, message: 'Sign in to upload a document' };
      if (viewer.role !== 'member' && viewer.role !== 'secretariat') {
        return { status: 403, code: ErrorCode.Forbidden, message: 'Only a member of the company or the Secretariat may upload its documents' };
      }
      return null;
    },
    mayDownload: (viewer) => (viewer.role === 'public' ? { status: 401, code: ErrorCode.Unauthenticated, message: 'Sign in to download a document' } : null),
    logName: 'document',
    messages: {
      notFound: 'Document not found',
      uploadUnavailable: 'Documents cannot be stored right now; try again shortly',
      downloadUnavailable: 'Documents cannot be read right now; try again shortly',
    },
  });
};

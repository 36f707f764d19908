import type { FastifyPluginAsync } from 'fastify';
import { ErrorCode } from '../../services/shared/src';
import { fileRoutes, type FileRelayOptions } from './file-routes';

/** The largest evidence upload body: a file of 10 MiB, the message it comes with and the envelope (the complaints subgraph's limit too). */
export const EVIDENCE_BODY_LIMIT = 10 * 1024 * 1024 + 64 * 1024;

/** The complainant's receipt code travels in this header, never in the URL (which access logs keep). */
const RECEIPT_CODE_HEADER = 'x-receipt-code';

export interface EvidenceRouteOptions extends Omit<FileRelayOptions, 'subgraphUrl'> {
  /** The complaints subgraph's GraphQL URL; evidence lives beside it at `/complaints/evidence`. */
  complaintsUrl: string;
}

/**
 * `POST /complaints/evidence` (a complainant's upload, with the receipt code, no account) and
 * `GET /complaints/evidence/:id` (with a token or the receipt code): relayed to the complaints subgraph,
 * which decides who may see what. An upload counts as a public mutation, as filing does.
 */
export const evidence: FastifyPluginAsync<EvidenceRouteOptions> = async (app, { complaintsUrl, ...relay }) => {
  await fileRoutes(app, {
    ...relay,
    subgraphUrl: complaintsUrl,
    path: '/complaints/evidence',
    bodyLimit: EVIDENCE_BODY_LIMIT,
    passedHeaders: ['content-type', 'content-length', 'content-disposition', 'cache-control', 'x-content-type-options', 'retry-after'],
    forwardedHeaders: [RECEIPT_CODE_HEADER],
    bucket: (viewer, upload) => (viewer.role !== 'public' ? 'authenticated' : upload ? 'public-mutation' : 'public-read'),
    mayUpload: (request) =>
      typeof request.headers[RECEIPT_CODE_HEADER] !== 'string'
        ? { status: 401, code: ErrorCode.Unauthenticated, message: `Send the complaint's receipt code in the ${RECEIPT_CODE_HEADER} header` }
        : null,
    logName: 'evidence',
    messages: {
      notFound: 'Evidence not found',
      uploadUnavailable: 'Evidence cannot be received right now; try again shortly',
      downloadUnavailable: 'Evidence cannot be read right now; try again shortly',
    },
  });
};

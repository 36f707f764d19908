import { errorBody, ErrorCode, type Database, type GatedRoutes, type Logger } from '../../../shared/src';
import { OPEN_COMPLAINT_COUNTS_PATH, type OpenComplaintCountsAnswer } from '../peer-routes';
import { openComplaintCounts } from './complaint.service';

/** At most this many organizations per call (the certification subgraph asks for every member company at once). */
const MAX_ORGANIZATIONS_PER_CALL = 5000;

/**
 * `POST /peer/open-complaint-counts` with `{ "organizationIds": [...] }`: answers `{ "counts": { id: n } }`.
 * A peer route, never part of the public graph: registered among the gated routes, so only callers holding
 * this subgraph's gateway secret (the certification subgraph) are answered; the gateway does not forward it.
 */
export function openComplaintRoutes(database: Database, logger: Logger): GatedRoutes {
  return (app) => {
    app.post(OPEN_COMPLAINT_COUNTS_PATH, async (request, reply) => {
      const ids = (request.body as { organizationIds?: unknown } | undefined)?.organizationIds;
      if (!Array.isArray(ids) || ids.length > MAX_ORGANIZATIONS_PER_CALL || !ids.every((id) => typeof id === 'string' && id.length <= 36)) {
        const body = errorBody(ErrorCode.BadUserInput, `organizationIds must be a list of at most ${MAX_ORGANIZATIONS_PER_CALL} ids`);
        return reply.code(400).send(body);
      }
      const counts = await openComplaintCounts(database, ids as string[]);
      // Counted per call, so that a ranking's cost can be checked from the logs.
      logger.child({ requestId: request.id }).info('open complaint counts', { organizations: ids.length });
      const answer: OpenComplaintCountsAnswer = { counts };
      return reply.header('cache-control', 'no-store').send(answer);
    });
  };
}

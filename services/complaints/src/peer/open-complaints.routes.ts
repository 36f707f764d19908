import { In, Not } from 'typeorm';
import { errorBody, ErrorCode, OPEN_COMPLAINT_COUNTS_PATH, type Database, type GatedRoutes, type Logger } from '../../../shared/src';
import { Complaint } from '../complaint/complaint.entity';
import { ComplaintStatus } from '../complaint/complaint.enums';

/** At most this many organizations per call (the certification subgraph asks for every member company at once). */
export const MAX_ORGANIZATIONS_PER_CALL = 5000;

/** No longer open: closed, found inadmissible or resolved. */
const SETTLED = [ComplaintStatus.CLOSED, ComplaintStatus.INADMISSIBLE, ComplaintStatus.RESOLVED];

/** Open complaints per company, for many companies in one statement; companies with none are absent. */
export async function openComplaintCounts(database: Database, organizationIds: readonly string[]): Promise<Record<string, number>> {
  if (organizationIds.length === 0) return {};
  const rows: { companyId: string; count: string | number }[] = await database.dataSource.manager
    .createQueryBuilder(Complaint, 'complaint')
    .select('complaint.companyId', 'companyId')
    .addSelect('COUNT(*)', 'count')
    .where({ companyId: In([...organizationIds]), status: Not(In(SETTLED)) })
    .groupBy('complaint.companyId')
    .getRawMany();
  return Object.fromEntries(rows.map((row) => [row.companyId, Number(row.count)]));
}

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
      return reply.header('cache-control', 'no-store').send({ counts });
    });
  };
}

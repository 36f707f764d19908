import type { EntityManager } from 'typeorm';
import { MoreThan } from 'typeorm';
import { insertInChunks, nowTimestamp, type Database, type GatedRoutes } from '../../../shared/src';
import { OUTBOX_PATH, type MembershipOutboxPage } from '../peer-routes';
import { MembershipOutboxEntry } from './outbox.entity';

export type OutboxKind = 'STATUS' | 'PROFILE';

/** Writes outbox entries inside the caller's transaction: they commit or roll back with the change. */
export async function recordOutbox(
  manager: EntityManager,
  kind: OutboxKind,
  changes: { organizationId: string; effectiveFrom: string }[],
): Promise<void> {
  if (!changes.length) return;
  const recordedAt = nowTimestamp();
  await insertInChunks(
    manager,
    MembershipOutboxEntry,
    changes.map((change) => ({ organizationId: change.organizationId, effectiveFrom: change.effectiveFrom, kind, recordedAt })),
  );
}

/** At most this many entries per read: a reader asks again from the last position. */
const OUTBOX_PAGE = 500;

/**
 * `GET /outbox?after=N`: the entries after position N, for the certification subgraph (gateway secret
 * required, as for its GraphQL calls). The organizations' facts are read through GraphQL; this says only who changed.
 */
export function outboxRoutes(database: Database): GatedRoutes {
  return (app) => {
    app.get<{ Querystring: { after?: string } }>(OUTBOX_PATH, async (request, reply) => {
      const after = Number(request.query.after ?? 0);
      if (!Number.isSafeInteger(after) || after < 0) return reply.code(400).send({ error: 'after must be a position' });
      // The certification subgraph's standing tracker asks from its background job, under a background
      // request id: these statements are counted apart from requests' (context.ts, runInBackground).
      const entries = await database.dataSource.manager.find(MembershipOutboxEntry, {
        where: { position: MoreThan(after) },
        order: { position: 'ASC' },
        take: OUTBOX_PAGE,
      });
      const page: MembershipOutboxPage = { entries };
      return page;
    });
  };
}

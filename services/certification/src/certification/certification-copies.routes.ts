import { In, MoreThan } from 'typeorm';
import { inChunks, VALUES_PER_STATEMENT, type Database, type GatedRoutes } from '../../../shared/src';
import { CertificationOutboxEntry } from '../outbox/outbox.entity';
import { settledPosition } from '../outbox/outbox.rules';
import { CERTIFICATION_CHANGES_PATH, type CertificateCopy, type CertificationChangesPage } from '../peer-routes';
import { CertificateStatus, Certification, CertificationStatusEntry } from './certification.entity';

/** At most this many outbox entries per answer: the reader asks again from the last position. */
const CHANGES_PAGE = 500;

/** Every certificate of these organizations as the directory copies them (three statements per slice). */
export async function certificateCopies(database: Database, organizationIds: readonly string[]): Promise<CertificateCopy[]> {
  const copies: CertificateCopy[] = [];
  await inChunks([...organizationIds], VALUES_PER_STATEMENT, async (chunk) => {
    const certificates = await database.dataSource.manager.findBy(Certification, { organizationId: In(chunk) });
    const withdrawn = certificates.filter((c) => c.recordedStatus === CertificateStatus.WITHDRAWN).map((c) => c.id);
    // Withdrawal is final, so a withdrawn certificate has exactly one WITHDRAWN entry: its day.
    const withdrawals = withdrawn.length
      ? await database.dataSource.manager.findBy(CertificationStatusEntry, { certificationId: In(withdrawn), status: CertificateStatus.WITHDRAWN })
      : [];
    const withdrawnOn = new Map(withdrawals.map((entry) => [entry.certificationId, entry.effectiveFrom]));
    for (const c of certificates) {
      copies.push({
        certificationId: c.id,
        organizationId: c.organizationId,
        standard: c.standard,
        status: c.recordedStatus,
        validFrom: c.issuedOn,
        expiresOn: c.expiresOn,
        withdrawnOn: withdrawnOn.get(c.id) ?? null,
        countriesCovered: c.countriesCovered,
      });
    }
  });
  return copies;
}

/**
 * `GET /peer/certification-changes?after=N`, for the membership subgraph's directory copies (gateway secret
 * required): who changed after position N in the certification outbox, and all their certificates now. The same
 * outbox the standing tracker reads; this route only reads it, the caller keeps its own cursor.
 */
export function certificationChangesRoutes(database: Database): GatedRoutes {
  return (app) => {
    app.get<{ Querystring: { after?: string } }>(CERTIFICATION_CHANGES_PATH, async (request, reply) => {
      const after = Number(request.query.after ?? 0);
      if (!Number.isSafeInteger(after) || after < 0) return reply.code(400).send({ error: 'after must be a position' });
      const entries = await database.dataSource.manager.find(CertificationOutboxEntry, {
        where: { position: MoreThan(after) },
        order: { position: 'ASC' },
        take: CHANGES_PAGE,
      });
      const organizationIds = [...new Set(entries.map((e) => e.organizationId))];
      const page: CertificationChangesPage = {
        organizationIds,
        certificates: await certificateCopies(database, organizationIds),
        lastPosition: entries.length ? entries[entries.length - 1].position : after,
        settledPosition: settledPosition(entries, after),
        more: entries.length >= CHANGES_PAGE,
      };
      return page;
    });
  };
}

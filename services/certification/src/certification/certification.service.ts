import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  badUserInput,
  checkExpectedVersion,
  columnThenId,
  conflictOnUniqueViolation,
  countryCode,
  type Database,
  nextSequence,
  notFound,
  nowTimestamp,
  type PageRequest,
  paginateEach,
  paginateOrdered,
  type SortOrder,
  today,
  updateVersioned,
} from '../../../shared/src';
import {
  CertificateStatus,
  Certification,
  CertificationBody,
  CertificationCountry,
  CertificationEvent,
  CertificationStandard,
  CertificationStatusEntry,
} from './certification.entity';
import {
  certificateEntryOn,
  certificateStatusOn,
  checkCertificateDates,
  checkCertificateTransition,
  checkEffectiveDate,
  checkRenewal,
} from './certification.rules';
import { recordCertificationOutbox } from '../outbox/outbox.service';
import { CertificationConnection, CertificationOrder, type CertificationFilter } from './certification.types';

/** A page of certificates meeting `filter` (status as of today), soonest expiry first. */
export function listCertifications(
  database: Database,
  filter: CertificationFilter | null,
  page: PageRequest,
  order: CertificationOrder = CertificationOrder.EXPIRING_SOONEST,
) {
  const query = database.dataSource.getRepository(Certification).createQueryBuilder('certification');
  if (filter?.organizationId) query.andWhere('certification.organizationId = :organizationId', { organizationId: filter.organizationId });
  if (filter?.standard) query.andWhere('certification.standard = :standard', { standard: filter.standard });
  if (filter?.standards?.length) query.andWhere('certification.standard IN (:...standards)', { standards: filter.standards });
  if (filter?.country) {
    // Through ix_certification_country_country: the certificates covering the country, then each by primary key.
    query.innerJoin(CertificationCountry, 'covered', 'covered.certification_id = certification.id AND covered.country = :country', {
      country: countryCode(filter.country, 'filter.country'),
    });
  }
  if (filter?.expiringBefore) query.andWhere('certification.expiresOn < :before', { before: filter.expiringBefore });
  if (filter?.status) {
    const now = today();
    if (filter.status === CertificateStatus.WITHDRAWN) {
      query.andWhere('certification.recordedStatus = :withdrawn', { withdrawn: CertificateStatus.WITHDRAWN });
    } else if (filter.status === CertificateStatus.EXPIRED) {
      query.andWhere('certification.recordedStatus <> :withdrawn AND certification.expiresOn < :now', {
        withdrawn: CertificateStatus.WITHDRAWN,
        now,
      });
    } else {
      query.andWhere('certification.recordedStatus = :status AND certification.expiresOn >= :now', { status: filter.status, now });
    }
  }
  return paginateOrdered(CertificationConnection, query, CERTIFICATION_ORDERS[order], page);
}

const byExpiry = (name: CertificationOrder, descending: boolean) => columnThenId<Certification>(name, 'certification', 'expires_on', (row) => row.expiresOn, descending);
const byIssue = (name: CertificationOrder, descending: boolean) => columnThenId<Certification>(name, 'certification', 'issued_on', (row) => row.issuedOn, descending);

/** The orders of the certificate list, each ending in the id; ix_certification_expiry and ix_certification_issued serve them, either way. */
const CERTIFICATION_ORDERS: Record<CertificationOrder, SortOrder<Certification>> = {
  [CertificationOrder.EXPIRING_SOONEST]: byExpiry(CertificationOrder.EXPIRING_SOONEST, false),
  [CertificationOrder.EXPIRING_LATEST]: byExpiry(CertificationOrder.EXPIRING_LATEST, true),
  [CertificationOrder.ISSUED_NEWEST_FIRST]: byIssue(CertificationOrder.ISSUED_NEWEST_FIRST, true),
  [CertificationOrder.ISSUED_OLDEST_FIRST]: byIssue(CertificationOrder.ISSUED_OLDEST_FIRST, false),
};

/** One page of certificates for each organization of `organizationIds`, latest issued first (ix_certification_organization_issued): one statement. */
export function certificationPagesOf(database: Database, organizationIds: readonly string[], page: PageRequest) {
  return paginateEach(
    CertificationConnection,
    database.dataSource.getRepository(Certification).createQueryBuilder('certification'),
    { column: 'certification.organization_id', value: (c) => c.organizationId },
    organizationIds,
    CERTIFICATION_ORDERS[CertificationOrder.ISSUED_NEWEST_FIRST],
    page,
  );
}

/** The certification bodies known to the Association, by name. */
export function listCertificationBodies(database: Database): Promise<CertificationBody[]> {
  return database.dataSource.manager.find(CertificationBody, { order: { name: 'ASC', id: 'ASC' } });
}

export interface NewCertification {
  organizationId: string;
  standard: CertificationStandard;
  certificationBodyId: string;
  certificateNumber: string;
  scope: string;
  countriesCovered: string[];
  issuedOn: string;
  expiresOn: string;
  decidedBy: string | null;
  /** The ISSUED entry's reason (default "Certificate issued"). */
  reason?: string;
}

/** Appends a history entry inside the caller's transaction; `sequence` is unique per certificate. */
export async function appendEntry(
  manager: EntityManager,
  entry: Omit<CertificationStatusEntry, 'id' | 'sequence' | 'recordedAt' | 'ownerOrganizationId'>,
): Promise<void> {
  await manager.insert(CertificationStatusEntry, {
    ...entry,
    id: randomUUID(),
    sequence: await nextSequence(manager, CertificationStatusEntry, { certificationId: entry.certificationId }),
    recordedAt: nowTimestamp(),
  });
  // Followed by the standing tracker, committed with the entry.
  await recordCertificationOutbox(manager, entry.organizationId, entry.effectiveFrom);
}

async function checkNumberFree(manager: EntityManager, bodyId: string, number: string, except?: string): Promise<void> {
  const existing = await manager.findOneBy(Certification, { certificationBodyId: bodyId, certificateNumber: number });
  if (existing && existing.id !== except) {
    throw badUserInput(`Certificate ${number} of this certification body is already recorded`, 'certificateNumber');
  }
}

/** Inserts a certificate and its ISSUED entry inside the caller's transaction (number checked free first). */
export async function insertCertification(manager: EntityManager, input: NewCertification): Promise<Certification> {
  if (!(await manager.findOneBy(CertificationBody, { id: input.certificationBodyId }))) {
    throw notFound('Certification body', input.certificationBodyId);
  }
  await checkNumberFree(manager, input.certificationBodyId, input.certificateNumber);
  const certification = manager.create(Certification, {
    id: randomUUID(),
    organizationId: input.organizationId,
    standard: input.standard,
    certificationBodyId: input.certificationBodyId,
    certificateNumber: input.certificateNumber,
    scope: input.scope,
    countriesCovered: input.countriesCovered,
    issuedOn: input.issuedOn,
    expiresOn: input.expiresOn,
    recordedStatus: CertificateStatus.ACTIVE,
    recordedAt: nowTimestamp(),
    version: 1,
  });
  await manager.insert(Certification, certification);
  await manager.insert(CertificationCountry, [...new Set(input.countriesCovered)].map((country) => ({ certificationId: certification.id, country })));
  await appendEntry(manager, {
    certificationId: certification.id,
    organizationId: certification.organizationId,
    event: CertificationEvent.ISSUED,
    status: CertificateStatus.ACTIVE,
    effectiveFrom: input.issuedOn,
    expiresOn: input.expiresOn,
    reason: input.reason ?? 'Certificate issued',
    decidedBy: input.decidedBy,
  });
  return certification;
}

/** Records a certificate and its ISSUED entry in one transaction (the organization was checked by the caller). */
export async function recordCertification(database: Database, input: NewCertification): Promise<Certification> {
  checkCertificateDates(input.issuedOn, input.expiresOn, today());
  return conflictOnUniqueViolation(
    () => database.transaction((manager) => insertCertification(manager, input)),
    'The certificate was recorded by someone else meanwhile; reload and check',
  );
}

export interface CertificationDecision {
  reason: string;
  effectiveFrom?: string | null;
  expectedVersion?: number | null;
  decidedBy: string | null;
}

/** Updates the certificate only if unchanged since read, and appends the entry, in one transaction. */
async function applyDecision(
  database: Database,
  certification: Certification,
  changes: Partial<Pick<Certification, 'recordedStatus' | 'expiresOn' | 'certificateNumber'>>,
  entry: { event: CertificationEvent; status: CertificateStatus; effectiveFrom: string; expiresOn: string },
  decision: CertificationDecision,
): Promise<Certification> {
  const write = () => database.transaction(async (manager) => {
    if (changes.certificateNumber) {
      await checkNumberFree(manager, certification.certificationBodyId, changes.certificateNumber, certification.id);
    }
    const changed = await updateVersioned(
      manager,
      Certification,
      certification,
      changes,
      'Certification',
      `Certification ${certification.id} was changed by someone else meanwhile; reload it and try again`,
    );
    await appendEntry(manager, {
      certificationId: certification.id,
      organizationId: certification.organizationId,
      ...entry,
      reason: decision.reason,
      decidedBy: decision.decidedBy,
    });
    return changed;
  });
  return conflictOnUniqueViolation(write, `Certification ${certification.id} was changed by someone else meanwhile; reload it`);
}

function checkVersionAndDate(
  certification: Certification,
  history: readonly CertificationStatusEntry[],
  decision: CertificationDecision,
): string {
  checkExpectedVersion(certification, 'Certification', decision.expectedVersion);
  const effectiveFrom = decision.effectiveFrom ?? today();
  const latest = history.reduce<string | null>((max, e) => (max === null || e.effectiveFrom > max ? e.effectiveFrom : max), null);
  checkEffectiveDate(effectiveFrom, latest, today());
  return effectiveFrom;
}

/** Suspends, reinstates or withdraws a certificate (validated against its status on the effective date). */
export async function changeCertificationStatus(
  database: Database,
  certification: Certification,
  history: readonly CertificationStatusEntry[],
  status: CertificateStatus,
  decision: CertificationDecision,
): Promise<Certification> {
  const effectiveFrom = checkVersionAndDate(certification, history, decision);
  const event = checkCertificateTransition(certificateStatusOn(history, effectiveFrom) ?? CertificateStatus.ACTIVE, status);
  return applyDecision(
    database,
    certification,
    { recordedStatus: status },
    { event, status, effectiveFrom, expiresOn: certification.expiresOn },
    decision,
  );
}

/** Renews (recertifies) a certificate: a later expiry date, and optionally the new certificate's number. */
export async function renewCertification(
  database: Database,
  certification: Certification,
  history: readonly CertificationStatusEntry[],
  renewal: { expiresOn: string; certificateNumber: string | null },
  decision: CertificationDecision,
): Promise<Certification> {
  const effectiveFrom = checkVersionAndDate(certification, history, decision);
  const entry = certificateEntryOn(history, effectiveFrom);
  checkRenewal(
    certificateStatusOn(history, effectiveFrom) ?? CertificateStatus.ACTIVE,
    entry?.status ?? CertificateStatus.ACTIVE,
    certification.expiresOn,
    renewal.expiresOn,
    effectiveFrom,
  );
  return applyDecision(
    database,
    certification,
    {
      recordedStatus: CertificateStatus.ACTIVE,
      expiresOn: renewal.expiresOn,
      ...(renewal.certificateNumber ? { certificateNumber: renewal.certificateNumber } : {}),
    },
    { event: CertificationEvent.RENEWED, status: CertificateStatus.ACTIVE, effectiveFrom, expiresOn: renewal.expiresOn },
    decision,
  );
}

export async function recordCertificationBody(
  database: Database,
  input: { name: string; accreditationBody: string; country: string },
): Promise<CertificationBody> {
  return database.transaction(async (manager) => {
    const body = manager.create(CertificationBody, { id: randomUUID(), ...input, recordedAt: nowTimestamp() });
    await manager.insert(CertificationBody, body);
    return body;
  });
}

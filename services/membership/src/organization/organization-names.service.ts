import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { nowTimestamp } from '../../../shared/src';
import { nameKeys } from './name-matching.rules';
import { OrganizationName, OrganizationNameKind } from './organization-name.entity';

export interface NewOrganizationName {
  organizationId: string;
  /** Already checked with `personOrOrganizationName` (NFKC, no control or invisible characters). */
  name: string;
  kind: OrganizationNameKind;
  validFrom: string | null;
  validUntil?: string | null;
}

/**
 * The one way an organization name row is written (admission, renames, trading names, the import,
 * the sample data): the match key and the look-alike skeleton are always stored with the name, and
 * `recordedAt` says when.
 */
export async function recordOrganizationName(manager: EntityManager, input: NewOrganizationName): Promise<OrganizationName> {
  const record = manager.create(OrganizationName, {
    id: randomUUID(),
    organizationId: input.organizationId,
    name: input.name,
    kind: input.kind,
    ...nameKeys(input.name),
    validFrom: input.validFrom,
    validUntil: input.validUntil ?? null,
    recordedAt: nowTimestamp(),
  });
  await manager.insert(OrganizationName, record);
  return record;
}

/**
 * End-dates a name: `validUntil` is its last day. A registered name that ends becomes a former name
 * (`kind`); a trading name stays a trading name, with its end.
 */
export async function endOrganizationName(
  manager: EntityManager,
  name: OrganizationName,
  validUntil: string,
  kind: OrganizationNameKind = name.kind,
): Promise<OrganizationName> {
  const recordedAt = nowTimestamp();
  await manager.update(OrganizationName, { id: name.id }, { validUntil, kind, recordedAt });
  return Object.assign(new OrganizationName(), { ...name, validUntil, kind, recordedAt });
}

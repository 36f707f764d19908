import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { nowTimestamp, type ImportProblem } from '../../../shared/src';
import { MembershipStatusEntry } from '../membership-status/membership-status.entity';
import { recordOutbox } from '../outbox/outbox.service';
import { OrganizationNameKind } from '../organization/organization-name.entity';
import { recordOrganizationName } from '../organization/organization-names.service';
import { replaceOperatingCountries } from '../organization/organization-profile.service';
import { Contact } from '../contact/contact.entity';
import { Organization } from '../organization/organization.entity';
import type { ImportedOrganization } from './register-import.rules';

/** What the import did, or would do, with one organization. */
export interface ImportOutcome {
  row: number;
  externalReference: string;
  organizationId: string;
  outcome: 'created' | 'unchanged';
}

/**
 * Which organizations of the file are already in the register (found by external reference: a re-run
 * leaves them as they are) and which would be created; refuses an `id` that another organization holds.
 * Read-only, so `--dry-run` answers with it.
 */
export async function planRegisterImport(
  manager: EntityManager,
  organizations: readonly ImportedOrganization[],
): Promise<{ outcomes: ImportOutcome[]; problems: ImportProblem[] }> {
  const references = organizations.map((o) => o.externalReference);
  const ids = organizations.flatMap((o) => (o.id ? [o.id] : []));
  const [byReference, byId] = await Promise.all([
    references.length ? manager.findBy(Organization, { externalReference: In(references) }) : [],
    ids.length ? manager.findBy(Organization, { id: In(ids) }) : [],
  ]);
  const known = new Map(byReference.map((o) => [o.externalReference, o]));
  const taken = new Map(byId.map((o) => [o.id, o]));
  const outcomes: ImportOutcome[] = [];
  const problems: ImportProblem[] = [];
  for (const organization of organizations) {
    const existing = known.get(organization.externalReference);
    if (existing) {
      if (organization.id && organization.id !== existing.id) {
        problems.push({ row: organization.row, field: 'id', message: `externalReference ${organization.externalReference} was imported with id ${existing.id}` });
      }
      outcomes.push({ row: organization.row, externalReference: organization.externalReference, organizationId: existing.id, outcome: 'unchanged' });
      continue;
    }
    if (organization.id && taken.has(organization.id)) {
      problems.push({ row: organization.row, field: 'id', message: `id ${organization.id} belongs to another organization` });
      continue;
    }
    outcomes.push({
      row: organization.row,
      externalReference: organization.externalReference,
      organizationId: organization.id ?? randomUUID(),
      outcome: 'created',
    });
  }
  return { outcomes, problems };
}

/**
 * Writes the organizations the plan creates, inside the caller's transaction: organization, names
 * (through the one function that writes names), countries, status history, contacts. Organizations
 * already imported are left untouched.
 */
export async function writeRegisterImport(
  manager: EntityManager,
  organizations: readonly ImportedOrganization[],
  outcomes: readonly ImportOutcome[],
  decidedBy: string,
): Promise<void> {
  const byRow = new Map(organizations.map((o) => [o.row, o]));
  for (const outcome of outcomes) {
    if (outcome.outcome !== 'created') continue;
    const o = byRow.get(outcome.row)!;
    const id = outcome.organizationId;
    const last = o.statusHistory[o.statusHistory.length - 1];
    await manager.insert(Organization, {
      id,
      name: o.name,
      pillar: o.pillar,
      headquartersCountry: o.headquartersCountry,
      website: o.website,
      membershipCategory: last.category,
      membershipStatus: last.status,
      memberSince: o.statusHistory[0].effectiveFrom,
      certificationDeadline: o.certificationDeadline?.deadline ?? null,
      certificationDeadlineRule: o.certificationDeadline?.rule ?? null,
      regionsOfOperation: o.regionsOfOperation.length ? o.regionsOfOperation : null,
      externalReference: o.externalReference,
      // One version per recorded decision, as if each had been made through the API.
      version: o.statusHistory.length,
    });
    await recordOrganizationName(manager, { organizationId: id, name: o.name, kind: OrganizationNameKind.REGISTERED, validFrom: o.registeredSince });
    for (const former of o.formerNames) {
      await recordOrganizationName(manager, { organizationId: id, ...former, kind: OrganizationNameKind.FORMER });
    }
    for (const trading of o.tradingNames) {
      await recordOrganizationName(manager, { organizationId: id, ...trading, kind: OrganizationNameKind.TRADING });
    }
    // The headquarters country is always among the countries of operation, as on admission.
    await replaceOperatingCountries(manager, id, [...new Set([o.headquartersCountry, ...o.countriesOfOperation])]);
    const recordedAt = nowTimestamp();
    await manager.insert(
      MembershipStatusEntry,
      o.statusHistory.map((entry, index) => ({ id: randomUUID(), organizationId: id, sequence: index + 1, ...entry, decidedBy, recordedAt })),
    );
    await recordOutbox(manager, 'STATUS', o.statusHistory.map((entry) => ({ organizationId: id, effectiveFrom: entry.effectiveFrom })));
    if (o.contacts.length) {
      await manager.insert(Contact, o.contacts.map((contact) => ({ id: randomUUID(), organizationId: id, ...contact, version: 1 })));
    }
  }
}

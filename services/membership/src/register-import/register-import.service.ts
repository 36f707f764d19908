import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { inChunks, insertInChunks, nowTimestamp, VALUES_PER_STATEMENT, type ImportProblem } from '../../../shared/src';
import { MembershipStatusEntry } from '../membership-status/membership-status.entity';
import { recordOutbox } from '../outbox/outbox.service';
import { OrganizationName, OrganizationNameKind } from '../organization/organization-name.entity';
import { recordOrganizationNames } from '../organization/organization-names.service';
import { refreshDirectoryCopies } from '../organization/directory-copies';
import { Contact } from '../contact/contact.entity';
import { OperatingCountry, Organization } from '../organization/organization.entity';
import { exactNameForm } from '../organization/name-matching.rules';
import { writeParticipation } from '../montreux-document/montreux-document.service';
import { lookAlikeRefusal, namesOf, sameFileLookAlikes, type ImportedOrganization } from './register-import.rules';

/** What the import did, or would do, with one organization. */
export interface ImportOutcome {
  row: number;
  externalReference: string;
  organizationId: string;
  outcome: 'created' | 'unchanged';
}

/**
 * Which organizations of the file are already in the register (found by external reference: a re-run
 * leaves them as they are) and which would be created; refuses an `id` that another organization holds,
 * and names of the organizations it creates that are, or look like, names of others (`lookAlikes`).
 * Read-only, so `--dry-run` answers with it.
 */
export async function planRegisterImport(
  manager: EntityManager,
  organizations: readonly ImportedOrganization[],
): Promise<{ outcomes: ImportOutcome[]; problems: ImportProblem[] }> {
  const references = organizations.map((o) => o.externalReference);
  const ids = organizations.flatMap((o) => (o.id ? [o.id] : []));
  // In slices: a file of 50,000 rows bound one variable per row broke SQLite's limit on them.
  const byReference = await inChunks(references, VALUES_PER_STATEMENT, (chunk) => manager.findBy(Organization, { externalReference: In(chunk) }));
  const byId = await inChunks(ids, VALUES_PER_STATEMENT, (chunk) => manager.findBy(Organization, { id: In(chunk) }));
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
  const created = new Set(outcomes.filter((o) => o.outcome === 'created').map((o) => o.row));
  problems.push(...(await lookAlikes(manager, organizations.filter((o) => created.has(o.row)))));
  return { outcomes, problems };
}

/**
 * The API's look-alike rule on admission, applied to the organizations an import creates: a name that
 * has the skeleton of a name (registered, trading or former) of an organization in the register, or of
 * an organization on an earlier row, is refused unless the row sets `acknowledgeSimilarNames`.
 * Organizations already imported are not checked again (a re-run changes nothing).
 */
async function lookAlikes(manager: EntityManager, organizations: readonly ImportedOrganization[]): Promise<ImportProblem[]> {
  const skeletons = [...new Set(organizations.flatMap((o) => namesOf(o).map((n) => n.skeleton)))];
  const known = new Map<string, { name: OrganizationName; exact: string }[]>();
  const found = await inChunks(skeletons, VALUES_PER_STATEMENT, (chunk) =>
    manager.find(OrganizationName, { where: { skeleton: In(chunk) }, order: { name: 'ASC', id: 'ASC' } }),
  );
  for (const name of found) {
    const alike = known.get(name.skeleton);
    if (alike) alike.push({ name, exact: exactNameForm(name.name) });
    else known.set(name.skeleton, [{ name, exact: exactNameForm(name.name) }]);
  }
  const problems: ImportProblem[] = [];
  for (const organization of organizations) {
    if (organization.acknowledgeSimilarNames) continue;
    for (const name of namesOf(organization)) {
      const alike = known.get(name.skeleton);
      if (!alike) continue;
      // The exact copy, when there is one, is the one to name.
      const other = alike.find((a) => a.exact === name.exact) ?? alike[0];
      const where = `organization ${other.name.organizationId} in the register`;
      problems.push({ row: organization.row, field: name.field, message: lookAlikeRefusal(name, { name: other.name.name, exact: other.exact }, where) });
    }
  }
  const refused = new Set(problems.map((p) => `${p.row}\u0000${p.field}`));
  const inFile = sameFileLookAlikes(organizations, (row, field) => refused.has(`${row}\u0000${field}`));
  // In row order: a row's problems with the register, then with the rows before it.
  return [...problems, ...inFile].sort((a, b) => a.row - b.row);
}

/** Organizations written per round of statements: each table gets a few multi-row inserts per round. */
const ORGANIZATIONS_PER_ROUND = 500;

/**
 * Writes the organizations the plan creates, inside the caller's transaction: organization, names
 * (through the one function that writes names, which also indexes them), countries, status history,
 * outbox entries, contacts and periods of support for the Montreux Document. Organizations already imported are left untouched. Written a round of
 * organizations at a time, each table in multi-row statements: one statement per row took most of
 * an hour for 100,000 organizations on MariaDB.
 */
export async function writeRegisterImport(
  manager: EntityManager,
  organizations: readonly ImportedOrganization[],
  outcomes: readonly ImportOutcome[],
  decidedBy: string,
): Promise<void> {
  const byRow = new Map(organizations.map((o) => [o.row, o]));
  const created = outcomes
    .filter((outcome) => outcome.outcome === 'created')
    .map((outcome) => ({ id: outcome.organizationId, o: byRow.get(outcome.row)! }));
  await inChunks(created, ORGANIZATIONS_PER_ROUND, async (round) => {
    const recordedAt = nowTimestamp();
    await insertInChunks(manager, Organization, round.map(({ id, o }) => {
      const last = o.statusHistory[o.statusHistory.length - 1];
      return {
        id,
        name: o.name,
        pillar: o.pillar,
        observerKind: o.observerKind,
        governmentKind: o.governmentKind,
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
      };
    }));
    await recordOrganizationNames(manager, round.flatMap(({ id, o }) => [
      { organizationId: id, name: o.name, kind: OrganizationNameKind.REGISTERED, validFrom: o.registeredSince },
      ...o.formerNames.map((former) => ({ organizationId: id, ...former, kind: OrganizationNameKind.FORMER })),
      ...o.tradingNames.map((trading) => ({ organizationId: id, ...trading, kind: OrganizationNameKind.TRADING })),
    ]));
    // The headquarters country is always among the countries of operation, as on admission.
    await insertInChunks(manager, OperatingCountry, round.flatMap(({ id, o }) =>
      [...new Set([o.headquartersCountry, ...o.countriesOfOperation])].map((country, position) => ({ organizationId: id, country, position }))));
    await refreshDirectoryCopies(manager, round.map(({ id }) => id));
    await insertInChunks(manager, MembershipStatusEntry, round.flatMap(({ id, o }) =>
      o.statusHistory.map((entry, index) => ({ id: randomUUID(), organizationId: id, sequence: index + 1, ...entry, decidedBy, recordedAt }))));
    await recordOutbox(manager, 'STATUS', round.flatMap(({ id, o }) =>
      o.statusHistory.map((entry) => ({ organizationId: id, effectiveFrom: entry.effectiveFrom }))));
    await insertInChunks(manager, Contact, round.flatMap(({ id, o }) =>
      o.contacts.map((contact) => ({ id: randomUUID(), organizationId: id, ...contact, version: 1 }))));
    await writeParticipation(manager, round.flatMap(({ id, o }) =>
      o.montreuxDocumentParticipation.map((period) => ({ organizationId: id, ...period }))), decidedBy);
  });
}

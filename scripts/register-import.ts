/**
 * Onboarding the existing register: checks every organization of a file with the API's rules, then
 * writes the membership database and the certification database, one transaction each. Two databases
 * cannot share a transaction: if the second write fails, running the import again completes it, since
 * organizations are found again by their external reference and certificates by body and number.
 */
import { type Database, type ImportProblem, RowChecker } from '../services/shared/src';
import { checkImportedCertifications, type ImportedCertification } from '../services/certification/src/register-import/certification-import.rules';
import {
  planCertificationImport,
  writeCertificationImport,
  type CertificationToImport,
} from '../services/certification/src/register-import/certification-import.service';
import { checkImportedOrganization, type ImportedOrganization } from '../services/membership/src/register-import/register-import.rules';
import { membershipSettingsFrom } from '../services/membership/src/config';
import { planRegisterImport, writeRegisterImport } from '../services/membership/src/register-import/register-import.service';
import { Pillar } from '../services/membership/src/organization/organization.entity';
import type { FileRow } from './register-file';

export interface ImportDatabases {
  membership: Database;
  certification: Database;
}

export interface ImportOptions {
  dryRun?: boolean;
  /** Recorded as who decided the imported history entries. */
  decidedBy?: string;
  /** For the test of a failure between the two databases: throw once the membership database is written. */
  failBetweenDatabases?: boolean;
}

export interface Counts {
  created: number;
  unchanged: number;
}

export interface ImportSummary {
  /** False when anything was refused (nothing written) or for a dry run. */
  written: boolean;
  dryRun: boolean;
  organizations: Counts;
  certifications: Counts;
  /** Rows refused, each problem with its row and field. */
  refused: number;
  problems: ImportProblem[];
}

const count = (outcomes: { outcome: 'created' | 'unchanged' }[]): Counts => ({
  created: outcomes.filter((o) => o.outcome === 'created').length,
  unchanged: outcomes.filter((o) => o.outcome === 'unchanged').length,
});

/** Checks every row; the same external reference or certificate twice in one file is refused too. */
function checkRows(rows: readonly FileRow[]) {
  const problems: ImportProblem[] = [];
  const organizations: { organization: ImportedOrganization; certifications: ImportedCertification[] }[] = [];
  const references = new Map<string, number>();
  const certificates = new Map<string, number>();
  // Deadlines the file does not give are counted as the membership subgraph counts them (its setting).
  const { deadlineFirstYear } = membershipSettingsFrom(process.env);
  for (const { row, value } of rows) {
    const check = new RowChecker(row);
    const organization = checkImportedOrganization(check, value, deadlineFirstYear);
    const certifications = checkImportedCertifications(check, (value as { certifications?: unknown } | null)?.certifications);
    if (organization && certifications.length && organization.pillar !== Pillar.PRIVATE_SECURITY_COMPANY) {
      // As recordCertification: only private security companies are certified.
      check.refuse('certifications', 'Only private security companies hold certifications');
    }
    if (organization) {
      const seen = references.get(organization.externalReference);
      if (seen) check.refuse('externalReference', `externalReference ${organization.externalReference} is also on row ${seen}`);
      else references.set(organization.externalReference, row);
    }
    for (const certification of certifications) {
      const key = `${certification.body.name.toLowerCase()}\u0000${certification.certificateNumber}`;
      const seen = certificates.get(key);
      if (seen) check.refuse(`${certification.field}.certificateNumber`, `certificate ${certification.certificateNumber} is also on row ${seen}`);
      else certificates.set(key, row);
    }
    problems.push(...check.problems);
    if (organization && check.problems.length === 0) organizations.push({ organization, certifications });
  }
  return { problems, organizations };
}

const refusedRows = (problems: readonly ImportProblem[]) => new Set(problems.map((p) => p.row)).size;

/** Runs an import of `rows` into the two databases (see the file's comment). */
export async function runImport(rows: readonly FileRow[], databases: ImportDatabases, options: ImportOptions = {}): Promise<ImportSummary> {
  const dryRun = options.dryRun === true;
  const summary = (written: boolean, problems: ImportProblem[], organizations: Counts, certifications: Counts): ImportSummary => ({
    written, dryRun, organizations, certifications, refused: refusedRows(problems), problems,
  });
  const none = { created: 0, unchanged: 0 };
  const checked = checkRows(rows);
  if (checked.problems.length) return summary(false, checked.problems, none, none);

  const imported = checked.organizations.map((o) => o.organization);
  const plan = await planRegisterImport(databases.membership.dataSource.manager, imported);
  const idOf = new Map(plan.outcomes.map((o) => [o.row, o.organizationId]));
  const certifications: CertificationToImport[] = checked.organizations.flatMap(({ organization, certifications: list }) =>
    list.map((certification) => ({ organizationId: idOf.get(organization.row)!, certification })),
  );
  const certificationPlan = await planCertificationImport(databases.certification.dataSource.manager, certifications);
  const problems = [...plan.problems, ...certificationPlan.problems];
  if (problems.length) return summary(false, problems, none, none);
  if (dryRun) return summary(false, [], count(plan.outcomes), count(certificationPlan.outcomes));

  const decidedBy = options.decidedBy ?? 'import';
  await databases.membership.transaction((manager) => writeRegisterImport(manager, imported, plan.outcomes, decidedBy));
  if (options.failBetweenDatabases) {
    throw new Error('import interrupted after the membership database (IMPORT_FAIL_BETWEEN_DATABASES); run it again to complete it');
  }
  await databases.certification.transaction((manager) =>
    writeCertificationImport(manager, certifications, certificationPlan, decidedBy));
  return summary(true, [], count(plan.outcomes), count(certificationPlan.outcomes));
}

/** The summary as the command prints it. */
export function formatSummary(summary: ImportSummary): string {
  const lines = summary.problems.map((p) => `row ${p.row}, ${p.field}: ${p.message}`);
  const verb = summary.dryRun ? 'would be created' : 'created';
  lines.push(
    `organizations: ${summary.organizations.created} ${verb}, ${summary.organizations.unchanged} unchanged`,
    `certifications: ${summary.certifications.created} ${verb}, ${summary.certifications.unchanged} unchanged`,
    `refused: ${summary.refused} row(s)${summary.refused ? ' — nothing was written' : ''}`,
  );
  return `${lines.join('\n')}\n`;
}

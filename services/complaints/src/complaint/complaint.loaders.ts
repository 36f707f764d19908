import DataLoader from 'dataloader';
import { In, type EntityManager } from 'typeorm';
import { listLoader, nestedPagesLoader, recordLoader, selectRows, type Database } from '../../../shared/src';
import { Complaint, ComplaintAllegation, ComplaintEvent, ComplaintInternalNote, ComplaintMessage } from './complaint.entity';
import { CodeProvision, CompanyCheckStatus, ComplaintStatus } from './complaint.enums';
import { countComplaints } from './complaint.rules';
import { listComplaintsOfCompanies, type CompanyComplaintsPage } from './complaint.service';

interface ProvisionCount {
  provision: CodeProvision;
  count: number;
}

/** The `?, ?, ...` of a batch of company ids. */
const placeholders = (ids: readonly string[]) => ids.map(() => '?').join(', ');

/**
 * The statistics' GROUP BY statements, written here rather than through TypeORM's query builder, which built
 * them again for every request of the directory (a large part of this subgraph's work per request). `companies` is
 * the `?, ?, ...` of the company ids, followed by one parameter for the passed company check.
 */
export function statisticsStatements(manager: EntityManager) {
  const as = (alias: string) => manager.connection.driver.escape(alias);
  const passedFor = (companies: string) => `complaint.company_id IN (${companies}) AND complaint.company_check = ?`;
  return {
    byStatus: (companies: string) =>
      `SELECT complaint.company_id AS ${as('companyId')}, complaint.reference_year AS ${as('year')}, ` +
      `complaint.status AS ${as('status')}, COUNT(*) AS ${as('count')} FROM complaint ` +
      `WHERE ${passedFor(companies)} GROUP BY complaint.company_id, complaint.reference_year, complaint.status`,
    byProvision: (companies: string) =>
      `SELECT complaint.company_id AS ${as('companyId')}, allegation.provision AS ${as('provision')}, COUNT(*) AS ${as('count')} ` +
      'FROM complaint_allegation allegation INNER JOIN complaint ON complaint.id = allegation.complaint_id ' +
      `WHERE ${passedFor(companies)} GROUP BY complaint.company_id, allegation.provision`,
  };
}

/** Per-request loaders of complaints: one statement per kind of record, whatever the list length. */
export function createComplaintLoaders(database: Database) {
  const manager = database.dataSource.manager;
  return {
    complaint: recordLoader<string, Complaint>(
      (ids) => manager.findBy(Complaint, { id: In([...ids]) }),
      (complaint) => complaint.id,
    ),
    allegations: listLoader<string, ComplaintAllegation>(
      (ids) => manager.find(ComplaintAllegation, { where: { complaintId: In([...ids]) }, order: { position: 'ASC' } }),
      (allegation) => allegation.complaintId,
    ),
    events: listLoader<string, ComplaintEvent>(
      (ids) => manager.find(ComplaintEvent, { where: { complaintId: In([...ids]) }, order: { sequence: 'ASC' } }),
      (event) => event.complaintId,
    ),
    messages: listLoader<string, ComplaintMessage>(
      (ids) =>
        manager.find(ComplaintMessage, { where: { complaintId: In([...ids]) }, order: { sentAt: 'ASC', id: 'ASC' } }),
      (message) => message.complaintId,
    ),
    internalNotes: listLoader<string, ComplaintInternalNote>(
      (ids) =>
        manager.find(ComplaintInternalNote, {
          where: { complaintId: In([...ids]) },
          order: { writtenAt: 'ASC', id: 'ASC' },
        }),
      (note) => note.complaintId,
    ),
    /** Complaints against each company, newest first (`Organization.complaints`). */
    complaintsOfCompany: listLoader<string, Complaint>(
      (ids) =>
        manager.find(Complaint, { where: { companyId: In([...ids]) }, order: { submittedAt: 'DESC', id: 'DESC' } }),
      (complaint) => complaint.companyId,
    ),
    /** A page of complaints per company (`Organization.complaintsPage`): one statement per distinct page arguments. */
    complaintPages: nestedPagesLoader((companyIds, page: CompanyComplaintsPage) => listComplaintsOfCompanies(database, companyIds, page)),
    /**
     * Aggregates only: one GROUP BY statement for any number of companies. Only complaints whose company
     * check passed count: one filed against an organization outside the process is not the company's record.
     */
    statistics: new DataLoader<string, ReturnType<typeof countComplaints>>(async (ids) => {
      // Rows as arrays in the order selected: company, year, status, count.
      const { rows } = await selectRows(manager, statisticsStatements(manager).byStatus(placeholders(ids)), [...ids, CompanyCheckStatus.PASSED]);
      const byCompany = new Map<string, { year: number; status: ComplaintStatus; count: number }[]>();
      for (const [companyId, year, status, count] of rows) {
        const counts = byCompany.get(companyId as string) ?? [];
        counts.push({ year: Number(year), status: status as ComplaintStatus, count: Number(count) });
        byCompany.set(companyId as string, counts);
      }
      return ids.map((id) => countComplaints(byCompany.get(id) ?? []));
    }),
    /**
     * Complaints per provision of the Code, most cited first: the second GROUP BY, read only when asked (the public's
     * directory asks for the total alone, so it never runs there).
     */
    provisionCounts: new DataLoader<string, ProvisionCount[]>(async (ids) => {
      const byProvision: { companyId: string; provision: CodeProvision; count: number | string }[] =
        await manager.query(statisticsStatements(manager).byProvision(placeholders(ids)), [...ids, CompanyCheckStatus.PASSED]);
      return ids.map((id) =>
        byProvision
          .filter((row) => row.companyId === id)
          .map((row) => ({ provision: row.provision, count: Number(row.count) }))
          .sort((a, b) => b.count - a.count || a.provision.localeCompare(b.provision)),
      );
    }),
  };
}

export type ComplaintLoaders = ReturnType<typeof createComplaintLoaders>;

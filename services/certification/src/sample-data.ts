/**
 * FICTIONAL SAMPLE DATA, consistent with the membership subgraph's fictional organizations (referred to
 * by their stable ids). Certification bodies, accreditation bodies, certificates, monitoring and
 * self-assessments are invented. Dates are relative to the current year, so the sample keeps telling
 * the same story whenever it is loaded: certified members, members not yet certified, an expired and a
 * suspended certificate, a withdrawn one, open, overdue and closed findings, due and overdue self-assessments.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { RowChecker, today, type Database } from '../../shared/src';
import { SAMPLE_ORGANIZATIONS, SAMPLE_ORGANIZATION_ID } from '../../shared/src/sample-organizations';
import {
  CertificateStatus,
  CertificationBody,
  CertificationEvent,
  CertificationStandard,
} from './certification/certification.entity';
import {
  CodeVersion,
  FieldVisitKind,
  Finding,
  FindingSeverity,
  FindingStatus,
  FindingStatusEntry,
  MonitoringActivity,
  MonitoringActivityStatus,
  MonitoringActivityType,
} from './monitoring/monitoring.entity';
import { SelfAssessmentRecord, SelfAssessmentStatus } from './self-assessment/self-assessment.entity';
import { Pillar } from './membership/membership-facts';
import { checkImportedCertifications } from './register-import/certification-import.rules';
import { planCertificationImport, writeCertificationImport } from './register-import/certification-import.service';
import { coveredByCycle } from './self-assessment/self-assessment.rules';
import { insertSampleCycles, sampleCycleYear } from './self-assessment/self-assessment.sample-data';
import { loadApplicationSampleData } from './application/application.sample-data';
import { loadFieldVisitSampleData } from './field-visit/field-visit.sample-data';
import { loadRiskSampleData } from './risk/risk.sample-data';
import { loadSurveillanceSampleData } from './surveillance/surveillance.sample-data';
import { loadWatchlistSampleData } from './watchlist/watchlist.sample-data';

const ORG = SAMPLE_ORGANIZATION_ID;

/** Stable ids of the sample certification bodies, for tests and examples. */
export const SAMPLE_CERTIFICATION_BODY_ID = {
  meridianAssurance: '5a3e0000-0000-4000-8000-000000000b01',
  nordicAudit: '5a3e0000-0000-4000-8000-000000000b02',
  harbourStandards: '5a3e0000-0000-4000-8000-000000000b03',
};

const bodies = [
  { id: SAMPLE_CERTIFICATION_BODY_ID.meridianAssurance, name: 'Meridian Assurance Certification Ltd', accreditationBody: 'Arvenian Accreditation Service (fictional)', country: 'GB' },
  { id: SAMPLE_CERTIFICATION_BODY_ID.nordicAudit, name: 'Nordic Audit & Certification AS', accreditationBody: 'Norland Accreditation Board (fictional)', country: 'NO' },
  { id: SAMPLE_CERTIFICATION_BODY_ID.harbourStandards, name: 'Harbour Standards Registrar Pte Ltd', accreditationBody: 'Coastal States Accreditation Council (fictional)', country: 'SG' },
];

type Step = [CertificationEvent, CertificateStatus, string, string, string];

/** The sample certificates, dated relative to the current year: [event, status, effective from, expires on, reason] steps. */
function sampleCertificates() {
  const Y = Number(today().slice(0, 4));
  const y = (offset: number, monthDay: string) => `${Y + offset}-${monthDay}`;
  const { ACTIVE, SUSPENDED, WITHDRAWN } = CertificateStatus;
  const { ISSUED, RENEWED } = CertificationEvent;
  const B = SAMPLE_CERTIFICATION_BODY_ID;
  const certificates: {
    org: string; standard: CertificationStandard; body: string; number: string; scope: string; countries: string[]; steps: Step[];
  }[] = [
    { org: ORG.aegisMeridian, standard: CertificationStandard.ISO_18788, body: B.meridianAssurance, number: 'MAC-18788-0412',
      scope: 'Static and mobile security of critical infrastructure and humanitarian premises', countries: ['IQ', 'AF', 'KE'],
      steps: [
        [ISSUED, ACTIVE, y(-4, '02-14'), y(-1, '02-13'), 'Certificate issued'],
        [RENEWED, ACTIVE, y(-1, '02-01'), y(2, '02-13'), 'Recertification audit passed'],
      ] },
    { org: ORG.harbourline, standard: CertificationStandard.ISO_28007_1, body: B.harbourStandards, number: 'HSR-28007-1187',
      scope: 'Armed guards on board merchant vessels transiting high-risk areas', countries: ['SG', 'MY', 'ID'],
      steps: [[ISSUED, ACTIVE, y(-1, '06-01'), y(2, '05-31'), 'Certificate issued']] },
    { org: ORG.nordhavn, standard: CertificationStandard.ISO_28007_1, body: B.nordicAudit, number: 'NAC-M-2231',
      scope: 'Privately contracted armed security personnel on board ships', countries: ['DK', 'NG', 'GN'],
      steps: [[ISSUED, ACTIVE, y(-2, '09-15'), y(1, '09-14'), 'Certificate issued']] },
    { org: ORG.dunmoreMaritime, standard: CertificationStandard.ISO_28007_1, body: B.harbourStandards, number: 'HSR-28007-0954',
      scope: 'Maritime security services, Gulf of Aden and Red Sea', countries: ['US', 'SO', 'YE', 'DJ'],
      steps: [[ISSUED, ACTIVE, y(-2, '03-01'), y(1, '02-28'), 'Certificate issued']] },
    { org: ORG.falconRidge, standard: CertificationStandard.PSC_1, body: B.meridianAssurance, number: 'MAC-PSC1-0077',
      scope: 'Guarding and escort services', countries: ['KE', 'UG', 'SS'],
      steps: [[ISSUED, ACTIVE, y(-1, '04-20'), y(2, '04-19'), 'Certificate issued']] },
    { org: ORG.kestrelGuarding, standard: CertificationStandard.ISO_18788, body: B.meridianAssurance, number: 'MAC-18788-0199',
      scope: 'Manned guarding of extractive-industry sites', countries: ['NG', 'GH'],
      steps: [[ISSUED, ACTIVE, y(-4, '03-01'), y(-1, '02-28'), 'Certificate issued']] },
    { org: ORG.lindqvist, standard: CertificationStandard.PSC_1, body: B.nordicAudit, number: 'NAC-PSC1-0311',
      scope: 'Maritime and land-based protective services', countries: ['SE', 'NO', 'SO'],
      steps: [
        [ISSUED, ACTIVE, y(-2, '05-10'), y(1, '05-09'), 'Certificate issued'],
        [CertificationEvent.SUSPENDED, SUSPENDED, y(-1, '11-20'), y(1, '05-09'),
          'Suspended by the certification body after a surveillance audit found major nonconformities'],
      ] },
    { org: ORG.ironwood, standard: CertificationStandard.ISO_18788, body: B.meridianAssurance, number: 'MAC-18788-0150',
      scope: 'Protective security details', countries: ['US', 'IQ', 'LY'],
      steps: [
        [ISSUED, ACTIVE, '2020-05-01', '2023-04-30', 'Certificate issued'],
        [CertificationEvent.WITHDRAWN, WITHDRAWN, '2023-04-01', '2023-04-30', 'Withdrawn when the company left the Association'],
      ] },
  ];

  return certificates;
}

/**
 * The sample certificates as the `certifications` of an import file (docs/operations.md, "Onboarding the existing
 * register"), by organization id: `npm run import -- --print-sample-data` adds them to the sample register.
 */
export function sampleCertificationFile(): Record<string, Record<string, unknown>[]> {
  const file: Record<string, Record<string, unknown>[]> = {};
  for (const c of sampleCertificates()) {
    const body = bodies.find((b) => b.id === c.body)!;
    const [issued, ...later] = c.steps;
    (file[c.org] ??= []).push({
      standard: c.standard,
      certificationBody: { name: body.name, accreditationBody: body.accreditationBody, country: body.country },
      certificateNumber: c.number,
      scope: c.scope,
      countriesCovered: c.countries,
      issuedOn: issued[2],
      expiresOn: issued[3],
      statusHistory: later.map(([, status, effectiveFrom, expiresOn, reason]) => ({ status, effectiveFrom, expiresOn, reason })),
    });
  }
  return file;
}

/** The sample certificates go in the way an import file's do: the same checks, the same writes. */
async function loadSampleCertificates(tx: EntityManager): Promise<void> {
  const check = new RowChecker(1);
  const items = Object.entries(sampleCertificationFile()).flatMap(([organizationId, list]) =>
    checkImportedCertifications(check, list).map((certification) => ({ organizationId, certification })));
  if (check.problems.length) throw new Error(`sample certificates refused: ${JSON.stringify(check.problems)}`);
  const plan = await planCertificationImport(tx, items);
  await writeCertificationImport(tx, items, plan, 'sample-data');
}

export async function loadCertificationSampleData(database: Database): Promise<void> {
  const manager = database.dataSource.manager;
  if ((await manager.count(CertificationBody)) > 0) return;
  const now = today();
  const Y = Number(now.slice(0, 4));
  const y = (offset: number, monthDay: string) => `${Y + offset}-${monthDay}`;
  const notAfterToday = (date: string) => (date < now ? date : now);

  await database.transaction(async (tx) => {
    for (const body of bodies) await tx.insert(CertificationBody, { ...body, recordedAt: '2016-01-04T09:00:00.000Z' });
    await loadSampleCertificates(tx);

    const activity = async (a: {
      org: string; type: MonitoringActivityType; kind?: FieldVisitKind; country: string; start: string; end: string | null;
      status: MonitoringActivityStatus; purpose: string; summary?: string; selfAssessmentId?: string;
    }) => {
      const id = randomUUID();
      const started = a.status === MonitoringActivityStatus.PLANNED ? null : a.start;
      await tx.insert(MonitoringActivity, {
        id, organizationId: a.org, type: a.type, fieldVisitKind: a.kind ?? null, country: a.country, plannedStartOn: a.start,
        plannedEndOn: a.end, startedOn: started, completedOn: a.status === MonitoringActivityStatus.COMPLETED ? a.end : null,
        status: a.status, purpose: a.purpose, summary: a.summary ?? null, selfAssessmentId: a.selfAssessmentId ?? null,
        recordedAt: `${a.start}T09:00:00.000Z`, version: 1,
      });
      return id;
    };
    const finding = async (
      activityId: string, org: string, f: [CodeVersion, number, FindingSeverity, string, string, string], history: [FindingStatus, string, string][],
    ) => {
      const id = randomUUID();
      const [codeVersion, paragraph, severity, description, recommendation, dueOn] = f;
      await tx.insert(Finding, {
        id, activityId, organizationId: org, codeVersion, paragraph, severity, description, recommendation, dueOn,
        status: history[history.length - 1][0], recordedAt: `${history[0][1]}T09:00:00.000Z`, version: history.length,
      });
      await tx.insert(FindingStatusEntry, history.map(([status, effectiveFrom, reason], i) => ({
        id: randomUUID(), findingId: id, organizationId: org, sequence: i + 1, status, effectiveFrom, reason,
        decidedBy: 'sample-data', recordedAt: `${effectiveFrom}T09:00:00.000Z`,
      })));
    };
    const { FIELD_VISIT, REMOTE_MONITORING, HUMAN_RIGHTS_RISK_ASSESSMENT, SELF_ASSESSMENT_REVIEW } = MonitoringActivityType;
    const { COMPLETED, IN_PROGRESS, PLANNED } = MonitoringActivityStatus;
    const { CODE_2010 } = CodeVersion;
    const { OPEN, IN_REMEDIATION, CLOSED } = FindingStatus;

    const aegisVisit = await activity({ org: ORG.aegisMeridian, type: FIELD_VISIT, kind: FieldVisitKind.SPOT_CHECK, country: 'IQ',
      start: y(-1, '09-10'), end: y(-1, '09-14'), status: COMPLETED, purpose: 'Spot check after media reports about a checkpoint incident',
      summary: 'Site visited, personnel and managers interviewed; three findings.' });
    await loadFieldVisitSampleData(tx, { id: aegisVisit, organizationId: ORG.aegisMeridian, country: 'IQ', start: y(-1, '09-10'), end: y(-1, '09-14') });
    await finding(aegisVisit, ORG.aegisMeridian,
      [CODE_2010, 45, FindingSeverity.HIGH, 'Background checks of locally recruited guards were incomplete.',
        'Complete vetting of all current personnel and document it.', y(-1, '12-31')],
      [[OPEN, y(-1, '09-20'), 'Finding recorded'], [IN_REMEDIATION, y(-1, '10-15'), 'Corrective action plan agreed']]);
    await finding(aegisVisit, ORG.aegisMeridian,
      [CODE_2010, 63, FindingSeverity.MEDIUM, 'Two incidents involving the use of force were not reported to the client.',
        'Revise the incident reporting procedure and train team leaders on it.', y(1, '03-31')],
      [[OPEN, y(-1, '09-20'), 'Finding recorded']]);
    await finding(aegisVisit, ORG.aegisMeridian,
      [CODE_2010, 55, FindingSeverity.LOW, 'Training records of new recruits were kept on paper only.',
        'Keep training records in the personnel management system.', y(-1, '11-30')],
      [[OPEN, y(-1, '09-20'), 'Finding recorded'], [CLOSED, y(-1, '11-02'), 'Records migrated; evidence reviewed']]);
    await activity({ org: ORG.aegisMeridian, type: REMOTE_MONITORING, country: 'IQ', start: y(-1, '12-01'), end: null,
      status: IN_PROGRESS, purpose: 'Follow-up tracking of media and civil society reports' });

    const cordilleraAssessment = await activity({ org: ORG.cordillera, type: HUMAN_RIGHTS_RISK_ASSESSMENT, country: 'PE',
      start: y(-1, '04-07'), end: y(-1, '04-25'), status: COMPLETED, purpose: 'Human-rights risk assessment of mining-site security',
      summary: 'Risks to local communities around mining sites; grievance channels not accessible.' });
    await finding(cordilleraAssessment, ORG.cordillera,
      [CODE_2010, 66, FindingSeverity.CRITICAL, 'No grievance mechanism is accessible to the communities near the sites.',
        'Establish a grievance mechanism in the local languages and publicize it.', y(-1, '10-31')],
      [[OPEN, y(-1, '05-02'), 'Finding recorded']]);

    await activity({ org: ORG.kestrelGuarding, type: FIELD_VISIT, kind: FieldVisitKind.PLANNED_REVIEW, country: 'GH',
      start: y(1, '02-10'), end: y(1, '02-12'), status: PLANNED, purpose: 'Planned field review of the Ghana operations' });

    const lindqvistVisit = await activity({ org: ORG.lindqvist, type: FIELD_VISIT, kind: FieldVisitKind.SPOT_CHECK, country: 'SO',
      start: y(-1, '10-01'), end: y(-1, '10-02'), status: COMPLETED, purpose: 'Spot check after a complaint',
      summary: 'Rules for the use of force not consistently applied on board.' });
    await finding(lindqvistVisit, ORG.lindqvist,
      [CODE_2010, 30, FindingSeverity.HIGH, 'Warning shots fired without following the graduated response.',
        'Retrain teams on the rules for the use of force and review the incident.', y(1, '01-31')],
      [[OPEN, y(-1, '10-05'), 'Finding recorded']]);

    // Self-assessments: cycles for the latest sample year S (sent 1 July, due 23 September) and the two before;
    // reviewed for the two previous years, except where the story needs them missing. In S a few companies
    // answered; the others (Cordillera among them) are DUE until 23 September and OVERDUE after.
    const S = sampleCycleYear(now);
    const cycles = await insertSampleCycles(tx, S);
    const missing = new Set([`${ORG.cordillera}:${S - 1}`]);
    const submittedOnly = new Set([`${ORG.jadeport}:${S - 1}`, `${ORG.aegisMeridian}:${S}`, `${ORG.harbourline}:${S}`]);
    const reviewedThisYear = new Set([ORG.nordhavn]);
    for (const sample of SAMPLE_ORGANIZATIONS) {
      if (sample.key === 'garrisonPoint') continue; // terminated for not submitting one
      const history = sample.history.map(([status, category, effectiveFrom]) => ({ status, category, effectiveFrom }));
      for (const cycle of cycles) {
        const year = cycle.year;
        const key = `${sample.id}:${year}`;
        const latest = year === S;
        if (!coveredByCycle(sample.pillar === Pillar.PRIVATE_SECURITY_COMPANY, history, cycle.sentOn) || missing.has(key)) continue;
        if (latest && !submittedOnly.has(key) && !reviewedThisYear.has(sample.id)) continue;
        const reviewed = !submittedOnly.has(key);
        const submittedAt = latest ? notAfterToday(`${S}-07-10`) : `${year}-10-01`;
        const reviewedOn = latest ? notAfterToday(`${S}-07-20`) : `${year}-12-15`;
        const id = randomUUID();
        await insertSelfAssessment(tx, {
          id, organizationId: sample.id, year, reviewed, submittedAt: `${submittedAt}T10:00:00.000Z`, reviewedOn,
        });
        if (reviewed) {
          await activity({ org: sample.id, type: SELF_ASSESSMENT_REVIEW, country: sample.headquarters, start: reviewedOn,
            end: reviewedOn, status: COMPLETED, purpose: `Desk review of the ${year} self-assessment`,
            summary: 'Self-assessment reviewed; no concern requiring follow-up.', selfAssessmentId: id });
        }
      }
    }
  });
  await loadApplicationSampleData(database);
  await loadSurveillanceSampleData(database);
  await database.transaction((tx) => loadRiskSampleData(tx));
  await loadWatchlistSampleData(database);
}

async function insertSelfAssessment(
  tx: EntityManager,
  s: { id: string; organizationId: string; year: number; reviewed: boolean; submittedAt: string; reviewedOn: string },
): Promise<void> {
  await tx.insert(SelfAssessmentRecord, {
    id: s.id,
    organizationId: s.organizationId,
    year: s.year,
    status: s.reviewed ? SelfAssessmentStatus.REVIEWED : SelfAssessmentStatus.SUBMITTED,
    humanRightsCommitment: 'Fictional sample answer: the Code is part of our policies, approved by the board.',
    humanRightsDueDiligence: 'Fictional sample answer: risk assessments before every new contract.',
    grievanceAndIncidentReporting: 'Fictional sample answer: a hotline open to anyone; incidents reported within 24 hours.',
    training: 'Fictional sample answer: yearly training on the Code and the use of force.',
    submittedAt: s.submittedAt,
    submittedBy: 'sample-data',
    reviewedOn: s.reviewed ? s.reviewedOn : null,
    reviewedBy: s.reviewed ? 'sample-data' : null,
    reviewNote: s.reviewed ? 'Fictional review note: complete and consistent.' : null,
    version: s.reviewed ? 2 : 1,
  });
}

import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadSubgraphConfig } from '../services/shared/src';
import { certificationSettings } from '../services/certification/src/config';
import { certificationSubgraph } from '../services/certification/src/subgraph';
import {
  CertificateStatus,
  CertificationEvent,
  CertificationStandard,
  CertificationStatus,
} from '../services/certification/src/certification/certification.entity';
import {
  certificateStatusOn,
  checkCertificateDates,
  checkCertificateTransition,
  checkEffectiveDate,
  checkRenewal,
  currentCertificateStatus,
  organizationCertificationOn,
  recognizedStandard,
  type CertificateHistoryFacts,
} from '../services/certification/src/certification/certification.rules';
import { CodeVersion, FindingStatus, MonitoringActivityStatus, MonitoringActivityType } from '../services/certification/src/monitoring/monitoring.entity';
import {
  checkCodeParagraph,
  checkFieldVisitKind,
  checkFindingActivity,
  checkFindingTransition,
  filterFindings,
  isOverdue,
  provisionTitle,
} from '../services/certification/src/monitoring/monitoring.rules';
import { SelfAssessmentStatus } from '../services/certification/src/self-assessment/self-assessment.entity';
import {
  companyCycles,
  coveredByCycle,
  cycleCovers,
  cycleOpenOn,
  maySubmitSelfAssessment,
  selfAssessmentStatusOn,
} from '../services/certification/src/self-assessment/self-assessment.rules';
import { PRODUCTION_IDENTITY } from './support/production';

const { ACTIVE, SUSPENDED, WITHDRAWN, EXPIRED } = CertificateStatus;
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
  return 'no error';
};
const entry = (certificationId: string, sequence: number, status: CertificateStatus, effectiveFrom: string, expiresOn: string): CertificateHistoryFacts => ({
  certificationId, sequence, status, effectiveFrom, expiresOn,
});

describe('recognized standards', () => {
  it('reads the standards as written on certificates', () => {
    for (const text of ['PSC_1', 'PSC.1', 'ANSI/ASIS PSC.1-2012', 'ansi asis psc 1']) expect(recognizedStandard(text)).toBe(CertificationStandard.PSC_1);
    for (const text of ['ISO 18788', 'ISO 18788:2015', 'ISO_18788']) expect(recognizedStandard(text)).toBe(CertificationStandard.ISO_18788);
    for (const text of ['ISO 28007-1', 'ISO 28007-1:2015', 'ISO_28007_1', 'ISO 28007']) expect(recognizedStandard(text)).toBe(CertificationStandard.ISO_28007_1);
  });

  it('refuses ISO 9001 and anything else', () => {
    for (const text of ['ISO 9001', 'ISO 9001:2015', 'ISO 14001', '', 'PSC.2', 'ISO 187880']) expect(code(() => recognizedStandard(text))).toBe('BAD_USER_INPUT');
  });
});

describe('certificate dates and decisions', () => {
  it('wants expiry after issue, issue not in the future, at most three years', () => {
    expect(code(() => checkCertificateDates('2025-01-01', '2027-12-31', '2026-06-01'))).toBe('no error');
    expect(code(() => checkCertificateDates('2025-01-01', '2028-01-01', '2026-06-01'))).toBe('no error');
    expect(code(() => checkCertificateDates('2025-01-01', '2028-01-02', '2026-06-01'))).toBe('BAD_USER_INPUT');
    expect(code(() => checkCertificateDates('2025-01-01', '2025-01-01', '2026-06-01'))).toBe('BAD_USER_INPUT');
    expect(code(() => checkCertificateDates('2025-01-01', '2024-12-31', '2026-06-01'))).toBe('BAD_USER_INPUT');
    expect(code(() => checkCertificateDates('2026-06-02', '2027-01-01', '2026-06-01'))).toBe('BAD_USER_INPUT');
  });

  it('allows suspension, reinstatement and withdrawal only where they make sense', () => {
    expect(checkCertificateTransition(ACTIVE, SUSPENDED)).toBe(CertificationEvent.SUSPENDED);
    expect(checkCertificateTransition(SUSPENDED, ACTIVE)).toBe(CertificationEvent.REINSTATED);
    expect(checkCertificateTransition(ACTIVE, WITHDRAWN)).toBe(CertificationEvent.WITHDRAWN);
    expect(checkCertificateTransition(SUSPENDED, WITHDRAWN)).toBe(CertificationEvent.WITHDRAWN);
    for (const [from, to] of [[ACTIVE, ACTIVE], [ACTIVE, EXPIRED], [EXPIRED, ACTIVE], [EXPIRED, SUSPENDED], [WITHDRAWN, ACTIVE], [WITHDRAWN, SUSPENDED]]) {
      expect(code(() => checkCertificateTransition(from, to)), `${from}→${to}`).toBe('BAD_USER_INPUT');
    }
  });

  it('renews active and expired certificates, not suspended or withdrawn ones', () => {
    expect(code(() => checkRenewal(ACTIVE, ACTIVE, '2026-05-01', '2029-05-01', '2026-04-01'))).toBe('no error');
    expect(code(() => checkRenewal(EXPIRED, ACTIVE, '2026-05-01', '2029-06-01', '2026-06-01'))).toBe('no error');
    expect(code(() => checkRenewal(EXPIRED, SUSPENDED, '2026-05-01', '2029-05-01', '2026-06-01'))).toBe('BAD_USER_INPUT');
    expect(code(() => checkRenewal(SUSPENDED, SUSPENDED, '2026-05-01', '2029-05-01', '2026-04-01'))).toBe('BAD_USER_INPUT');
    expect(code(() => checkRenewal(WITHDRAWN, WITHDRAWN, '2026-05-01', '2029-05-01', '2026-04-01'))).toBe('BAD_USER_INPUT');
    expect(code(() => checkRenewal(ACTIVE, ACTIVE, '2026-05-01', '2026-05-01', '2026-04-01'))).toBe('BAD_USER_INPUT');
    expect(code(() => checkRenewal(ACTIVE, ACTIVE, '2026-05-01', '2029-05-02', '2026-04-01'))).toBe('BAD_USER_INPUT');
  });

  it('dates decisions between the latest change and today', () => {
    expect(code(() => checkEffectiveDate('2026-03-01', '2026-03-01', '2026-03-01'))).toBe('no error');
    expect(code(() => checkEffectiveDate('2026-02-28', '2026-03-01', '2026-03-05'))).toBe('BAD_USER_INPUT');
    expect(code(() => checkEffectiveDate('2026-03-06', null, '2026-03-05'))).toBe('BAD_USER_INPUT');
  });
});

describe('status on a date, from certificates and histories', () => {
  const a = [entry('a', 1, ACTIVE, '2023-03-01', '2026-02-28'), entry('a', 2, SUSPENDED, '2025-06-01', '2026-02-28'), entry('a', 3, ACTIVE, '2025-09-01', '2026-02-28')];

  it('follows one certificate through issue, suspension, reinstatement and expiry, day by day at the boundaries', () => {
    expect(certificateStatusOn(a, '2023-02-28')).toBeNull();
    expect(certificateStatusOn(a, '2023-03-01')).toBe(ACTIVE);
    expect(certificateStatusOn(a, '2025-05-31')).toBe(ACTIVE);
    expect(certificateStatusOn(a, '2025-06-01')).toBe(SUSPENDED);
    expect(certificateStatusOn(a, '2025-08-31')).toBe(SUSPENDED);
    expect(certificateStatusOn(a, '2025-09-01')).toBe(ACTIVE);
    expect(certificateStatusOn(a, '2026-02-28')).toBe(ACTIVE);
    expect(certificateStatusOn(a, '2026-03-01')).toBe(EXPIRED);
    expect(currentCertificateStatus(ACTIVE, '2026-02-28', '2026-03-01')).toBe(EXPIRED);
    expect(currentCertificateStatus(WITHDRAWN, '2026-02-28', '2026-03-01')).toBe(WITHDRAWN);
    expect(currentCertificateStatus(SUSPENDED, '2026-02-28', '2026-02-28')).toBe(SUSPENDED);
  });

  it('uses the expiry in force on the date, so a lapse before a renewal stays expired', () => {
    const renewed = [entry('r', 1, ACTIVE, '2022-01-15', '2025-01-14'), entry('r', 2, ACTIVE, '2025-06-01', '2028-01-14')];
    expect(certificateStatusOn(renewed, '2025-01-14')).toBe(ACTIVE);
    expect(certificateStatusOn(renewed, '2025-01-15')).toBe(EXPIRED);
    expect(certificateStatusOn(renewed, '2025-05-31')).toBe(EXPIRED);
    expect(certificateStatusOn(renewed, '2025-06-01')).toBe(ACTIVE);
  });

  it('sums up an organization: active beats suspended beats the latest ended one', () => {
    const none = organizationCertificationOn([], [], '2026-01-01');
    expect(none).toEqual({ status: CertificationStatus.NOT_CERTIFIED, certificationId: null });
    expect(organizationCertificationOn([{ id: 'a' }], a, '2023-02-28').status).toBe(CertificationStatus.NOT_CERTIFIED);
    expect(organizationCertificationOn([{ id: 'a' }], a, '2025-07-01')).toEqual({ status: CertificationStatus.SUSPENDED, certificationId: 'a' });
    const b = [entry('b', 1, ACTIVE, '2025-07-01', '2028-06-30')];
    expect(organizationCertificationOn([{ id: 'a' }, { id: 'b' }], [...a, ...b], '2025-07-01')).toEqual({ status: CertificationStatus.CERTIFIED, certificationId: 'b' });
    expect(organizationCertificationOn([{ id: 'a' }, { id: 'b' }], [...a, ...b], '2025-06-30').status).toBe(CertificationStatus.SUSPENDED);
    const w = [entry('w', 1, ACTIVE, '2020-01-01', '2022-12-31'), entry('w', 2, WITHDRAWN, '2021-05-01', '2022-12-31')];
    expect(organizationCertificationOn([{ id: 'a' }, { id: 'w' }], [...a, ...w], '2026-03-01')).toEqual({ status: CertificationStatus.EXPIRED, certificationId: 'a' });
    expect(organizationCertificationOn([{ id: 'w' }], w, '2021-04-30').status).toBe(CertificationStatus.CERTIFIED);
    expect(organizationCertificationOn([{ id: 'w' }], w, '2021-05-01').status).toBe(CertificationStatus.WITHDRAWN);
    expect(organizationCertificationOn([{ id: 'w' }], w, '2030-01-01').status).toBe(CertificationStatus.WITHDRAWN);
  });
});

describe('monitoring rules', () => {
  it('cites Code paragraphs with their version', () => {
    expect(provisionTitle(CodeVersion.CODE_2010, 45)).toBe('Selection and vetting of personnel');
    expect(provisionTitle(CodeVersion.CODE_2010, 31)).toBe('Use of force');
    expect(provisionTitle(CodeVersion.CODE_2010, 12)).toBeNull();
    expect(provisionTitle(CodeVersion.CODE_2021, 45)).toBeNull();
    expect(code(() => checkCodeParagraph(CodeVersion.CODE_2010, 0))).toBe('BAD_USER_INPUT');
    expect(code(() => checkCodeParagraph(CodeVersion.CODE_2010, 70))).toBe('no error');
    // The 2021 numbering is not confirmed: a new finding cites the 2010 paragraph instead.
    expect(code(() => checkCodeParagraph(CodeVersion.CODE_2021, 45))).toBe('BAD_USER_INPUT');
  });

  it('asks field visits, and only them, whether planned or a spot check', () => {
    expect(code(() => checkFieldVisitKind(MonitoringActivityType.FIELD_VISIT, null))).toBe('BAD_USER_INPUT');
    expect(code(() => checkFieldVisitKind(MonitoringActivityType.REMOTE_MONITORING, null))).toBe('no error');
  });

  it('records findings on started activities only', () => {
    expect(code(() => checkFindingActivity(MonitoringActivityStatus.PLANNED, '2026-01-01', '2026-06-01'))).toBe('BAD_USER_INPUT');
    expect(code(() => checkFindingActivity(MonitoringActivityStatus.IN_PROGRESS, '2026-01-01', '2025-12-31'))).toBe('BAD_USER_INPUT');
    expect(code(() => checkFindingActivity(MonitoringActivityStatus.COMPLETED, '2026-01-01', '2026-01-01'))).toBe('no error');
  });

  it('moves findings between open, in remediation and closed', () => {
    const { OPEN, IN_REMEDIATION, CLOSED } = FindingStatus;
    for (const [from, to] of [[OPEN, IN_REMEDIATION], [OPEN, CLOSED], [IN_REMEDIATION, CLOSED], [IN_REMEDIATION, OPEN], [CLOSED, OPEN]]) {
      expect(code(() => checkFindingTransition(from, to))).toBe('no error');
    }
    for (const [from, to] of [[OPEN, OPEN], [CLOSED, IN_REMEDIATION], [CLOSED, CLOSED]]) {
      expect(code(() => checkFindingTransition(from, to))).toBe('BAD_USER_INPUT');
    }
  });

  it('derives overdue from the due date and status', () => {
    expect(isOverdue({ status: FindingStatus.OPEN, dueOn: '2026-03-01' }, '2026-03-01')).toBe(false);
    expect(isOverdue({ status: FindingStatus.OPEN, dueOn: '2026-03-01' }, '2026-03-02')).toBe(true);
    expect(isOverdue({ status: FindingStatus.IN_REMEDIATION, dueOn: '2026-03-01' }, '2026-03-02')).toBe(true);
    expect(isOverdue({ status: FindingStatus.CLOSED, dueOn: '2026-03-01' }, '2026-03-02')).toBe(false);
    const findings = [
      { id: 1, status: FindingStatus.OPEN, severity: 'HIGH', dueOn: '2026-01-01' },
      { id: 2, status: FindingStatus.CLOSED, severity: 'LOW', dueOn: '2026-01-01' },
      { id: 3, status: FindingStatus.OPEN, severity: 'LOW', dueOn: '2027-01-01' },
    ];
    expect(filterFindings(findings, { overdue: true }, '2026-06-01').map((f) => f.id)).toEqual([1]);
    expect(filterFindings(findings, { overdue: false }, '2026-06-01').map((f) => f.id)).toEqual([2, 3]);
    expect(filterFindings(findings, { severities: ['LOW'], statuses: [FindingStatus.OPEN] }, '2026-06-01').map((f) => f.id)).toEqual([3]);
    expect(filterFindings(findings, null, '2026-06-01')).toHaveLength(3);
  });
});

describe('self-assessment cycle', () => {
  const history = [
    { status: 'ACTIVE', category: 'MEMBER', effectiveFrom: '2023-07-03' },
    { status: 'SUSPENDED', category: 'MEMBER', effectiveFrom: '2025-03-01' },
    { status: 'TERMINATED', category: 'MEMBER', effectiveFrom: '2025-08-30' },
  ];

  it('covers the member and affiliate companies of the day the cycle is sent', () => {
    expect(coveredByCycle(true, history, '2023-07-01')).toBe(false);
    expect(coveredByCycle(true, history, '2024-01-01')).toBe(true);
    expect(coveredByCycle(true, history, '2025-07-01')).toBe(true); // suspended
    expect(coveredByCycle(true, history, '2025-09-01')).toBe(false); // terminated
    expect(coveredByCycle(false, history, '2024-01-01')).toBe(false);
    expect(coveredByCycle(true, [{ status: 'ACTIVE', category: 'AFFILIATE', effectiveFrom: '2020-01-01' }], '2020-01-01')).toBe(true);
    const cycles = [2023, 2024, 2025, 2026].map((year) => ({ cycle: { year, sentOn: `${year}-07-01` }, listed: null }));
    const company = { id: 'c1', isCompany: true, history };
    expect(companyCycles(company, [2026], cycles).map((c) => c.year)).toEqual([2024, 2025, 2026]);
    // A cycle sent to a list of companies covers those alone, whatever the day.
    expect(cycleCovers({ sentOn: '2023-07-01' }, new Set(['c1']), company)).toBe(true);
    expect(cycleCovers({ sentOn: '2024-07-01' }, new Set(['c2']), company)).toBe(false);
    expect(maySubmitSelfAssessment(true, { status: 'ACTIVE', category: 'AFFILIATE' })).toBe(true);
    expect(maySubmitSelfAssessment(true, { status: 'TERMINATED', category: 'MEMBER' })).toBe(false);
    expect(maySubmitSelfAssessment(false, { status: 'ACTIVE', category: 'MEMBER' })).toBe(false);
  });

  it('is due until the cycle\'s due date, overdue after, unless submitted or reviewed; answered from the day it is sent', () => {
    expect(selfAssessmentStatusOn('2024-09-23', null, '2024-09-23')).toBe(SelfAssessmentStatus.DUE);
    expect(selfAssessmentStatusOn('2024-09-23', null, '2024-09-24')).toBe(SelfAssessmentStatus.OVERDUE);
    expect(selfAssessmentStatusOn('2024-09-23', { status: SelfAssessmentStatus.SUBMITTED }, '2027-01-01')).toBe(SelfAssessmentStatus.SUBMITTED);
    expect(selfAssessmentStatusOn('2024-09-23', { status: SelfAssessmentStatus.REVIEWED }, '2027-01-01')).toBe(SelfAssessmentStatus.REVIEWED);
    expect(cycleOpenOn({ sentOn: '2024-07-01' }, '2024-06-30')).toBe(false);
    expect(cycleOpenOn({ sentOn: '2024-07-01' }, '2024-07-01')).toBe(true);
    expect(cycleOpenOn({ sentOn: '2024-07-01' }, '2025-01-10')).toBe(true);
  });
});

describe('certification configuration', () => {
  const base = { NODE_ENV: 'production', DATABASE_URL: 'mysql://u@h/d', GATEWAY_SECRET: 'a-gateway-secret-long', ...PRODUCTION_IDENTITY };

  it('refuses to start in production without each peer\'s address and secret, naming what is missing', () => {
    const config = loadSubgraphConfig('certification', 4002, base);
    expect(() => certificationSubgraph.checkConfig!(config)).toThrow(ConfigError);
    expect(() => certificationSubgraph.checkConfig!(config)).toThrow(/MEMBERSHIP_URL and MEMBERSHIP_GATEWAY_SECRET/);
    const peers = {
      MEMBERSHIP_URL: 'http://membership:4001/graphql', MEMBERSHIP_GATEWAY_SECRET: 'membership-secret-long',
      COMPLAINTS_URL: 'http://complaints:4003/graphql', COMPLAINTS_GATEWAY_SECRET: 'complaints-secret-long',
    };
    // Without the complaints address, production used to ask localhost:4003 with no secret.
    const withoutComplaintsUrl: Record<string, string> = { ...base, ...peers };
    delete withoutComplaintsUrl.COMPLAINTS_URL;
    expect(() => certificationSubgraph.checkConfig!(loadSubgraphConfig('certification', 4002, withoutComplaintsUrl))).toThrow(/needs COMPLAINTS_URL to ask/);
    const complete = loadSubgraphConfig('certification', 4002, { ...base, ...peers });
    expect(() => certificationSubgraph.checkConfig!(complete)).not.toThrow();
    expect(certificationSettings(complete)).toMatchObject({ membershipUrl: 'http://membership:4001/graphql', membershipSecret: 'membership-secret-long', surveillanceGraceDays: 30 });
  });

  it('refuses an upload spool folder that does not exist, at start-up rather than at the first upload', () => {
    expect(() => certificationSettings(loadSubgraphConfig('certification', 4002, { DOCUMENT_SPOOL_DIR: '/nonexistent/icoca-spool' })))
      .toThrow(/DOCUMENT_SPOOL_DIR "\/nonexistent\/icoca-spool" is not a writable folder/);
    expect(certificationSettings(loadSubgraphConfig('certification', 4002, {})).documents.spoolDir).toBe(tmpdir());
  });

  it('defaults to the local membership subgraph in development and checks what is given', () => {
    expect(certificationSettings(loadSubgraphConfig('certification', 4002, {})).membershipUrl).toBe('http://localhost:4001/graphql');
    expect(() => certificationSettings(loadSubgraphConfig('certification', 4002, { MEMBERSHIP_URL: 'not a url' }))).toThrow(ConfigError);
  });
});

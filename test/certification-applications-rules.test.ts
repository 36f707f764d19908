import { describe, expect, it } from 'vitest';
import { addDays, anniversary, ConfigError, loadSubgraphConfig } from '../services/shared/src';
import { CertificationApplication, CertificationDocumentKind as Kind } from '../services/certification/src/application/application.entity';
import { checkComplete, checkRedactions, checkStep, missingForSubmission, requiredDocumentKinds } from '../services/certification/src/application/application.rules';
import { CertificateStatus } from '../services/certification/src/certification/certification.entity';
import { certificationSettings } from '../services/certification/src/config';
import { DOCX, documentContentType, safeFileName, XLSX } from '../services/certification/src/document/document.rules';
import { surveillanceDueDates, surveillanceReportsOf } from '../services/certification/src/surveillance/surveillance.rules';
import { DOCX_FILE, EXE, JPEG, pdf, PLAIN_ZIP, PNG, XLSX_FILE, zip } from './support/documents';

describe('document types, read from the content', () => {
  it('knows PDF, PNG, JPEG, DOCX and XLSX by their bytes', () => {
    expect(documentContentType(pdf())).toBe('application/pdf');
    expect(documentContentType(PNG)).toBe('image/png');
    expect(documentContentType(JPEG)).toBe('image/jpeg');
    expect(documentContentType(DOCX_FILE)).toBe(DOCX);
    expect(documentContentType(XLSX_FILE)).toBe(XLSX);
  });

  it('refuses executables, plain archives, Office parts without [Content_Types].xml, text and truncated files', () => {
    expect(documentContentType(EXE)).toBeNull();
    expect(documentContentType(PLAIN_ZIP)).toBeNull();
    expect(documentContentType(zip({ 'word/document.xml': '<w:document/>' }))).toBeNull();
    expect(documentContentType(Buffer.from('Just text pretending to be a PDF'))).toBeNull();
    expect(documentContentType(DOCX_FILE.subarray(0, DOCX_FILE.length - 30))).toBeNull();
    expect(documentContentType(Buffer.from('%PDF'))).toBeNull();
  });

  it('keeps file names plain: no folders, quotes or control characters', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\reports\\audit "final".pdf')).toBe('audit final.pdf');
    expect(safeFileName('a\u0000b\u202e.pdf')).toBe('ab.pdf');
    expect(safeFileName('')).toBe('document');
  });
});

describe('surveillance reports due each anniversary of the issue date', () => {
  const certificate = { id: 'c1', organizationId: 'o1', issuedOn: '2024-02-29', expiresOn: '2027-02-28' };
  const history = [{ certificationId: 'c1', sequence: 1, status: CertificateStatus.ACTIVE, effectiveFrom: '2024-02-29', expiresOn: '2027-02-28' }];

  it('falls due each year until expiry; a 29 February issue falls due on 28 February', () => {
    expect(anniversary('2024-02-29', 1)).toBe('2025-02-28');
    expect(anniversary('2024-02-29', 4)).toBe('2028-02-29');
    expect(surveillanceDueDates('2024-02-29', '2027-02-28')).toEqual(['2025-02-28', '2026-02-28', '2027-02-28']);
    expect(surveillanceDueDates('2024-06-01', '2027-05-31')).toEqual(['2025-06-01', '2026-06-01']);
  });

  it('is DUE within the grace period and OVERDUE from the day after it, as configured', () => {
    const on = (day: string, grace: number) => surveillanceReportsOf(certificate, history, [], day, grace)[0];
    expect(on('2025-02-27', 30).status).toBe('UPCOMING');
    expect(on('2025-02-28', 30).status).toBe('DUE');
    expect(on('2025-03-29', 30)).toMatchObject({ status: 'DUE', overdueFrom: '2025-03-30' });
    expect(on('2025-03-30', 30).status).toBe('OVERDUE');
    expect(on('2025-03-30', 60).status).toBe('DUE');
    expect(on('2025-02-28', 0).status).toBe('OVERDUE');
    const sent = surveillanceReportsOf(certificate, history, [{ dueOn: '2025-02-28', submittedAt: '2025-02-01T00:00:00.000Z', documentId: 'd' }], '2026-01-01', 30);
    expect(sent[0].status).toBe('SUBMITTED');
  });

  it('owes nothing for the days a certificate was withdrawn', () => {
    const withdrawn = [...history, { certificationId: 'c1', sequence: 2, status: CertificateStatus.WITHDRAWN, effectiveFrom: '2025-06-01', expiresOn: '2027-02-28' }];
    expect(surveillanceReportsOf(certificate, withdrawn, [], '2026-12-01', 30).map((r) => r.dueOn)).toEqual(['2025-02-28']);
  });

  it('reads the grace period from SURVEILLANCE_REPORT_GRACE_DAYS (default 30) and refuses a bad value', () => {
    expect(certificationSettings(loadSubgraphConfig('certification', 4002, {})).surveillanceGraceDays).toBe(30);
    expect(certificationSettings(loadSubgraphConfig('certification', 4002, { SURVEILLANCE_REPORT_GRACE_DAYS: '45' })).surveillanceGraceDays).toBe(45);
    for (const bad of ['-1', 'soon', '3.5']) {
      expect(() => certificationSettings(loadSubgraphConfig('certification', 4002, { SURVEILLANCE_REPORT_GRACE_DAYS: bad }))).toThrow(ConfigError);
    }
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  });
});

describe('a complete application', () => {
  const draft = (documents: Kind[], issuedOn: string | null = '2026-06-01', correctiveActionPlanRequired = true) =>
    Object.assign(new CertificationApplication(), {
      correctiveActionPlanRequired, standard: 'ISO_18788', certificationBodyId: 'b', certificateNumber: 'n', scope: 's', countriesCovered: ['KE'], issuedOn,
      expiresOn: '2029-05-31', documents: documents.map((kind) => ({ kind, documentId: 'd', sha256: 'h', redacted: false, redactionExplanation: null })),
    });
  const five = [Kind.CERTIFICATE, Kind.AUDIT_REPORT, Kind.CORRECTIVE_ACTION_PLAN, Kind.HUMAN_RIGHTS_RISK_ASSESSMENT, Kind.ADDITIONAL_INFORMATION];

  it('needs a surveillance report once the certificate is a year old', () => {
    expect(requiredDocumentKinds('2026-06-01', '2027-05-31', true)).not.toContain(Kind.SURVEILLANCE_REPORT);
    expect(requiredDocumentKinds('2026-06-01', '2027-06-01', true)).toContain(Kind.SURVEILLANCE_REPORT);
    expect(() => checkComplete(draft(five), '2027-01-01')).not.toThrow();
    expect(missingForSubmission(draft(five), '2027-07-01').documents).toEqual([Kind.SURVEILLANCE_REPORT]);
  });

  it('needs the corrective action plan only when the certification body required one', () => {
    const withoutPlan = five.filter((kind) => kind !== Kind.CORRECTIVE_ACTION_PLAN);
    expect(requiredDocumentKinds('2026-06-01', '2027-01-01', false)).not.toContain(Kind.CORRECTIVE_ACTION_PLAN);
    expect(() => checkComplete(draft(withoutPlan, '2026-06-01', false), '2027-01-01')).not.toThrow();
    expect(() => checkComplete(draft(withoutPlan, '2026-06-01', true), '2027-01-01')).toThrow('Missing required documents: CORRECTIVE_ACTION_PLAN');
  });

  it('names every missing field and document', () => {
    expect(missingForSubmission(draft([Kind.CERTIFICATE], null), '2027-01-01')).toEqual({
      fields: ['issuedOn'],
      documents: [Kind.AUDIT_REPORT, Kind.CORRECTIVE_ACTION_PLAN, Kind.HUMAN_RIGHTS_RISK_ASSESSMENT, Kind.ADDITIONAL_INFORMATION],
    });
    expect(() => checkComplete(draft(five.slice(1)), '2027-01-01')).toThrow('Missing required documents: CERTIFICATE');
  });

  it('asks for an explanation of every redaction, and allows each step only from its statuses', () => {
    expect(() => checkRedactions([{ redacted: false, redactionExplanation: null }, { redacted: true, redactionExplanation: null }])).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'documents[1].redactionExplanation' } }),
    );
    expect(() => checkStep('DRAFT' as never, 'decide')).toThrow('An application that is DRAFT cannot be decided');
    expect(() => checkStep('AWAITING_COMPANY' as never, 'answer')).not.toThrow();
    expect(() => checkStep('CERTIFIED' as never, 'ask')).toThrow();
  });
});

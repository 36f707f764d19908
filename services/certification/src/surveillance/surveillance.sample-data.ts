/**
 * FICTIONAL SAMPLE DATA for surveillance follow-up: reports sent for every due date but the latest of some
 * certificates, so some companies have one overdue. Dates are relative to today, like the rest of the sample.
 */
import { randomUUID } from 'node:crypto';
import { addDays, today, type Database } from '../../../shared/src';
import { SAMPLE_ORGANIZATION_ID as ORG } from '../../../shared/src/sample-organizations';
import { samplePdf } from '../application/application.sample-data';
import { Certification } from '../certification/certification.entity';
import { bytesInMemory, storeDocument } from '../document/document.service';
import { SurveillanceReportRecord } from './surveillance.entity';
import { surveillanceDueDates } from './surveillance.rules';

export async function loadSurveillanceSampleData(database: Database): Promise<void> {
  const manager = database.dataSource.manager;
  const now = today();
  const certificates = await manager.find(Certification, { where: [{ organizationId: ORG.aegisMeridian }, { organizationId: ORG.nordhavn }] });
  for (const c of certificates) {
    const past = surveillanceDueDates(c.issuedOn, c.expiresOn).filter((d) => d <= now).slice(0, -1);
    for (const dueOn of past) {
      const report = await storeDocument(database, {
        organizationId: c.organizationId,
        fileName: 'surveillance-report.pdf',
        contentType: 'application/pdf',
        bytes: bytesInMemory(samplePdf(`SURVEILLANCE_REPORT of ${c.organizationId}`)),
        uploadedBy: 'sample-data',
      });
      await manager.insert(SurveillanceReportRecord, {
        id: randomUUID(), certificationId: c.id, organizationId: c.organizationId, dueOn, documentId: report.id,
        sha256: report.sha256, submittedAt: `${addDays(dueOn, -10)}T10:00:00.000Z`, submittedBy: 'sample-data',
      });
    }
  }
}

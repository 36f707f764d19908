import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { inChunks, insertInChunks, nowTimestamp, VALUES_PER_STATEMENT, type ImportProblem } from '../../../shared/src';
import { Certification, CertificationBody, CertificationCountry, CertificationStatusEntry } from '../certification/certification.entity';
import { CertificationOutboxEntry } from '../outbox/outbox.entity';
import type { ImportedCertification } from './certification-import.rules';

/** One certificate of the file with the organization it belongs to (found or created in the membership database). */
export interface CertificationToImport {
  organizationId: string;
  certification: ImportedCertification;
}

export interface CertificationOutcome {
  row: number;
  certificateNumber: string;
  outcome: 'created' | 'unchanged';
}

/** A certification body is found by its name; the import records it when it is new. */
const bodyKey = (name: string) => name.trim().toLowerCase();

/**
 * Which certificates are already recorded (by certification body and number: a re-run leaves them as
 * they are) and which would be created; refuses a number that another organization's certificate holds.
 * Read-only, so `--dry-run` answers with it.
 */
export async function planCertificationImport(
  manager: EntityManager,
  items: readonly CertificationToImport[],
): Promise<{ outcomes: CertificationOutcome[]; problems: ImportProblem[]; bodies: Map<string, CertificationBody> }> {
  const names = [...new Set(items.map((i) => i.certification.body.name))];
  const bodies = await inChunks(names, VALUES_PER_STATEMENT, (chunk) => manager.findBy(CertificationBody, { name: In(chunk) }));
  const bodyByKey = new Map<string, CertificationBody>();
  for (const body of bodies) if (!bodyByKey.has(bodyKey(body.name))) bodyByKey.set(bodyKey(body.name), body);
  const numbers = [...new Set(items.map((i) => i.certification.certificateNumber))];
  const existing = await inChunks(numbers, VALUES_PER_STATEMENT, (chunk) => manager.findBy(Certification, { certificateNumber: In(chunk) }));
  const outcomes: CertificationOutcome[] = [];
  const problems: ImportProblem[] = [];
  for (const { organizationId, certification } of items) {
    const body = bodyByKey.get(bodyKey(certification.body.name));
    const found = body && existing.find((c) => c.certificationBodyId === body.id && c.certificateNumber === certification.certificateNumber);
    if (found && found.organizationId !== organizationId) {
      problems.push({
        row: certification.row,
        field: `${certification.field}.certificateNumber`,
        message: `Certificate ${certification.certificateNumber} of ${body.name} is recorded for another organization`,
      });
      continue;
    }
    outcomes.push({ row: certification.row, certificateNumber: certification.certificateNumber, outcome: found ? 'unchanged' : 'created' });
  }
  return { outcomes, problems, bodies: bodyByKey };
}

/** Writes the certificates the plan creates, with their bodies and histories, inside the caller's transaction. */
export async function writeCertificationImport(
  manager: EntityManager,
  items: readonly CertificationToImport[],
  plan: Awaited<ReturnType<typeof planCertificationImport>>,
  decidedBy: string,
): Promise<void> {
  const recordedAt = nowTimestamp();
  // Called only when the plan found no problem: then it has one outcome per item, in order.
  for (const [index, { organizationId, certification }] of items.entries()) {
    if (plan.outcomes[index]?.outcome !== 'created') continue;
    let body = plan.bodies.get(bodyKey(certification.body.name));
    if (!body) {
      body = Object.assign(new CertificationBody(), { id: randomUUID(), ...certification.body, recordedAt });
      await manager.insert(CertificationBody, body);
      plan.bodies.set(bodyKey(body.name), body);
    }
    const id = randomUUID();
    const last = certification.history[certification.history.length - 1];
    await manager.insert(Certification, {
      id,
      organizationId,
      standard: certification.standard,
      certificationBodyId: body.id,
      certificateNumber: certification.certificateNumber,
      scope: certification.scope,
      countriesCovered: certification.countriesCovered,
      issuedOn: certification.issuedOn,
      expiresOn: certification.expiresOn,
      recordedStatus: last.status,
      recordedAt,
      version: certification.history.length,
    });
    await manager.insert(CertificationCountry, [...new Set(certification.countriesCovered)].map((country) => ({ certificationId: id, country })));
    await manager.insert(
      CertificationStatusEntry,
      certification.history.map((entry, sequence) => ({
        id: randomUUID(),
        certificationId: id,
        organizationId,
        sequence: sequence + 1,
        ...entry,
        decidedBy,
        recordedAt,
      })),
    );
  }
  // One outbox entry per organization whose certificates were created, committed with them: the membership
  // subgraph's directory copies (and the standing tracker) learn of imported certificates as of recorded ones.
  const changed = new Map<string, string>();
  for (const [index, { organizationId, certification }] of items.entries()) {
    if (plan.outcomes[index]?.outcome !== 'created') continue;
    const from = certification.history[certification.history.length - 1].effectiveFrom;
    if (!changed.has(organizationId) || changed.get(organizationId)! < from) changed.set(organizationId, from);
  }
  await insertInChunks(manager, CertificationOutboxEntry, [...changed].map(([organizationId, effectiveFrom]) => ({
    organizationId, effectiveFrom, recordedAt,
  })));
}

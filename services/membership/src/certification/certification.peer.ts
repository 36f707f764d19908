import type { PeerRoutesClient } from '../../../shared/src';
import { CERTIFICATION_CHANGES_PATH, type CertificationChangesPage } from '../../../certification/src/peer-routes';

/*
 * What the membership subgraph asks the certification subgraph: only the certificates of the organizations
 * whose certification changed, for the directory's copies (certification-copy/). A background job asks; no
 * request waits on it, so the directory answers from its copies when certification is down.
 */

/** The organizations whose certificates changed after `after` in the certification outbox, with their certificates now. */
export function certificationChangesAfter(certification: PeerRoutesClient, after: number): Promise<CertificationChangesPage> {
  return certification.get<CertificationChangesPage>(`${CERTIFICATION_CHANGES_PATH}?after=${after}`, { timeoutMs: 10_000 });
}

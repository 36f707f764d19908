import { isSecretariat, type Viewer } from '../../../shared/src';
import type { ComplaintEvidence } from './evidence.entity';
import { companyMaySee } from './evidence.rules';

/*
 * Who sees which evidence of a complaint they may already see (complaint.access.ts): the Secretariat every
 * item, quarantined ones included (their details, never their bytes); the company complained about the
 * items the Secretariat shared with it, once scanned CLEAN. The complainant sees all they sent, through
 * ComplaintFollowUp (the receipt code is the credential).
 */
export function evidenceVisibleTo(viewer: Viewer, items: ComplaintEvidence[]): ComplaintEvidence[] {
  return isSecretariat(viewer) ? items : items.filter(companyMaySee);
}

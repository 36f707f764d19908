import { forbidden, isSecretariat, unauthenticated, type Viewer } from '../../../shared/src';

/**
 * Who reads the cycles: the Secretariat, and a member company's people (to know what is asked of them
 * and by when). The public is asked to sign in; other roles are refused.
 */
export function requireCycleReader(viewer: Viewer): void {
  if (isSecretariat(viewer) || (viewer.role === 'member' && viewer.organizationId)) return;
  throw viewer.role === 'public' ? unauthenticated() : forbidden('Self-assessment cycles are for the Secretariat and member companies');
}

/** The rows of a cycle's company list the viewer sees: all for the Secretariat, its own for a company. */
export function visibleCompanyIds(viewer: Viewer, ids: readonly string[]): readonly string[] {
  if (isSecretariat(viewer)) return ids;
  return ids.filter((id) => id === viewer.organizationId);
}

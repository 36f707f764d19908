import { Pillar } from '../../../shared/src';
import type { GovernmentKind } from './organization.entity';

/**
 * The GOVERNMENT pillar holds States and intergovernmental organizations (Articles of Association); the
 * others hold neither. Why `kind` does not fit `pillar`, or null when it does.
 */
export function governmentKindRefusal(pillar: Pillar, kind: GovernmentKind | null): string | null {
  if (pillar === Pillar.GOVERNMENT && !kind) return 'An organization of the GOVERNMENT pillar is a STATE or an INTERGOVERNMENTAL_ORGANIZATION';
  if (pillar !== Pillar.GOVERNMENT && kind) return 'Only organizations of the GOVERNMENT pillar are States or intergovernmental organizations';
  return null;
}

import { ObserverKind, Pillar } from '../../../shared/src';
import type { GovernmentKind } from './organization.entity';

/**
 * Whether an organization is a State or an intergovernmental organization: one of the GOVERNMENT pillar
 * (Articles of Association), or an observer of the kind GOVERNMENT (a State or IGO granted observer status).
 */
export function isStateOrIntergovernmental(pillar: Pillar, observerKind: ObserverKind | null): boolean {
  return pillar === Pillar.GOVERNMENT || (pillar === Pillar.OBSERVER && observerKind === ObserverKind.GOVERNMENT);
}

/**
 * States and IGOs say which they are; no other organization has a government kind. Why `kind` does not fit
 * the organization, or null when it does.
 */
export function governmentKindRefusal(pillar: Pillar, kind: GovernmentKind | null, observerKind: ObserverKind | null): string | null {
  const stateOrIgo = isStateOrIntergovernmental(pillar, observerKind);
  if (stateOrIgo && !kind) {
    return 'An organization of the GOVERNMENT pillar, or an observer of the kind GOVERNMENT, is a STATE or an INTERGOVERNMENTAL_ORGANIZATION';
  }
  if (!stateOrIgo && kind) {
    return 'Only organizations of the GOVERNMENT pillar and government observers are States or intergovernmental organizations';
  }
  return null;
}

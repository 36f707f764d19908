import { Field, Int, ObjectType } from 'type-graphql';
import { isSecretariat, PublicCache, type Viewer } from '../../../shared/src';
import { DISCLOSURE_THRESHOLD, type CellState } from './disclosure.rules';

@PublicCache()
@ObjectType({
  description:
    'A count of complaints as published. A small count could point at a complainant, so no public count describes ' +
    'fewer than 5 complaints: such a count is withheld (`value: null, fewerThan: 5`, show "fewer than 5"), and so ' +
    'are as many other counts (the smallest first) as it takes for no withheld count to be worked out from the ' +
    'figures shown beside it, in this answer or another (`value: null, fewerThan: null`, show "withheld"). ' +
    '`fewerThan` is left out too when it alone would pin a count (two parts of 4 in a total of 8). The Secretariat ' +
    'sees every `value`, with `withheld` telling what the public does not see.',
})
export class ProtectedCount {
  @Field(() => Int, { nullable: true, description: 'The count; null when withheld (the Secretariat always sees it).' })
  value: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Set (to the threshold, 5) when the count is below it and withheld; null otherwise.',
  })
  fewerThan: number | null;

  @Field({ description: 'True when the count is withheld from the public, either below the threshold or to protect another count.' })
  withheld: boolean;
}

/** A count as `viewer` reads it: the Secretariat sees the exact count, everyone else what the rule shows. */
export function protectedCount(count: number, state: CellState, viewer: Viewer): ProtectedCount {
  return Object.assign(new ProtectedCount(), {
    value: state === 'SHOWN' || isSecretariat(viewer) ? count : null,
    fewerThan: state === 'BELOW_THRESHOLD' ? DISCLOSURE_THRESHOLD : null,
    withheld: state !== 'SHOWN',
  });
}

/** A whole-number figure that is published or withheld (null), the Secretariat seeing it always. */
export function protectedFigure(count: number, state: CellState, viewer: Viewer): number | null {
  return state === 'SHOWN' || isSecretariat(viewer) ? count : null;
}

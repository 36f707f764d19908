import { registerEnumType } from 'type-graphql';
import { Standing, STANDING_DESCRIPTIONS } from './standing.rules';

registerEnumType(Standing, {
  name: 'Standing',
  description:
    'Is this organization an ICoCA member in good standing, and is it certified? Membership and certification ' +
    'combined into one answer for a given day.',
  valuesConfig: Object.fromEntries(
    Object.entries(STANDING_DESCRIPTIONS).map(([value, description]) => [value, { description }]),
  ) as Record<Standing, { description: string }>,
});

export { Standing };

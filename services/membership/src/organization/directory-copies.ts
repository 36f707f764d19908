import type { EntityManager } from 'typeorm';
import { inChunks, VALUES_PER_STATEMENT } from '../../../shared/src';

/**
 * Brings the copies of pillar, status and name that `organization_operating_country` keeps for the
 * directory index up to date with `organization`, for these organizations, in one statement. Every
 * write that inserts operating countries or changes an organization's status or name calls it in
 * the same transaction; test/scale.test.ts checks the filtered directory after each kind of change.
 * One statement per slice of `VALUES_PER_STATEMENT` organizations (a list binds one variable each).
 */
export async function refreshDirectoryCopies(manager: EntityManager, organizationIds: string[]): Promise<void> {
  if (!organizationIds.length) return;
  const copy = (column: string) =>
    `${column} = (SELECT o.${column} FROM organization o WHERE o.id = organization_operating_country.organization_id)`;
  await inChunks(organizationIds, VALUES_PER_STATEMENT, async (chunk) => {
    await manager.query(
      `UPDATE organization_operating_country SET ${copy('pillar')}, ${copy('membership_status')}, ${copy('name')} ` +
        `WHERE organization_id IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
  });
}

import type { EntityManager } from 'typeorm';
import { inChunks, VALUES_PER_STATEMENT } from '../../../shared/src';
import { STANDING_BASIS_SQL } from './directory-standing';

/**
 * Brings the copies that `organization_operating_country` keeps for the directory index (pillar, status, name,
 * and for the standing filter the standing basis, certified-until day and certification deadline) up to date
 * with `organization`, for these organizations; computes the organization's own standing basis first. Every
 * write that inserts operating countries or changes an organization's status, name, deadline or certificate
 * copies calls it in the same transaction; test/scale.test.ts and test/directory-filters.test.ts check the
 * filtered directory after each kind of change. Two statements per slice of `VALUES_PER_STATEMENT` organizations.
 */
export async function refreshDirectoryCopies(manager: EntityManager, organizationIds: string[]): Promise<void> {
  if (!organizationIds.length) return;
  const copy = (column: string) =>
    `${column} = (SELECT o.${column} FROM organization o WHERE o.id = organization_operating_country.organization_id)`;
  await inChunks(organizationIds, VALUES_PER_STATEMENT, async (chunk) => {
    const list = chunk.map(() => '?').join(', ');
    await manager.query(`UPDATE organization SET standing_basis = ${STANDING_BASIS_SQL} WHERE id IN (${list})`, chunk);
    const columns = ['pillar', 'membership_status', 'name', 'standing_basis', 'certified_until', 'certification_deadline'];
    await manager.query(
      `UPDATE organization_operating_country SET ${columns.map(copy).join(', ')} WHERE organization_id IN (${list})`,
      chunk,
    );
  });
}

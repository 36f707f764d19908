import type { Database } from '../../../shared/src';
import { SAMPLE_ORGANIZATION_ID as ORG } from '../../../shared/src/sample-organizations';
import { Watchlist, WatchlistEntry } from './watchlist.entity';

/** The partner organization of the README's sample partner token (`npm run token -- partner --organization partner-ministry`). */
export const SAMPLE_PARTNER_ORGANIZATION_ID = 'partner-ministry';

/**
 * A watchlist of the sample partner organization, so that Sandbox shows watchlists and the feed at once. Its
 * organizations' first recorded facts appear in the feed when the tracker reads the sample register's outbox.
 */
export async function loadWatchlistSampleData(database: Database): Promise<void> {
  const id = '5a3f1c2e-0016-4e16-9a16-000000000016';
  await database.transaction(async (tx) => {
    await tx.insert(Watchlist, {
      id, partnerOrganizationId: SAMPLE_PARTNER_ORGANIZATION_ID, name: 'Contractors in Iraq', version: 1,
      createdAt: '2026-01-05T09:00:00.000Z', webhookUrl: null, webhookSecret: null, webhookFailingSince: null,
    });
    await tx.insert(WatchlistEntry, [ORG.aegisMeridian, ORG.ironwood, ORG.pallasCrisis].map((organizationId) => ({
      watchlistId: id, organizationId, addedAt: '2026-01-05T09:00:00.000Z',
    })));
  });
}

import { ORG } from './membership';

/** A valid risk report about Basra port naming Aegis Meridian, with `overrides`. */
export function reportInput(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Checkpoint abuses near Basra port',
    country: 'iq',
    region: 'iq-ba',
    placeName: 'Umm Qasr',
    observedFrom: '2026-01-10',
    observedUntil: '2026-02-20',
    themes: ['USE_OF_FORCE', 'DETENTION'],
    affectedCommunities: 'Dock workers and fishing families of Umm Qasr',
    description: 'Guards at port checkpoints detained workers for hours and used force during searches.',
    sources: [{ kind: 'INTERVIEWS', reference: '14 interviews, February 2026' }, { kind: 'MEDIA', reference: 'https://news.example/basra' }],
    companyIds: [ORG.aegisMeridian],
    sensitivity: 'PUBLIC',
    ...overrides,
  };
}

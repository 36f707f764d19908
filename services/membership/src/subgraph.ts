import { createPeerClient, reportYear, type SubgraphDefinition } from '../../shared/src';
import { CertificationCopy, CertificationCopyCountry, PeerOutboxCursor } from './certification-copy/certification-copy.entity';
import { startCertificationCopies } from './certification-copy/certification-copy.job';
import { DirectoryStanding1796900000001 } from './migrations/1796900000001-directory-standing';
import { MembershipApplication } from './application/application.entity';
import { MembershipApplicationResolver, PossibleDuplicateResolver } from './application/application.resolver';
import { ContactResolver } from './contact/contact.resolver';
import { CountryResolver } from './country/country.resolver';
import { MembershipStatusEntry } from './membership-status/membership-status.entity';
import { MembershipStatusResolver } from './membership-status/membership-status.resolver';
import { MembershipInitial1764374400000 } from './migrations/1764374400000-membership-initial';
import { NameSkeletons1795935352217 } from './migrations/1795935352217-name-skeletons';
import { RegisterHistory1796000000000 } from './migrations/1796000000000-register-history';
import { StatusEntryEffectiveIndex1796200000002 } from './migrations/1796200000002-status-entry-effective-index';
import { NameTrigrams1796300000000 } from './migrations/1796300000000-name-trigrams';
import { MembershipOutbox1796500000000 } from './migrations/1796500000000-membership-outbox';
import { NameTrigramFrequencies1796600000000 } from './migrations/1796600000000-name-trigram-frequencies';
import { Observers1796700000000 } from './migrations/1796700000000-observers';
import { StatesAndTerminationReasons1796700000001 } from './migrations/1796700000001-states-and-termination-reasons';
import { DirectoryOrders1796904000000 } from './migrations/1796904000000-directory-orders';
import { DirectoryPillarName1796905000000 } from './migrations/1796905000000-directory-pillar-name';
import { MontreuxDocumentParticipation } from './montreux-document/montreux-document.entity';
import { MontreuxDocumentResolver } from './montreux-document/montreux-document.resolver';
import { NameIndexSubscriber, OrganizationNameTrigram, OrganizationNameTrigramFrequency } from './organization/name-index';
import { OrganizationChange } from './organization/organization-change.entity';
import { OrganizationName } from './organization/organization-name.entity';
import { Contact } from './contact/contact.entity';
import { OperatingCountry, Organization } from './organization/organization.entity';
import { createRequestLoaders, type MembershipLoaders, type MembershipServices } from './context';
import { certificationCopySettings, membershipSettings } from './config';
import { OrganizationProfileResolver } from './organization/organization-profile.resolver';
// The schema lists the fields resolvers add to Organization in the order their modules load: keep these three
// after organization-profile.resolver and in this order, or `npm run schema` reorders Organization's fields.
import { MembershipStatusOrganizationFields } from './membership-status/membership-status.organization.resolver';
import { OrganizationResolver } from './organization/organization.resolver';
import { ContactOrganizationFields } from './contact/contact.organization.resolver';
import { MontreuxDocumentOrganizationFields } from './montreux-document/montreux-document.organization.resolver';
import { MembershipOutboxEntry } from './outbox/outbox.entity';
import { outboxRoutes } from './outbox/outbox.service';
import { ComplaintFormCompaniesResolver, TransparencyMembershipResolver } from './public-figures/public-figures.resolver';
import { ComplaintFormOptions, TransparencyReport } from './public-figures/public-figures.types';
import { loadMembershipSampleData } from './sample-data';
import { resolveVerificationResult, VerificationResolver } from './verification/verification.resolver';

/** The membership subgraph: owns `Organization`, membership status and applications. */
export const membershipSubgraph: SubgraphDefinition<MembershipLoaders, MembershipServices> = {
  name: 'membership',
  resolvers: [
    OrganizationResolver,
    OrganizationProfileResolver,
    ContactResolver,
    ContactOrganizationFields,
    MontreuxDocumentOrganizationFields,
    MontreuxDocumentResolver,
    MembershipStatusResolver,
    MembershipStatusOrganizationFields,
    MembershipApplicationResolver,
    PossibleDuplicateResolver,
    VerificationResolver,
    ComplaintFormCompaniesResolver,
    TransparencyMembershipResolver,
    CountryResolver,
  ],
  orphanedTypes: [ComplaintFormOptions, TransparencyReport],
  entities: [
    Organization, OrganizationName, OperatingCountry, Contact, MembershipStatusEntry, MembershipApplication, OrganizationNameTrigram,
    OrganizationChange, MembershipOutboxEntry, OrganizationNameTrigramFrequency, MontreuxDocumentParticipation,
    CertificationCopy, CertificationCopyCountry, PeerOutboxCursor,
  ],
  migrations: [
    MembershipInitial1764374400000, NameSkeletons1795935352217, RegisterHistory1796000000000,
    StatusEntryEffectiveIndex1796200000002, NameTrigrams1796300000000, MembershipOutbox1796500000000,
    NameTrigramFrequencies1796600000000, Observers1796700000000, StatesAndTerminationReasons1796700000001,
    DirectoryStanding1796900000001,
    DirectoryOrders1796904000000,
    DirectoryPillarName1796905000000,
  ],
  subscribers: [NameIndexSubscriber],
  createLoaders: createRequestLoaders,
  referenceResolvers: {
    Organization: (reference, { loaders }) => loaders.organization.load(reference.id),
    VerificationResult: (reference, context) =>
      resolveVerificationResult({ organizationId: reference.organizationId, asOf: reference.asOf }, context),
    ComplaintFormOptions: (reference) => Object.assign(new ComplaintFormOptions(), { language: String(reference.language) }),
    // A direct caller could name any year: checked here as by the complaints subgraph.
    TransparencyReport: (reference) => Object.assign(new TransparencyReport(), { year: reportYear(Number(reference.year)) }),
  },
  // The settings, checked at start; the outbox, read by the certification subgraph with the gateway secret; the
  // copies of the certification subgraph's certificates that the directory's standing filters read, kept by a job.
  setup: async ({ config, database, logger }) => {
    const copies = certificationCopySettings(config);
    const certification = createPeerClient('certification', copies.certification.url, copies.certification.secret);
    const job = startCertificationCopies({ database, logger, certification, pollMs: copies.pollMs });
    return { services: { settings: membershipSettings(config) }, gatedRoutes: outboxRoutes(database), stop: () => job.stop() };
  },
  loadSampleData: loadMembershipSampleData,
};

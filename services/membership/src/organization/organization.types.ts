import { Field, InputType, registerEnumType } from 'type-graphql';
import {
  CertificationStandard,
  CertificationStatus,
  ConnectionType,
  MembershipCategory,
  MembershipStatus,
  ObserverKind,
  Pillar,
  Standing,
} from '../../../shared/src';
import { GovernmentKind, Organization } from './organization.entity';

@InputType({ description: 'Narrows a list of organizations; all given conditions must hold.' })
export class OrganizationFilter {
  @Field(() => Pillar, { nullable: true, description: 'Only organizations of this pillar.' })
  pillar?: Pillar | null;

  @Field(() => [ObserverKind], {
    nullable: true,
    description: 'Only observers of one of these kinds (the pillar OBSERVER alone lists every observer).',
  })
  observerKinds?: ObserverKind[] | null;

  @Field(() => GovernmentKind, { nullable: true, description: 'Only States, or only intergovernmental organizations.' })
  governmentKind?: GovernmentKind | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True: only States and IGOs whose support for the Montreux Document lasts today; false: only organizations ' +
      'without such support.',
  })
  montreuxDocumentParticipant?: boolean | null;

  @Field(() => [MembershipCategory], { nullable: true, description: 'Only organizations in one of these categories.' })
  categories?: MembershipCategory[] | null;

  @Field(() => [MembershipStatus], { nullable: true, description: 'Only organizations with one of these statuses.' })
  statuses?: MembershipStatus[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-2 code: organizations headquartered or operating in this country.',
  })
  country?: string | null;

  @Field(() => [Standing], {
    nullable: true,
    description:
      'Only organizations whose standing today is one of these (the `standing` field). Computed from membership\'s own ' +
      'status, category and deadline and its copies of the certificates, which follow the certification subgraph within ' +
      'a few seconds (docs/search.md).',
  })
  standings?: Standing[] | null;

  @Field(() => [CertificationStatus], {
    nullable: true,
    description: 'Only organizations whose certification status today is one of these (the `certificationStatus` field).',
  })
  certificationStatuses?: CertificationStatus[] | null;

  @Field(() => [CertificationStandard], {
    nullable: true,
    description:
      'Only organizations holding a certificate in force today to one of these standards (PSC.1 and ISO 18788 for land, ' +
      'ISO 28007-1 for maritime).',
  })
  standards?: CertificationStandard[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'ISO 3166-1 alpha-2 codes: only organizations holding a certificate in force today that covers one of these countries.',
  })
  certifiedCountries?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Part of a name (registered, former or trading), ignoring case, accents, punctuation and legal-form ' +
      'suffixes such as Ltd or GmbH.',
  })
  search?: string | null;
}

/** A page of the directory (public, cacheable like its organizations). */
export const OrganizationConnection = ConnectionType(Organization, 'Organization', 'organizations', { public: true });

/** The orders of the directory; each is one index read forwards or backwards (see ORGANIZATION_ORDERS). */
export enum OrganizationOrder {
  NAME = 'NAME',
  NAME_DESCENDING = 'NAME_DESCENDING',
  ADMITTED_NEWEST_FIRST = 'ADMITTED_NEWEST_FIRST',
  ADMITTED_OLDEST_FIRST = 'ADMITTED_OLDEST_FIRST',
}
registerEnumType(OrganizationOrder, {
  name: 'OrganizationOrder',
  description:
    'How the directory is sorted. A cursor belongs to the order it was read in: under another order it is ' +
    'BAD_USER_INPUT. With a `country` filter only the orders by name are offered (BAD_USER_INPUT otherwise).',
  valuesConfig: {
    NAME: { description: 'By name, A to Z: the default.' },
    NAME_DESCENDING: { description: 'By name, Z to A.' },
    ADMITTED_NEWEST_FIRST: {
      description: 'Admitted most recently first (`memberSince`); organizations not admitted (yet) come last.',
    },
    ADMITTED_OLDEST_FIRST: {
      description: 'Admitted longest ago first (`memberSince`); organizations not admitted (yet) come last.',
    },
  },
});

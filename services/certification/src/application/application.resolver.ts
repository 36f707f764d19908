import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  badUserInput,
  countryName,
  forbidden,
  Language,
  LANGUAGE_ARGUMENT,
  PageArgs,
  requireSecretariat,
  today,
} from '../../../shared/src';
import { Certification, CertificationBody } from '../certification/certification.entity';
import { StoredDocument } from '../document/document.entity';
import { requireCompany } from '../membership/membership.peer';
import { Organization, organizationReference } from '../organization/organization.entity';
import type { CertificationContext } from '../context';
import {
  ApplicationDocument,
  CertificationApplication,
  CertificationApplicationEvent,
  CertificationDocumentKind,
} from './application.entity';
import { applicationActor, forget, visibleApplication } from './application.access';
import { missingForSubmission } from './application.rules';
import * as service from './application.service';
import {
  CertificationApplicationConnection,
  CertificationApplicationFilter,
  CertificationApplicationInput,
  CertificationApplicationOrder,
} from './application.types';

/** Applications for ICoCA certification: the company prepares and submits; reads for the company and the Secretariat. */
@Resolver(() => CertificationApplication)
export class CertificationApplicationResolver {
  @FieldResolver(() => [String], {
    nullable: true,
    description: 'Names of `countriesCovered` in the language asked, in the same order as the codes; null while none are given.',
  })
  countriesCoveredNames(
    @Root() application: CertificationApplication,
    @Arg('language', () => Language, LANGUAGE_ARGUMENT) language: Language,
  ): string[] | null {
    return application.countriesCovered?.map((code) => countryName(code, language)) ?? null;
  }

  @Query(() => CertificationApplication, {
    nullable: true,
    description: 'One application by id: its company and the Secretariat only (NOT_FOUND for anyone else).',
  })
  certificationApplication(
    @Arg('id', () => ID, { description: 'Identifier of the application.' }) id: string,
    @Ctx() { viewer, loaders }: CertificationContext,
  ): Promise<CertificationApplication> {
    return visibleApplication(loaders, viewer, id);
  }

  @Query(() => CertificationApplicationConnection, {
    nullable: true,
    description: 'The Secretariat\'s queue of applications in `orderBy` (oldest first by default), in pages of `first` (or `last`, backwards; ' +
      'default 20, at most 100). Secretariat only.',
  })
  certificationApplications(
    @Arg('filter', () => CertificationApplicationFilter, { nullable: true, description: 'Conditions the applications must meet.' })
    filter: CertificationApplicationFilter | null,
    @Arg('orderBy', () => CertificationApplicationOrder, {
      defaultValue: CertificationApplicationOrder.RECEIVED_OLDEST_FIRST,
      description: 'How the applications are sorted; a cursor is valid only in the order it was read in.',
    })
    orderBy: CertificationApplicationOrder,
    @Args() page: PageArgs,
    @Ctx() { viewer, database }: CertificationContext,
  ) {
    requireSecretariat(viewer);
    return service.applicationQueue(database, filter ?? {}, page, orderBy);
  }

  @Mutation(() => CertificationApplication, {
    description:
      'Starts a draft application for ICoCA certification: a member of the company for its own organization, or the ' +
      'Secretariat on its behalf (then `organizationId` is required). Anything may still be missing; renewals use ' +
      'the same application.',
  })
  async createCertificationApplication(
    @Arg('input', () => CertificationApplicationInput, { description: 'What is known so far.' }) input: CertificationApplicationInput,
    @Arg('organizationId', () => ID, { nullable: true, description: 'The company (Secretariat: required; a member: its own, or omitted).' })
    organizationId: string | null,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<CertificationApplication> {
    const actor = applicationActor(viewer);
    const company = viewer.role === 'member' ? viewer.organizationId! : organizationId;
    if (!company) throw badUserInput('The Secretariat names the company it applies for', 'organizationId');
    if (viewer.role === 'member' && organizationId && organizationId !== company) {
      throw forbidden('A member applies for its own organization only');
    }
    const { fields, documents } = await service.readApplicationInput(input, company, loaders);
    await requireCompany(loaders.membership, company);
    const application = await service.createApplication(database, company, fields, documents ?? [], actor);
    loaders.applicationsByOrganization.clear(company);
    return application;
  }

  @Mutation(() => CertificationApplication, {
    description:
      'Changes a DRAFT (its company or the Secretariat): given fields replace the stored ones, `documents` replaces the ' +
      'list. CONFLICT when it changed since `expectedVersion`; BAD_USER_INPUT once submitted.',
  })
  async updateCertificationApplication(
    @Arg('id', () => ID, { description: 'The draft.' }) id: string,
    @Arg('input', () => CertificationApplicationInput, { description: 'The changes.' }) input: CertificationApplicationInput,
    @Arg('expectedVersion', () => Int, { description: 'The `version` the change was based on.' }) expectedVersion: number,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<CertificationApplication> {
    applicationActor(viewer);
    const application = await visibleApplication(loaders, viewer, id);
    const { fields, documents } = await service.readApplicationInput(input, application.organizationId, loaders);
    return forget(loaders, await service.updateDraft(database, application, fields, documents, expectedVersion));
  }

  @Mutation(() => CertificationApplication, {
    description:
      'Submits a complete draft for review (its company or the Secretariat). Missing certificate fields or required ' +
      'documents are BAD_USER_INPUT naming them; CONFLICT when it changed since `expectedVersion`.',
  })
  async submitCertificationApplication(
    @Arg('id', () => ID, { description: 'The draft.' }) id: string,
    @Arg('expectedVersion', () => Int, { description: 'The `version` the submission was based on.' }) expectedVersion: number,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<CertificationApplication> {
    const actor = applicationActor(viewer);
    const application = await visibleApplication(loaders, viewer, id);
    return forget(loaders, await service.submitApplication(database, application, expectedVersion, actor));
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The applying company.' })
  organization(@Root() application: CertificationApplication): Organization {
    return organizationReference(application.organizationId);
  }

  @FieldResolver(() => CertificationBody, { nullable: true, description: 'The certification body that issued the certificate.' })
  certificationBody(@Root() application: CertificationApplication, @Ctx() { loaders }: CertificationContext) {
    return application.certificationBodyId ? loaders.certificationBody.load(application.certificationBodyId) : null;
  }

  @FieldResolver(() => [ApplicationDocument], { description: 'The attached documents, each with its kind, id and hash.' })
  documents(@Root() application: CertificationApplication): ApplicationDocument[] {
    return application.documents.map((d) => Object.assign(new ApplicationDocument(), d));
  }

  @FieldResolver(() => [CertificationDocumentKind], {
    description: 'Required document kinds not attached yet (empty when the application is complete in that respect).',
  })
  missingDocuments(@Root() application: CertificationApplication): CertificationDocumentKind[] {
    return missingForSubmission(application, today()).documents;
  }

  @FieldResolver(() => [CertificationApplicationEvent], {
    description: 'The whole history, oldest first: submission, review, the questions and answers (the thread), the decision.',
  })
  history(@Root() application: CertificationApplication, @Ctx() { loaders }: CertificationContext) {
    return loaders.applicationHistory.load(application.id);
  }

  @FieldResolver(() => Certification, { nullable: true, description: 'The certification recorded when the application was certified.' })
  certification(@Root() application: CertificationApplication, @Ctx() { loaders }: CertificationContext) {
    return application.certificationId ? loaders.certification.load(application.certificationId) : null;
  }
}

/** Field resolvers of an attached document: the upload itself (file name, type, size), for the same viewers. */
@Resolver(() => ApplicationDocument)
export class ApplicationDocumentResolver {
  @FieldResolver(() => StoredDocument, { nullable: true, description: 'The uploaded document (download it from `GET /documents/{id}`).' })
  document(@Root() attached: ApplicationDocument, @Ctx() { loaders }: CertificationContext) {
    return loaders.document.load(attached.documentId);
  }
}

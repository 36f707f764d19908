import { forbidden, isSecretariat, notFound, ownsRecord, unauthenticated, type Viewer } from '../../../shared/src';
import type { CertificationLoaders } from '../context';
import { ApplicationAuthor, type CertificationApplication } from './application.entity';
import type { Actor } from './application.service';

/** The company's members and the Secretariat act on an application; the public is asked to sign in, others are refused. */
export function applicationActor(viewer: Viewer): Actor {
  if (viewer.role === 'public') throw unauthenticated();
  if (isSecretariat(viewer)) return { author: ApplicationAuthor.SECRETARIAT, subject: viewer.subject ?? null };
  if (viewer.role === 'member' && viewer.organizationId) return { author: ApplicationAuthor.COMPANY, subject: viewer.subject ?? null };
  throw forbidden('Only a member of the company or the Secretariat may act on its certification application');
}

/** The application, when the viewer may see it (its company or the Secretariat); NOT_FOUND otherwise, so others' do not leak. */
export async function visibleApplication(loaders: CertificationLoaders, viewer: Viewer, id: string): Promise<CertificationApplication> {
  const application = await loaders.application.load(id);
  if (!application || !(isSecretariat(viewer) || ownsRecord(viewer, application.organizationId))) {
    throw notFound('Certification application', id);
  }
  return application;
}

/** This request's loaders hold the state before a change; the answer must show the state after it. */
export function forget(loaders: CertificationLoaders, application: CertificationApplication): CertificationApplication {
  loaders.application.clear(application.id).prime(application.id, application);
  loaders.applicationHistory.clear(application.id);
  loaders.applicationsByOrganization.clear(application.organizationId);
  return application;
}

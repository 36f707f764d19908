import { getNamedType, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import {
  ROLES,
  VIEWER_DEPENDENT_ENTITIES,
  VIEWER_DEPENDENT_FIELDS,
  type Role,
  type Viewer,
} from '../../services/shared/src';

/**
 * Which callers a cached public answer to an operation may be served to. Anonymous callers always
 * (a public answer is theirs); a signed-in caller only when no field of the operation depends on the
 * viewer in a way that would give it another answer (viewer-dependent.ts). Restricted fields need no
 * check here: an answer holding one is never public, so it is never in the shared cache. Worked out
 * once per parsed document (Apollo keeps parsed documents, so repeats are a lookup).
 */
export class SharedAnswers {
  private readonly byDocument = new WeakMap<DocumentNode, ReadonlySet<Role>>();

  constructor(private readonly apiSchema: GraphQLSchema) {}

  /** The roles that get the public's answer to `document`. */
  rolesSharing(document: DocumentNode): ReadonlySet<Role> {
    let roles = this.byDocument.get(document);
    if (!roles) {
      roles = this.work(document);
      this.byDocument.set(document, roles);
    }
    return roles;
  }

  /**
   * Whether `viewer` may be served a cached public answer to `document`. Never the Secretariat: it also
   * changes the register outside the graph (`npm run import`), which no cache hears of, and must always
   * read what is stored.
   */
  mayShare(document: DocumentNode, viewer: Viewer): boolean {
    if (viewer.role === 'secretariat') return false;
    return viewer.role === 'public' || this.rolesSharing(document).has(viewer.role);
  }

  private work(document: DocumentNode): ReadonlySet<Role> {
    const roles = new Set<Role>(ROLES);
    const typeInfo = new TypeInfo(this.apiSchema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const parent = typeInfo.getParentType();
          const type = typeInfo.getType();
          const dependences = [
            parent ? VIEWER_DEPENDENT_FIELDS[`${parent.name}.${node.name.value}`] : undefined,
            type ? VIEWER_DEPENDENT_ENTITIES[getNamedType(type).name] : undefined,
            // A field of such an entity reached through an interface or union.
            parent ? VIEWER_DEPENDENT_ENTITIES[parent.name] : undefined,
          ];
          for (const dependence of dependences) {
            if (!dependence) continue;
            for (const role of [...roles]) if (role !== 'public' && !dependence.sameAsPublicFor.includes(role)) roles.delete(role);
          }
        },
      }),
    );
    return roles;
  }
}

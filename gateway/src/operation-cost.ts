import {
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type GraphQLType,
  type SelectionSetNode,
} from 'graphql';

/**
 * What an operation costs, counted where client operations arrive and with their variables, before
 * Apollo validates it (graphql-js's validation of a document of many aliases takes milliseconds: an
 * attack is refused before that work) and long before any subgraph is called: every field costs 1 for each time it will be resolved, so a field inside a
 * list costs once per item. A list's size is its `first` or `last` (a connection's edges), the number of `names`
 * and `ids` asked, or else the longest such list the graph returns (10: a verification's matches).
 * A receipt weighs as much as ten fields: it is a signature.
 */
export const COST = {
  field: 1,
  /** Fields that cost more than reading a value, by schema coordinate. */
  weights: { 'VerificationResult.receipt': 10 } as Record<string, number>,
  /** The size assumed for a list that says none (a verification's matches are at most 10). */
  listSize: 10,
  /** A connection's page when neither `first` nor `last` is given. */
  pageSize: 20,
};

/** All the names and ids that every `verifyMembers` of one operation asks about, aliases included. */
export const MAX_VERIFICATIONS = 100;

export interface OperationCost {
  cost: number;
  /** Names and ids asked of `verifyMembers`, summed over the whole operation. */
  verifications: number;
  /** Selections the cost walk looked at: each one written in the document, a fragment's at most three times (no page, pages 0 and 1). */
  visited: number;
}

type Variables = Record<string, unknown>;

function argument(field: FieldNode, name: string, variables: Variables): unknown {
  const node = field.arguments?.find((a) => a.name.value === name);
  return node ? valueFromASTUntyped(node.value, variables) : undefined;
}

function listLength(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return value === undefined || value === null ? 0 : 1;
}

function isList(type: GraphQLType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/**
 * The cost of `operationName` in `document`, with `variables`, against the API schema. With a `limit`,
 * counting stops as soon as the cost passes it (the cost is then a lower bound, above the limit).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Variables,
  limit = Infinity,
): OperationCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  const result: OperationCost = { cost: 0, verifications: 0, visited: 0 };
  if (!operation) return result;
  const root = schema.getRootType(operation.operation);
  if (!root) return result;

  // A fragment is walked once and its cost reused at every spread (a spread twice costs twice):
  // fragments that each spread the next one twice would otherwise double the walk at every level.
  // One whose own level has `edges` costs what the page it sits in holds, a + b × page: it is walked
  // at pages 0 and 1 (and none), whatever the number of pages it sits in. Runs before validation, so a
  // document may spread fragments in a cycle: a fragment is not entered again while it is being walked
  // (validation refuses the cycle afterwards).
  const known = new Map<string, { cost: number; readsPage: boolean }>();
  const entered = new Set<string>();
  let over = false;
  /** Whether the level being walked has `edges`, whose size is its page's. */
  let readsPage = false;
  /** A fragment's cost for one resolution at `page` (none, 0 or 1), and whether the page counts. */
  const fragmentAt = (name: string, fragment: FragmentDefinitionNode, type: GraphQLCompositeType, page: number | undefined) => {
    const paged = `${name}\u0000${page}`;
    const found = known.get(name) ?? known.get(paged);
    if (found || entered.has(name)) return found;
    entered.add(name);
    const outer = readsPage;
    readsPage = false;
    const at = { cost: walk(fragment.selectionSet, type, page), readsPage };
    readsPage = outer;
    entered.delete(name);
    known.set(at.readsPage ? paged : name, at);
    return at;
  };
  /** The cost of resolving `set` once on `parent`. */
  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType, page: number | undefined): number => {
    let cost = 0;
    for (const selection of set.selections) {
      // Every size is at least 1 (a list of none is not walked), so a part's cost is a lower bound of the whole.
      if (over || (over = cost > limit)) break;
      result.visited += 1;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) cost += walk(selection.selectionSet, type, page);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !type || !isCompositeType(type)) continue;
        // A page of none or fewer holds nothing: the cost at 0 is the fixed part a.
        const at = fragmentAt(name, fragment, type, page === undefined ? undefined : 0);
        if (!at) continue;
        let fragmentCost = at.cost;
        if (at.readsPage && page !== undefined && page > 0) {
          const atOne = fragmentAt(name, fragment, type, 1);
          if (atOne) fragmentCost += (atOne.cost - at.cost) * page;
        }
        readsPage ||= at.readsPage;
        cost += fragmentCost;
        continue;
      }
      const name = selection.name.value;
      if (name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
      const definition = parent.getFields()[name];
      if (!definition) continue;
      cost += COST.weights[`${parent.name}.${name}`] ?? COST.field;
      if (!selection.selectionSet) continue;
      const asked = listLength(argument(selection, 'names', variables)) + listLength(argument(selection, 'ids', variables));
      const type = getNamedType(definition.type);
      if (!isCompositeType(type)) continue;
      // A page read backwards (`last`) holds as many items as one read forwards (`first`).
      const first = argument(selection, 'first', variables);
      const last = argument(selection, 'last', variables);
      const asPage = typeof first === 'number' ? first : typeof last === 'number' ? last : undefined;
      const ownPage = asPage ?? (type.name.endsWith('Connection') ? COST.pageSize : undefined);
      let size = 1;
      if (isList(definition.type)) {
        if (name === 'edges') readsPage = true;
        size = name === 'edges' && page !== undefined ? page : asked || COST.listSize;
      }
      if (size <= 0) continue;
      const outer = readsPage;
      cost += size * walk(selection.selectionSet, type, ownPage);
      readsPage = outer;
    }
    over ||= cost > limit;
    return cost;
  };
  result.cost = walk(operation.selectionSet, root, undefined);

  // Counted in full even when the cost stops early: verifyMembers is a root field, so only the root's
  // own selections are read, each fragment once.
  const asks = new Map<string, number>();
  const verifications = (set: SelectionSetNode): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === 'verifyMembers' && root.getFields().verifyMembers) {
          total += listLength(argument(selection, 'names', variables)) + listLength(argument(selection, 'ids', variables));
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!selection.typeCondition || selection.typeCondition.name.value === root.name) total += verifications(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || fragment.typeCondition.name.value !== root.name) continue;
        if (!asks.has(name)) {
          asks.set(name, 0); // a cycle counts nothing more (validation refuses it)
          asks.set(name, verifications(fragment.selectionSet));
        }
        total += asks.get(name)!;
      }
    }
    return total;
  };
  result.verifications = verifications(operation.selectionSet);
  return result;
}

/** Why an operation is over budget, naming the limit; null when it is within it. */
export function overBudget({ cost, verifications }: OperationCost, maxCost: number): string | null {
  if (verifications > MAX_VERIFICATIONS) {
    return (
      `This operation asks verifyMembers about ${verifications} names and ids; all verifyMembers fields of one ` +
      `operation, aliases included, share a limit of ${MAX_VERIFICATIONS}`
    );
  }
  if (cost > maxCost) {
    return (
      `This operation's estimated cost is at least ${cost}, above the limit of ${maxCost} (fields inside lists count once ` +
      'per item: ask for smaller pages or fewer fields)'
    );
  }
  return null;
}

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
 * list costs once per item. A list's size is its `first` (a connection's edges), the number of `names`
 * and `ids` asked, or else the longest such list the graph returns (10: a verification's matches).
 * A receipt weighs as much as ten fields: it is a signature.
 */
export const COST = {
  field: 1,
  /** Fields that cost more than reading a value, by schema coordinate. */
  weights: { 'VerificationResult.receipt': 10 } as Record<string, number>,
  /** The size assumed for a list that says none (a verification's matches are at most 10). */
  listSize: 10,
  /** A connection's page when `first` is not given. */
  pageSize: 20,
};

/** All the names and ids that every `verifyMembers` of one operation asks about, aliases included. */
export const MAX_VERIFICATIONS = 100;

export interface OperationCost {
  cost: number;
  /** Names and ids asked of `verifyMembers`, summed over the whole operation. */
  verifications: number;
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

/** The cost of `operationName` in `document`, with `variables`, against the API schema. */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Variables): OperationCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  const result: OperationCost = { cost: 0, verifications: 0 };
  if (!operation) return result;
  const root = schema.getRootType(operation.operation);
  if (!root) return result;

  // Runs before validation, so a document may spread fragments in a cycle: each fragment is entered once per path.
  const entered = new Set<string>();
  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType, times: number, page: number | undefined) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) walk(selection.selectionSet, type, times, page);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !type || !isCompositeType(type) || entered.has(name)) continue;
        entered.add(name);
        walk(fragment.selectionSet, type, times, page);
        entered.delete(name);
        continue;
      }
      const name = selection.name.value;
      if (name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
      const definition = parent.getFields()[name];
      if (!definition) continue;
      result.cost += (COST.weights[`${parent.name}.${name}`] ?? COST.field) * times;
      const asked = listLength(argument(selection, 'names', variables)) + listLength(argument(selection, 'ids', variables));
      if (parent === root && name === 'verifyMembers') result.verifications += asked;
      if (!selection.selectionSet) continue;
      const type = getNamedType(definition.type);
      if (!isCompositeType(type)) continue;
      const first = argument(selection, 'first', variables);
      const ownPage = typeof first === 'number' ? first : type.name.endsWith('Connection') ? COST.pageSize : undefined;
      let size = 1;
      if (isList(definition.type)) size = name === 'edges' && page !== undefined ? page : asked || COST.listSize;
      walk(selection.selectionSet, type, times * Math.max(size, 0), ownPage);
    }
  };
  walk(operation.selectionSet, root, 1, undefined);
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
      `This operation's estimated cost is ${cost}, above the limit of ${maxCost} (fields inside lists count once ` +
      'per item: ask for smaller pages or fewer fields)'
    );
  }
  return null;
}

// Generates schemas/broker-document.schema.json from the TypeScript types of the broker document
// (src/policy/document.ts BrokerDocument, with src/snapshot/types.ts and src/network/facts.ts), with the TypeScript
// compiler (a devDependency): every property, its type, its enum values (string literal unions, or a `@values A | B`
// JSDoc tag where AWS defines the values but the code keeps a string) and its description (the property's JSDoc).
// `node scripts/broker-document-schema.js` rewrites the file, and the assertion $defs of schemas/policy.schema.json
// that mirror it for editors (generatePolicySchema, below); test/schemas/broker-document.test.ts fails when either
// committed file differs from what this generates, so neither can drift from the code.
const {readFileSync, writeFileSync} = require('node:fs');
const {join} = require('node:path');
const ts = require('typescript');

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'schemas', 'broker-document.schema.json');
/** Detail fields (DescribeBroker): null when the call failed, and any value below them null in a proposed estate. */
const DETAIL_TYPE = 'BrokerDetails';

function generate() {
  const program = ts.createProgram([join(ROOT, 'src', 'policy', 'document.ts')], {
    strict: true,
    resolveJsonModule: true,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(join(ROOT, 'src', 'policy', 'document.ts'));
  let rootType;
  ts.forEachChild(source, (node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'BrokerDocument')
      rootType = checker.getTypeAtLocation(node);
  });
  const detailsSymbol = checker.getSymbolsInScope(source, ts.SymbolFlags.Interface).find((s) => s.name === DETAIL_TYPE);
  const detailsType = detailsSymbol && checker.getDeclaredTypeOfSymbol(detailsSymbol);
  const defs = {};
  const problems = [];

  const docOf = (symbol) => {
    let text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).replace(/\s+/g, ' ').trim();
    const tags = symbol.getJsDocTags(checker);
    const values = tags.find((t) => t.name === 'values');
    return {
      text,
      values: values
        ? ts
            .displayPartsToString(values.text)
            .split('|')
            .map((v) => v.trim())
            .filter(Boolean)
        : undefined,
    };
  };

  /** The declaration a property of a mapped type (Partial<…>, DetailFields) comes from. */
  const originOf = (symbol, name) => {
    if (symbol.declarations?.length) return symbol;
    const origin = symbol.links?.syntheticOrigin ?? symbol.syntheticOrigin;
    if (origin) return originOf(origin, name);
    const fromDetails = detailsType && checker.getPropertyOfType(detailsType, name);
    return fromDetails ?? symbol;
  };

  const nameOf = (type) => {
    const symbol = type.aliasSymbol ?? type.symbol;
    if (!symbol || ['__type', '__object', 'Array', 'Record'].includes(symbol.name) || type.aliasTypeArguments)
      return undefined;
    if (checker.isArrayType(type) || type.getStringIndexType()) return undefined;
    return symbol.name;
  };

  function schemaOf(type, path, nullableBelow) {
    const parts = type.isUnion() ? type.types : [type];
    const nullable = parts.some((t) => t.flags & ts.TypeFlags.Null) || nullableBelow;
    const rest = parts.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
    let schema;
    if (rest.length > 0 && rest.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) schema = {type: 'boolean'};
    else if (rest.length > 0 && rest.every((t) => t.isStringLiteral()))
      schema = {type: 'string', enum: rest.map((t) => t.value).sort()};
    else if (rest.length === 1 && rest[0].isNumberLiteral()) schema = {type: 'integer', const: rest[0].value};
    else if (rest.length === 1) schema = single(rest[0], path, nullableBelow);
    else if (rest.length === 0) schema = {};
    else {
      problems.push(`${path}: a union the generator does not describe (${checker.typeToString(type)})`);
      schema = {};
    }
    if (nullable) schema = nullableOf(schema);
    return schema;
  }

  function nullableOf(schema) {
    if (schema.$ref) return {anyOf: [schema, {type: 'null'}]};
    if (!schema.type) return schema;
    const copy = {...schema, type: [...new Set([...[schema.type].flat(), 'null'])]};
    if (copy.enum) copy.enum = [...copy.enum, null];
    if (copy.const !== undefined) ((copy.enum = [copy.const, null]), delete copy.const);
    return copy;
  }

  function single(type, path, nullableBelow) {
    const flags = type.flags;
    if (flags & ts.TypeFlags.Unknown || flags & ts.TypeFlags.Any) return {};
    if (flags & ts.TypeFlags.String) return {type: 'string'};
    if (flags & ts.TypeFlags.Number) return {type: 'number'};
    if (flags & ts.TypeFlags.Boolean) return {type: 'boolean'};
    if (type.isStringLiteral()) return {type: 'string', enum: [type.value]};
    if (checker.isArrayType(type))
      return {type: 'array', items: schemaOf(checker.getTypeArguments(type)[0], `${path}/items`, nullableBelow)};
    const name = nameOf(type);
    if (name && !nullableBelow) {
      if (!defs[name]) {
        defs[name] = {};
        defs[name] = objectOf(type, `#/$defs/${name}`, false);
      }
      return {$ref: `#/$defs/${name}`};
    }
    return objectOf(type, path, nullableBelow);
  }

  function objectOf(type, path, nullableBelow) {
    const index = type.getStringIndexType();
    const schema = {type: 'object'};
    const properties = checker.getPropertiesOfType(type);
    if (properties.length > 0) {
      schema.properties = {};
      const required = [];
      for (const property of properties) {
        const origin = originOf(property, property.name);
        const declaration = origin.declarations?.[0];
        const propertyType = checker.getTypeOfSymbol(property);
        const fromDetails =
          declaration &&
          ts.isPropertySignature(declaration) &&
          declaration.parent &&
          ts.isInterfaceDeclaration(declaration.parent) &&
          declaration.parent.name.text === DETAIL_TYPE;
        const below = nullableBelow || Boolean(fromDetails);
        const child = schemaOf(propertyType, `${path}/${property.name}`, below);
        const {text, values} = docOf(origin);
        if (values) {
          const base = child.$ref
            ? child
            : {...child, enum: [...values.sort(), ...((child.type ?? []).includes?.('null') ? [null] : [])]};
          schema.properties[property.name] = base;
        } else schema.properties[property.name] = child;
        if (text) schema.properties[property.name] = {description: text, ...schema.properties[property.name]};
        // Members of small inline objects (logs.general) and of network facts whose meaning their name and their
        // parent's description give: described by where they are, until they get a JSDoc comment of their own.
        else
          schema.properties[property.name] = {
            description: `${property.name} of ${path.replace(/^#\/(\$defs\/)?/, '').replaceAll('/', '.') || 'the document'} (docs/broker-document.md, docs/network.md)`,
            ...schema.properties[property.name],
          };
        if (!(property.flags & ts.SymbolFlags.Optional)) required.push(property.name);
      }
      if (required.length > 0) schema.required = required;
    }
    schema.additionalProperties = index ? schemaOf(index, `${path}/*`, nullableBelow) : false;
    return schema;
  }

  const root = objectOf(rootType, '#', false);
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://mq-audit.dev/schemas/broker-document-v1.json',
    title: 'mq-audit broker document (version 1)',
    description:
      'What policies assert on: one document per broker (docs/broker-document.md, docs/network.md). Generated from the TypeScript types by scripts/broker-document-schema.js; do not edit. A value that could not be collected is null and /unknown maps its JSON pointer to the reason; in a proposed estate (scan --plan, --template) any value below a DescribeBroker field may be null the same way, known only after apply. A value AWS did not return is absent. Objects with additionalProperties other than false (tags, unknown) are open maps: any key.',
    ...root,
    $defs: Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b))),
  };
  return {schema, problems};
}

// ---------------------------------------------------------------------------------------------------------------
// The policy schema's assertions over the broker document (schemas/policy.schema.json, $defs `assertion` and
// `assertion.*`): a meta-schema that mirrors the document, so that an editor completes and describes property names.
// For each object of the document, `properties: {name: <assertion over that member>}`; for arrays `items` and
// `contains`; for open maps (tags) `additionalProperties`; the combinators (allOf, anyOf, oneOf, not, if, then, else)
// stay at the same place in the document. Nothing here rejects a name the document lacks (policy lint does, with
// the nearest names) and no keyword's value is constrained beyond being a schema, so {"$param": …} fits anywhere.

const POLICY_OUT = join(ROOT, 'schemas', 'policy.schema.json');
const PREFIX = 'assertion';
const ref = (name) => ({$ref: `#/$defs/${name}`});

/** Keywords any assertion may use, described for editors (values unconstrained: a $param may stand for one). */
const KEYWORDS = {
  type: 'JSON type(s) the value must have: "string", "number", "integer", "boolean", "object", "array", "null".',
  const: 'The value must equal this.',
  enum: 'The value must equal one of these.',
  minimum: 'Numbers: at least this.',
  maximum: 'Numbers: at most this.',
  exclusiveMinimum: 'Numbers: more than this.',
  exclusiveMaximum: 'Numbers: less than this.',
  multipleOf: 'Numbers: a multiple of this.',
  pattern: 'Strings: must match this regular expression (linear-time engine: no lookaround or backreferences).',
  minLength: 'Strings: at least this many characters.',
  maxLength: 'Strings: at most this many characters.',
  format: 'Strings: a format (date-time, uri, …).',
  minItems: 'Arrays: at least this many items.',
  maxItems: 'Arrays: at most this many items.',
  uniqueItems: 'Arrays: no two items equal.',
  minContains: 'Arrays: at least this many items match `contains`.',
  maxContains: 'Arrays: at most this many items match `contains`.',
  minProperties: 'Objects: at least this many properties.',
  maxProperties: 'Objects: at most this many properties.',
  dependentRequired: 'Objects: when a property is present, these must be too.',
  propertyNames: 'Objects: a schema every property name must match.',
  $ref: 'A reference to a schema in this assertion\'s $defs, e.g. "#/$defs/name".',
  $defs: 'Schemas this assertion refers to with $ref.',
  $comment: 'A comment for readers; ignored.',
  title: 'Ignored by evaluation.',
  description: 'Ignored by evaluation.',
  $param: "In place of a value: the policy parameter of this name (its default, or the config file's override).",
};

function generateAssertions(documentSchema) {
  const defs = {};
  const keywordProperties = Object.fromEntries(
    Object.entries(KEYWORDS).map(([name, description]) => [name, {description}]),
  );
  defs[`${PREFIX}.keywords`] = {
    description: 'The JSON Schema keywords of an assertion at any place in the broker document.',
    properties: keywordProperties,
  };

  /** The document's schema for a value without its `null` alternative. */
  const present = (schema) => {
    if (schema.anyOf) {
      const rest = schema.anyOf.filter((s) => s.type !== 'null');
      if (rest.length === 1) return present(rest[0]);
    }
    if (schema.$ref)
      return {
        ...documentSchema.$defs[schema.$ref.replace('#/$defs/', '')],
        $defName: schema.$ref.replace('#/$defs/', ''),
      };
    return schema;
  };
  const typesOf = (schema) => [schema.type ?? []].flat();

  /** The assertion over a value whose document schema is `schema`, at `place` (a def name for its own def). */
  function over(schema, place) {
    const value = present(schema);
    const name = value.$defName ? `${PREFIX}.${value.$defName}` : place;
    const types = typesOf(value);
    const isObject =
      types.includes('object') && (value.properties !== undefined || typeof value.additionalProperties === 'object');
    const isArray = types.includes('array');
    if (!isObject && !isArray) return leaf(value);
    if (!defs[name]) {
      defs[name] = {};
      defs[name] = isObject ? objectNode(value, name) : arrayNode(value, name);
    }
    return ref(name);
  }

  /** A value that is not an object or array: the keywords, and its enum values offered for const and enum. */
  function leaf(value) {
    const values = value.enum ?? (value.const !== undefined ? [value.const] : undefined);
    if (!values) return ref(`${PREFIX}.value`);
    return {
      allOf: [ref(`${PREFIX}.value`)],
      properties: {const: {examples: values}, enum: {items: {examples: values}}},
    };
  }

  /** The combinators, each over the same place in the document. */
  const combinators = (self) => ({
    allOf: {description: 'Every one of these assertions holds.', items: ref(self)},
    anyOf: {description: 'At least one of these assertions holds.', items: ref(self)},
    oneOf: {description: 'Exactly one of these assertions holds.', items: ref(self)},
    not: {description: 'This assertion does not hold.', ...ref(self)},
    if: {description: 'When this holds, `then` must; otherwise `else` must.', ...ref(self)},
    then: {description: 'Must hold when `if` does.', ...ref(self)},
    else: {description: 'Must hold when `if` does not.', ...ref(self)},
  });

  function objectNode(value, self) {
    const members = {};
    for (const [name, member] of Object.entries(value.properties ?? {})) {
      const assertion = over(member, `${self}.${name}`);
      // The description beside an allOf, not a $ref: editors (VS Code's JSON service) let a $ref's target replace
      // the description beside it.
      members[name] = member.description
        ? {description: member.description, ...(assertion.$ref ? {allOf: [assertion]} : assertion)}
        : assertion;
    }
    const names = Object.keys(members);
    const open =
      typeof value.additionalProperties === 'object' ? over(value.additionalProperties, `${self}.*`) : undefined;
    const properties = {
      properties: {
        description:
          names.length > 0
            ? `Assertions on members of this object, by name: ${names.join(', ')}.`
            : 'Assertions on members of this open map, by key (any key).',
        properties: members,
        ...(open && {additionalProperties: open}),
      },
      required: {
        description: 'Names of members that must be present (and, with `requires`, not null).',
        // Offered, not enforced: a name the document lacks is lint's to report.
        ...(names.length > 0 && {items: {examples: names}}),
      },
      ...(open && {
        additionalProperties: {description: 'An assertion every other member (by key) must satisfy.', ...open},
        patternProperties: {
          description: 'Assertions on the members whose keys match each pattern.',
          additionalProperties: open,
        },
      }),
      ...combinators(self),
    };
    return {
      ...(value.description && {description: value.description}),
      type: ['object', 'boolean'],
      allOf: [ref(`${PREFIX}.keywords`)],
      properties,
    };
  }

  function arrayNode(value, self) {
    const item = over(value.items ?? {}, `${self}.items`);
    return {
      ...(value.description && {description: value.description}),
      type: ['object', 'boolean'],
      allOf: [ref(`${PREFIX}.keywords`)],
      properties: {
        items: {description: 'An assertion every item must satisfy.', ...item},
        contains: {description: 'An assertion some item must satisfy (at least minContains, default 1).', ...item},
        ...combinators(self),
      },
    };
  }

  defs[`${PREFIX}.value`] = {
    description: 'An assertion over a single value of the broker document (a string, number or boolean).',
    type: ['object', 'boolean'],
    allOf: [ref(`${PREFIX}.keywords`)],
    properties: {
      allOf: {items: ref(`${PREFIX}.value`)},
      anyOf: {items: ref(`${PREFIX}.value`)},
      oneOf: {items: ref(`${PREFIX}.value`)},
      not: ref(`${PREFIX}.value`),
      if: ref(`${PREFIX}.value`),
      then: ref(`${PREFIX}.value`),
      else: ref(`${PREFIX}.value`),
    },
  };
  const root = objectNode(documentSchema, PREFIX);
  defs[PREFIX] = {
    ...root,
    description:
      'A JSON Schema (2020-12) over the broker document (schemas/broker-document.schema.json, docs/broker-document.md): property names complete in editors, and policy lint checks them. {"$param": "name"} anywhere inside is replaced by that parameter\'s value before compiling. Generated by scripts/broker-document-schema.js.',
  };
  return Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b)));
}

/** schemas/policy.schema.json with its generated assertion $defs replaced (the rest is written by hand). */
function generatePolicySchema(documentSchema, policySchema) {
  const kept = Object.entries(policySchema.$defs).filter(([name]) => name !== PREFIX && !name.startsWith(`${PREFIX}.`));
  return {...policySchema, $defs: {...Object.fromEntries(kept), ...generateAssertions(documentSchema)}};
}

module.exports = {generate, generatePolicySchema, OUT, POLICY_OUT};

if (require.main === module) {
  const {schema, problems} = generate();
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  writeFileSync(OUT, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${OUT}`);
  const policy = generatePolicySchema(schema, JSON.parse(readFileSync(POLICY_OUT, 'utf8')));
  writeFileSync(POLICY_OUT, `${JSON.stringify(policy, null, 2)}\n`);
  console.log(`wrote ${POLICY_OUT}`);
}

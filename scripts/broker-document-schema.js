// Generates schemas/broker-document.schema.json from the TypeScript types of the broker document
// (src/policy/document.ts BrokerDocument, with src/snapshot/types.ts and src/network/facts.ts), with the TypeScript
// compiler (a devDependency): every property, its type, its enum values (string literal unions, or a `@values A | B`
// JSDoc tag where AWS defines the values but the code keeps a string) and its description (the property's JSDoc).
// `node scripts/broker-document-schema.js` rewrites the file; test/schemas/broker-document.test.ts fails when the
// committed file differs from what this generates, so the schema cannot drift from the code.
const {writeFileSync} = require('node:fs');
const {join} = require('node:path');
const ts = require('typescript');

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'schemas', 'broker-document.schema.json');
/** Detail fields (DescribeBroker): null when the call failed, and any value below them null in a proposed estate. */
const DETAIL_TYPE = 'BrokerDetails';

function generate() {
  const program = ts.createProgram([join(ROOT, 'src', 'policy', 'document.ts')], {strict: true, resolveJsonModule: true, esModuleInterop: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS});
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(join(ROOT, 'src', 'policy', 'document.ts'));
  let rootType;
  ts.forEachChild(source, (node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'BrokerDocument') rootType = checker.getTypeAtLocation(node);
  });
  const detailsSymbol = checker.getSymbolsInScope(source, ts.SymbolFlags.Interface).find((s) => s.name === DETAIL_TYPE);
  const detailsType = detailsSymbol && checker.getDeclaredTypeOfSymbol(detailsSymbol);
  const defs = {};
  const problems = [];

  const docOf = (symbol) => {
    let text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).replace(/\s+/g, ' ').trim();
    const tags = symbol.getJsDocTags(checker);
    const values = tags.find((t) => t.name === 'values');
    return {text, values: values ? ts.displayPartsToString(values.text).split('|').map((v) => v.trim()).filter(Boolean) : undefined};
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
    if (!symbol || ['__type', '__object', 'Array', 'Record'].includes(symbol.name) || type.aliasTypeArguments) return undefined;
    if (checker.isArrayType(type) || type.getStringIndexType()) return undefined;
    return symbol.name;
  };

  function schemaOf(type, path, nullableBelow) {
    const parts = type.isUnion() ? type.types : [type];
    const nullable = parts.some((t) => t.flags & ts.TypeFlags.Null) || nullableBelow;
    const rest = parts.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
    let schema;
    if (rest.length > 0 && rest.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) schema = {type: 'boolean'};
    else if (rest.length > 0 && rest.every((t) => t.isStringLiteral())) schema = {type: 'string', enum: rest.map((t) => t.value).sort()};
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
    if (copy.const !== undefined) copy.enum = [copy.const, null], delete copy.const;
    return copy;
  }

  function single(type, path, nullableBelow) {
    const flags = type.flags;
    if (flags & ts.TypeFlags.Unknown || flags & ts.TypeFlags.Any) return {};
    if (flags & ts.TypeFlags.String) return {type: 'string'};
    if (flags & ts.TypeFlags.Number) return {type: 'number'};
    if (flags & ts.TypeFlags.Boolean) return {type: 'boolean'};
    if (type.isStringLiteral()) return {type: 'string', enum: [type.value]};
    if (checker.isArrayType(type)) return {type: 'array', items: schemaOf(checker.getTypeArguments(type)[0], `${path}/items`, nullableBelow)};
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
        const fromDetails = declaration && ts.isPropertySignature(declaration) && declaration.parent && ts.isInterfaceDeclaration(declaration.parent) && declaration.parent.name.text === DETAIL_TYPE;
        const below = nullableBelow || Boolean(fromDetails);
        const child = schemaOf(propertyType, `${path}/${property.name}`, below);
        const {text, values} = docOf(origin);
        if (values) {
          const base = child.$ref ? child : {...child, enum: [...values.sort(), ...((child.type ?? []).includes?.('null') ? [null] : [])]};
          schema.properties[property.name] = base;
        } else schema.properties[property.name] = child;
        if (text) schema.properties[property.name] = {description: text, ...schema.properties[property.name]};
        // Members of small inline objects (logs.general) and of network facts whose meaning their name and their
        // parent's description give: described by where they are, until they get a JSDoc comment of their own.
        else schema.properties[property.name] = {description: `${property.name} of ${path.replace(/^#\/(\$defs\/)?/, '').replaceAll('/', '.') || 'the document'} (docs/broker-document.md, docs/network.md)`, ...schema.properties[property.name]};
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
    description: 'What policies assert on: one document per broker (docs/broker-document.md, docs/network.md). Generated from the TypeScript types by scripts/broker-document-schema.js; do not edit. A value that could not be collected is null and /unknown maps its JSON pointer to the reason; in a proposed estate (scan --plan, --template) any value below a DescribeBroker field may be null the same way, known only after apply. A value AWS did not return is absent. Objects with additionalProperties other than false (tags, unknown) are open maps: any key.',
    ...root,
    $defs: Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b))),
  };
  return {schema, problems};
}

module.exports = {generate, OUT};

if (require.main === module) {
  const {schema, problems} = generate();
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  writeFileSync(OUT, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${OUT}`);
}

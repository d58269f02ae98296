/**
 * From what a finding is about (a broker document path such as `logs.audit` or `facts.highAvailability`) to the
 * property that sets it in a template (`Logs.Audit`) or a Terraform block (`logs.audit`).
 */
import type {IacDefinition, PropertyAnchor} from './types';

interface PropertyNames {
  cloudformation: string;
  terraform: string;
}

/**
 * Broker document paths (docs/broker-document.md) whose IaC name is not a plain case conversion, or that are
 * derived facts set by some other property. Longest prefix wins; the rest of the path is converted.
 */
const BROKER_PROPERTIES: Record<string, PropertyNames> = {
  name: {cloudformation: 'BrokerName', terraform: 'broker_name'},
  engineVersion: {cloudformation: 'EngineVersion', terraform: 'engine_version'},
  pendingEngineVersion: {cloudformation: 'EngineVersion', terraform: 'engine_version'},
  'facts.engineVersionSupport': {cloudformation: 'EngineVersion', terraform: 'engine_version'},
  'facts.highAvailability': {cloudformation: 'DeploymentMode', terraform: 'deployment_mode'},
  'facts.encryptionKey': {cloudformation: 'EncryptionOptions', terraform: 'encryption_options'},
  'facts.production': {cloudformation: 'Tags', terraform: 'tags'},
  'facts.hostInstance': {cloudformation: 'HostInstanceType', terraform: 'host_instance_type'},
  encryption: {cloudformation: 'EncryptionOptions', terraform: 'encryption_options'},
  ldap: {cloudformation: 'LdapServerMetadata', terraform: 'ldap_server_metadata'},
  maintenanceWindow: {cloudformation: 'MaintenanceWindowStartTime', terraform: 'maintenance_window_start_time'},
  users: {cloudformation: 'Users', terraform: 'user'},
};

/**
 * The line of the property `requested` in `definition`: the property itself, else its nearest written ancestor,
 * else `absent` (the definition leaves it to the service default). Requested paths may be dotted or JSON pointers,
 * in the broker document's terms or already in the IaC's (`PubliclyAccessible`, `publicly_accessible`).
 */
export function anchorProperty(definition: IacDefinition, requested: string): PropertyAnchor {
  const segments = splitPath(requested);
  const candidates = [segments.join('.'), ...translatedPaths(definition, segments)];
  for (const path of candidates) {
    const line = definition.properties[path];
    if (line !== undefined) return {requested, match: 'exact', path, line};
  }

  const translated = translatedPaths(definition, segments)[0];
  if (translated) {
    const parts = translated.split('.');
    for (let length = parts.length - 1; length > 0; length--) {
      const path = parts.slice(0, length).join('.');
      const line = definition.properties[path];
      if (line !== undefined) return {requested, match: 'ancestor', path, line};
    }
  }

  return {requested, match: 'absent'};
}

function splitPath(requested: string): string[] {
  const trimmed = requested.startsWith('/') ? requested.slice(1) : requested;
  const separator = requested.startsWith('/') ? '/' : '.';
  return trimmed
    .split(separator)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .filter((part) => part !== '');
}

/** The requested path in the definition's naming: the broker table for its head, case conversion for the rest. */
function translatedPaths(definition: IacDefinition, segments: string[]): string[] {
  const terraform = definition.format === 'terraform';
  const convert = terraform ? snakeCase : pascalCase;
  let head: string | undefined;
  let rest = segments;
  if (definition.kind === 'broker') {
    for (let length = segments.length; length > 0; length--) {
      const names = BROKER_PROPERTIES[segments.slice(0, length).join('.')];
      if (names) {
        head = terraform ? names.terraform : names.cloudformation;
        rest = segments.slice(length);
        break;
      }
    }

    // A derived fact is about its source property as a whole, not about parts of it.
    if (head && segments[0] === 'facts') rest = [];
  }

  if (head === undefined) {
    if (segments.length === 0) return [];
    head = convert(segments[0]);
    rest = segments.slice(1);
  }

  // Tag keys are data, not property names: `tags.CostCenter` stays `Tags.CostCenter`.
  const tail = head === 'Tags' || head === 'tags' ? rest : rest.map(convert);
  return [[head, ...tail].join('.')];
}

function pascalCase(name: string): string {
  return /^\d+$/.test(name) ? name : name.charAt(0).toUpperCase() + name.slice(1);
}

function snakeCase(name: string): string {
  return /^\d+$/.test(name) ? name : name.replaceAll(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

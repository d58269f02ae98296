/**
 * Internet exposure: a broker that is publicly accessible, or whose security groups admit all of 0.0.0.0/0 or
 * ::/0 on one of its ports, directly or through a managed prefix list (and possibly spread over several rules:
 * 0.0.0.0/1 plus 128.0.0.0/1 is the whole internet too). Rules admitting some other public source are listed.
 */
import type {SecurityGroupRule} from '../snapshot/network';
import {type Cidr, everything, type IpFamily, includesPublicAddresses, rangeOf, rangesCover} from './cidr';
import type {BrokerPort, InternetIngressFacts, InternetIngressRule, MissingData} from './facts';
import {ruleAdmitsPort, ruleSources, securityGroupRulesOf} from './ingress';
import {memoize, type NetworkIndex, type Scope, uniqueMissing} from './lookup';
import type {EffectiveRouteTable} from './routes';

export interface InternetInput {
  index: NetworkIndex;
  scope: Scope;
  publiclyAccessible: boolean;
  securityGroupIds: readonly string[];
  ports: readonly BrokerPort[];
  /** The broker subnets' effective route tables (undefined when unknown, with why). */
  subnets: readonly {table?: EffectiveRouteTable; missing: MissingData[]}[];
}

/** What a set of security groups opens to the internet on a set of ports. */
interface GroupExposure {
  /** Proven open to all of 0.0.0.0/0 or ::/0. */
  openPorts: number[];
  /** Not proven open, but a prefix list that could open them was not readable. */
  uncertainPorts: number[];
  rules: InternetIngressRule[];
  /** Set when the rules themselves could not be read. */
  unreadable?: MissingData;
  missing: MissingData[];
}

const FAMILIES: IpFamily[] = [4, 6];

export function internetIngress(input: InternetInput): InternetIngressFacts {
  const publicSubnet = hasPublicSubnet(input.subnets);
  const portsKey = input.ports.map((p) => p.port).join(',');
  const exposure = memoize(
    input.index,
    `exposure|${input.scope.key}|${input.securityGroupIds.join(',')}|${portsKey}`,
    () => groupExposure(input),
    input.scope,
  );
  const missing = [
    ...exposure.missing,
    ...(publicSubnet === null ? input.subnets.flatMap((s) => (s.table ? [] : s.missing)) : []),
  ];
  const groupsOpen =
    exposure.openPorts.length > 0 ? true : exposure.unreadable || exposure.uncertainPorts.length > 0 ? null : false;
  // Proven open wins over anything unknown; otherwise an unknown part leaves the answer unknown.
  const open = input.publiclyAccessible || groupsOpen === true ? true : groupsOpen === null ? null : false;
  const unique = uniqueMissing(missing);
  return {
    open,
    publiclyAccessible: input.publiclyAccessible,
    groupsOpen,
    openPorts: exposure.openPorts,
    rules: exposure.rules,
    publicSubnet,
    ...(unique.length > 0 ? {missing: unique} : {}),
  };
}

function groupExposure(input: InternetInput): GroupExposure {
  const found = securityGroupRulesOf(input.index, input.scope, input.securityGroupIds);
  if ('missing' in found)
    return {openPorts: [], uncertainPorts: [], rules: [], unreadable: found.missing, missing: [found.missing]};
  const openPorts: number[] = [];
  const uncertainPorts: number[] = [];
  const missing: MissingData[] = [];
  const openFamilies = new Map<number, Set<IpFamily>>();
  const publicRules = new Map<string, {rule: SecurityGroupRule; label: string; cidrs: Cidr[]; ports: number[]}>();
  for (const {port} of input.ports) {
    const admitting = found.rules
      .filter((r) => ruleAdmitsPort(r, port))
      .map((rule) => ({rule, ...ruleSources(input.index, input.scope, rule)}));
    const families = new Set(
      FAMILIES.filter((family) =>
        rangesCover(
          admitting
            .flatMap((a) => a.cidrs)
            .filter((c) => c.family === family)
            .map(rangeOf),
          [rangeOf(everything(family))],
        ),
      ),
    );
    if (families.size > 0) {
      openPorts.push(port);
      openFamilies.set(port, families);
    } else if (admitting.some((a) => a.missing.length > 0)) {
      uncertainPorts.push(port);
      missing.push(...admitting.flatMap((a) => a.missing));
    }

    for (const a of admitting) {
      if (!a.cidrs.some(includesPublicAddresses)) continue;
      const entry = publicRules.get(a.rule.id) ?? {rule: a.rule, label: a.label, cidrs: a.cidrs, ports: []};
      entry.ports.push(port);
      publicRules.set(a.rule.id, entry);
    }
  }

  const rules: InternetIngressRule[] = [...publicRules.values()].map(({rule, label, cidrs, ports}) => ({
    securityGroupId: rule.groupId,
    ruleId: rule.id,
    source: label,
    ports,
    // Part of the whole internet: the rule adds public addresses of a family that is open on one of its ports.
    wholeInternet: ports.some((port) =>
      cidrs.some((c) => includesPublicAddresses(c) && (openFamilies.get(port)?.has(c.family) ?? false)),
    ),
  }));
  return {openPorts, uncertainPorts, rules, missing};
}

/** A subnet whose table sends the default route (IPv4 or IPv6) to an internet gateway. */
function hasPublicSubnet(subnets: InternetInput['subnets']): boolean | null {
  if (subnets.some((s) => s.table && s.table.table.routes.some(isDefaultToInternet))) return true;
  return subnets.some((s) => !s.table) ? null : false;
}

function isDefaultToInternet(route: EffectiveRouteTable['table']['routes'][number]): boolean {
  const isDefault = route.destinationCidr === '0.0.0.0/0' || route.destinationIpv6Cidr === '::/0';
  return isDefault && route.targetType === 'internet-gateway' && route.state !== 'blackhole';
}

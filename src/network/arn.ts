/**
 * ARNs for hops, built from ids (most describe calls return none). Formats: the Service Authorization Reference.
 * Flattened (src/foundation/strings.ts): hops are kept for the whole scan.
 */
import {flat} from '../foundation/strings';

const EC2_RESOURCE_TYPES = {
  'customer-gateway': 'customer-gateway',
  'internet-gateway': 'internet-gateway',
  'nat-gateway': 'natgateway',
  'network-acl': 'network-acl',
  'prefix-list': 'prefix-list',
  'route-table': 'route-table',
  'security-group': 'security-group',
  'security-group-rule': 'security-group-rule',
  subnet: 'subnet',
  'transit-gateway': 'transit-gateway',
  'transit-gateway-attachment': 'transit-gateway-attachment',
  'transit-gateway-route-table': 'transit-gateway-route-table',
  vpc: 'vpc',
  'vpc-peering-connection': 'vpc-peering-connection',
  'vpn-connection': 'vpn-connection',
  'vpn-gateway': 'vpn-gateway',
} as const;

export type Ec2ArnType = keyof typeof EC2_RESOURCE_TYPES;

export function ec2Arn(partition: string, region: string, accountId: string, type: Ec2ArnType, id: string): string {
  return flat(`arn:${partition}:ec2:${region}:${accountId}:${EC2_RESOURCE_TYPES[type]}/${id}`);
}

/** dxcon-… / dxlag-… / dxvif-… are regional. */
export function directConnectArn(partition: string, region: string, accountId: string, id: string): string {
  const type = id.startsWith('dxlag-') ? 'dxlag' : id.startsWith('dxvif-') ? 'dxvif' : 'dxcon';
  return flat(`arn:${partition}:directconnect:${region}:${accountId}:${type}/${id}`);
}

/** Direct Connect gateways are global: no region in the ARN. */
export function directConnectGatewayArn(partition: string, accountId: string, id: string): string {
  return flat(`arn:${partition}:directconnect::${accountId}:dx-gateway/${id}`);
}

/** The partition a region belongs to (`cn-north-1` → aws-cn). */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
}

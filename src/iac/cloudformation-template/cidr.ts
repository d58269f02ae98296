/** `Fn::Cidr [block, count, bits]`: `count` consecutive subnets of 2^bits addresses each, from the start of `block`. */
import {formatIp, parseCidr} from '../../network/cidr';

export function cidrSubnets(block: string, count: number, hostBits: number): string[] | string {
  const cidr = /^[0-9a-fA-F:.]+\/\d{1,3}$/.test(block.trim()) ? parseCidr(block.trim()) : undefined;
  if (!cidr) return `"${block}" is not a CIDR block`;
  const width = cidr.family === 6 ? 128 : 32;
  const prefix = cidr.prefixLength;
  if (!Number.isInteger(count) || count < 1 || count > 256) return `the count ${count} is not between 1 and 256`;
  const newPrefix = width - hostBits;
  if (!Number.isInteger(hostBits) || hostBits < 0 || newPrefix < prefix)
    return `${hostBits} host bits do not fit in a /${prefix}`;
  if (BigInt(count) > 1n << BigInt(newPrefix - prefix))
    return `${count} subnets of /${newPrefix} do not fit in ${block}`;

  const subnets: string[] = [];
  for (let i = 0n; i < BigInt(count); i++)
    subnets.push(`${formatIp(cidr.family, cidr.first + (i << BigInt(hostBits)))}/${newPrefix}`);
  return subnets;
}

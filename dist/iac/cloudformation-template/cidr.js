"use strict";
/** `Fn::Cidr [block, count, bits]`: `count` consecutive subnets of 2^bits addresses each, from the start of `block`. */
Object.defineProperty(exports, "__esModule", { value: true });
exports.cidrSubnets = cidrSubnets;
function cidrSubnets(block, count, hostBits) {
    const match = /^([0-9a-fA-F:.]+)\/(\d{1,3})$/.exec(block.trim());
    if (!match)
        return `"${block}" is not a CIDR block`;
    const ipv6 = match[1].includes(':');
    const width = ipv6 ? 128 : 32;
    const prefix = Number(match[2]);
    const address = ipv6 ? parseIpv6(match[1]) : parseIpv4(match[1]);
    if (address === undefined || prefix > width)
        return `"${block}" is not a CIDR block`;
    if (!Number.isInteger(count) || count < 1 || count > 256)
        return `the count ${count} is not between 1 and 256`;
    const newPrefix = width - hostBits;
    if (!Number.isInteger(hostBits) || hostBits < 0 || newPrefix < prefix)
        return `${hostBits} host bits do not fit in a /${prefix}`;
    if (BigInt(count) > 1n << BigInt(newPrefix - prefix))
        return `${count} subnets of /${newPrefix} do not fit in ${block}`;
    const network = address & ~((1n << BigInt(width - prefix)) - 1n);
    const subnets = [];
    for (let i = 0n; i < BigInt(count); i++) {
        const start = network + (i << BigInt(hostBits));
        subnets.push(`${ipv6 ? formatIpv6(start) : formatIpv4(start)}/${newPrefix}`);
    }
    return subnets;
}
function parseIpv4(text) {
    const parts = text.split('.');
    if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255))
        return undefined;
    return parts.reduce((sum, p) => (sum << 8n) + BigInt(Number(p)), 0n);
}
function formatIpv4(value) {
    return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
}
function parseIpv6(text) {
    const halves = text.split('::');
    if (halves.length > 2)
        return undefined;
    const head = halves[0] === '' ? [] : halves[0].split(':');
    const tail = halves.length === 2 && halves[1] !== '' ? halves[1].split(':') : [];
    const missing = 8 - head.length - tail.length;
    if ((halves.length === 1 && missing !== 0) || missing < 0)
        return undefined;
    const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
    if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g)))
        return undefined;
    return groups.reduce((sum, g) => (sum << 16n) + BigInt(Number.parseInt(g, 16)), 0n);
}
/** RFC 5952: lower case, no leading zeros, the longest run of two or more zero groups as `::`. */
function formatIpv6(value) {
    const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt((7 - i) * 16)) & 0xffffn));
    let best = { start: -1, length: 0 };
    for (let i = 0; i < 8;) {
        if (groups[i] !== 0) {
            i++;
            continue;
        }
        let j = i;
        while (j < 8 && groups[j] === 0)
            j++;
        if (j - i > best.length && j - i >= 2)
            best = { start: i, length: j - i };
        i = j;
    }
    const hex = groups.map((g) => g.toString(16));
    if (best.start === -1)
        return hex.join(':');
    return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

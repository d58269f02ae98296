/**
 * Each account of the benchmark's estate gets its own resource ids. The recorded network is served in every
 * account, but AWS ids are unique across accounts, and the path model relies on that where it looks beyond the
 * broker's own account: a transit gateway shared from another account, Direct Connect gateways associated with a
 * virtual private gateway, the interfaces on a Direct Connect gateway. With the recorded ids in every account, each
 * broker's paths ran through every account's Direct Connect interfaces: A accounts × the paths of a real estate.
 *
 * The ids renamed: EC2 ids with a 17-hex-digit suffix (AWS-managed prefix lists, `pl-` + 8, are regional and stay
 * shared) and the Direct Connect ids the recorded responses hold. Three characters of the suffix, from its 4th (the
 * recorded ids of one kind differ in their first and last ones), become the account's index in hexadecimal; a
 * collision between two renamed ids stops the benchmark.
 */
const EC2_ID =
  /\b(?:vpc|subnet|sg|sgr|rtb|rtbassoc|acl|aclassoc|igw|eigw|nat|vgw|cgw|vpn|tgw|tgw-attach|tgw-rtb|pcx|pl|eni|eni-attach|vpce|eipalloc|eipassoc|dopt|vpc-cidr-assoc|subnet-cidr-assoc)-[0-9a-f]{17}\b/g;
const DX_ID_KEYS = new Set(['connectionId', 'lagId', 'virtualInterfaceId', 'directConnectGatewayId', 'associationId']);

/** The recorded ids to rename, from any recorded responses (EC2 ids by shape, Direct Connect ids by field). */
export function recordedIds(...recorded: unknown[]): string[] {
  const ids = new Set<string>();
  const visit = (value: unknown, key?: string): void => {
    if (typeof value === 'string') {
      for (const match of value.matchAll(EC2_ID)) ids.add(match[0]);
      if (key !== undefined && DX_ID_KEYS.has(key) && value.length > 3) ids.add(value);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value !== null && typeof value === 'object') {
      for (const [name, member] of Object.entries(value)) {
        for (const match of name.matchAll(EC2_ID)) ids.add(match[0]);
        visit(member, name);
      }
    }
  };
  for (const value of recorded) visit(value);
  return [...ids];
}

export type IdRenamer = <T>(value: T) => T;

/** Renames `ids` for the account at `accountIndex`, everywhere in a value (keys, ARNs and texts included). */
export function renamerForAccount(ids: readonly string[], accountIndex: number): IdRenamer {
  const code = accountIndex.toString(16).padStart(3, '0');
  const renamed = new Map(ids.map((id) => [id, renameId(id, code)]));
  if (new Set(renamed.values()).size !== renamed.size)
    throw new Error(`bench: renaming the recorded ids for account ${accountIndex} made two of them one`);
  // Longest first, so an id that contains another (an ARN part) is replaced whole.
  const pattern = new RegExp(
    [...renamed.keys()]
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join('|'),
    'g',
  );
  return <T>(value: T): T =>
    renamed.size === 0 ? value : (JSON.parse(JSON.stringify(value).replace(pattern, (id) => renamed.get(id)!)) as T);
}

function renameId(id: string, code: string): string {
  // The suffix: EC2's 17 hex digits; after a `dxcon-` style prefix; a gateway or association UUID whole.
  const suffix = /-[0-9a-f]{17}$/.test(id) ? id.length - 17 : /^dx[a-z]*-/.test(id) ? id.indexOf('-') + 1 : 0;
  const start = suffix + 3;
  return `${id.slice(0, start)}${code}${id.slice(start + code.length)}`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

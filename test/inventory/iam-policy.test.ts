/**
 * The shipped IAM policy (iam/mq-audit-readonly.json) allows exactly the AWS actions the collectors can send, and
 * those are read-only. The actions are found in the source, not listed here: every `XCommand` and `paginateX` that a
 * file under src/inventory/ imports (statically or dynamically) from @aws-sdk/client-*.
 * Adding a command without its action (or leaving a stale action behind) fails this test.
 */
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join, relative} from 'node:path';

import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const INVENTORY = join(ROOT, 'src', 'inventory');
const POLICY = join(ROOT, 'iam', 'mq-audit-readonly.json');
/**
 * The scanning principal's policy for multi-account scans (docs/scale.md): it lists the organization's accounts
 * and assumes the audit role in each; the audit role itself (POLICY) needs neither.
 */
const MANAGEMENT_POLICY = join(ROOT, 'iam', 'mq-audit-management.json');
const CROSS_ACCOUNT_ACTIONS = ['organizations:ListAccounts', 'sts:AssumeRole'];

/** IAM service prefix of each SDK client package. */
const SERVICE_PREFIX: Record<string, string> = {
  '@aws-sdk/client-direct-connect': 'directconnect',
  '@aws-sdk/client-ec2': 'ec2',
  '@aws-sdk/client-mq': 'mq',
  '@aws-sdk/client-organizations': 'organizations',
  '@aws-sdk/client-sts': 'sts',
};

const READ_ONLY_VERB = /^(Describe|List|Get)[A-Z]/;

/**
 * Actions that are not Describe/List/Get and why they are still allowed. Keep this list short and justified:
 *   - ec2:SearchTransitGatewayRoutes is the only API that returns a transit gateway route table's routes (the
 *     alternative, ExportTransitGatewayRoutes, writes to S3); it reads only (IAM access level "List").
 *   - sts:AssumeRole obtains the audit role's credentials in each scanned account; it reads and changes nothing.
 */
const NON_VERB_READ_ONLY = new Set(['ec2:SearchTransitGatewayRoutes', 'sts:AssumeRole']);

interface Usage {
  action: string;
  file: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * The @aws-sdk commands and paginators one file imports, as IAM actions: static named imports (not type-only),
 * `const {…} = await import('@aws-sdk/…')` and `(await import('@aws-sdk/…')).XCommand`. The imported name counts
 * (an `as` rename does not hide it). Throws on an SDK package without a known IAM prefix.
 */
export function actionsIn(file: string, text: string): Usage[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const imported: {name: string; module: string}[] = [];

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      if (clause && clause.phaseModifier !== ts.SyntaxKind.TypeKeyword && named && ts.isNamedImports(named)) {
        for (const element of named.elements) {
          if (!element.isTypeOnly)
            imported.push({name: (element.propertyName ?? element.name).text, module: node.moduleSpecifier.text});
        }
      }
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteral(argument)) {
        let holder: ts.Node = node.parent;
        while (ts.isAwaitExpression(holder) || ts.isParenthesizedExpression(holder)) holder = holder.parent;
        if (ts.isVariableDeclaration(holder) && ts.isObjectBindingPattern(holder.name)) {
          for (const element of holder.name.elements) {
            const name = element.propertyName ?? element.name;
            if (ts.isIdentifier(name)) imported.push({name: name.text, module: argument.text});
          }
        }
        if (ts.isPropertyAccessExpression(holder)) imported.push({name: holder.name.text, module: argument.text});
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  return imported
    .filter(
      ({name, module}) =>
        module.startsWith('@aws-sdk/') && (/^[A-Z]\w*Command$/.test(name) || /^paginate[A-Z]/.test(name)),
    )
    .map(({name, module}) => {
      const prefix = SERVICE_PREFIX[module];
      if (!prefix) throw new Error(`${file}: ${name} comes from ${module}, which has no IAM prefix in this test`);
      const operation = name.startsWith('paginate') ? name.slice('paginate'.length) : name.replace(/Command$/, '');
      return {action: `${prefix}:${operation}`, file};
    });
}

function codeActions(): Map<string, string[]> {
  const byAction = new Map<string, string[]>();
  for (const file of sourceFiles(INVENTORY)) {
    for (const usage of actionsIn(file, readFileSync(file, 'utf8'))) {
      byAction.set(usage.action, [...(byAction.get(usage.action) ?? []), relative(ROOT, usage.file)]);
    }
  }
  return byAction;
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
}

function policyActions(file = POLICY): string[] {
  const policy = JSON.parse(readFileSync(file, 'utf8')) as {Statement: Statement[]};
  return policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) =>
    Array.isArray(s.Action) ? s.Action : [s.Action],
  );
}

describe('iam/mq-audit-readonly.json', () => {
  const used = codeActions();

  it('finds the commands the collectors send (the scan itself works)', () => {
    // A few that must be there whatever else changes: MQ, the network collectors, Direct Connect.
    expect([...used.keys()]).toEqual(
      expect.arrayContaining([
        'mq:ListBrokers',
        'mq:DescribeBroker',
        'ec2:DescribeRouteTables',
        'ec2:SearchTransitGatewayRoutes',
        'directconnect:DescribeVirtualInterfaces',
        'directconnect:DescribeDirectConnectGatewayAssociations',
      ]),
    );
  });

  it('allows exactly the actions the code can send (with iam/mq-audit-management.json)', () => {
    const allowed = [...policyActions(), ...policyActions(MANAGEMENT_POLICY)];
    const missing = [...used.keys()]
      .filter((action) => !allowed.includes(action))
      .map((action) => `${action} (used in ${used.get(action)?.join(', ')})`);
    const unused = allowed.filter((action) => !used.has(action));

    expect(missing).toEqual([]);
    expect(unused).toEqual([]);
    expect(new Set(allowed).size).toBe(allowed.length);
  });

  it('leaves the cross-account actions to the scanning principal’s policy, which holds nothing else', () => {
    expect(policyActions().filter((action) => CROSS_ACCOUNT_ACTIONS.includes(action))).toEqual([]);
    expect(policyActions(MANAGEMENT_POLICY).sort()).toEqual(CROSS_ACCOUNT_ACTIONS);
  });

  it('allows no wildcard action', () => {
    expect(policyActions().filter((action) => action.includes('*'))).toEqual([]);
  });

  it('allows only read-only actions (Describe/List/Get, plus the justified exceptions)', () => {
    const notReadOnly = policyActions().filter(
      (action) => !READ_ONLY_VERB.test(action.split(':')[1] ?? '') && !NON_VERB_READ_ONLY.has(action),
    );
    expect(notReadOnly).toEqual([]);
  });
});

describe('actionsIn (the scanner this test relies on)', () => {
  it('resolves static, renamed, dynamic and property-access imports, and ignores type-only ones', () => {
    const text = `
      import {DescribeVpcsCommand, paginateDescribeSubnets as subnets} from '@aws-sdk/client-ec2';
      import type {DeleteVpcCommand} from '@aws-sdk/client-ec2';
      import {type CreateVpcCommand, DescribeRegionsCommand} from '@aws-sdk/client-ec2';
      import type {Vpc} from '@aws-sdk/client-ec2';
      import {LocalCommand} from './local';
      async function f() {
        const {paginateListAccounts: listAccounts} = await import('@aws-sdk/client-organizations');
        const sts = new (await import('@aws-sdk/client-sts')).GetCallerIdentityCommand({});
      }`;

    const actions = actionsIn('example.ts', text)
      .map((u) => u.action)
      .sort();

    expect(actions).toEqual([
      'ec2:DescribeRegions',
      'ec2:DescribeSubnets',
      'ec2:DescribeVpcs',
      'organizations:ListAccounts',
      'sts:GetCallerIdentity',
    ]);
  });

  it('fails on a command from an SDK package it has no IAM prefix for', () => {
    const text = `import {ListQueuesCommand} from '@aws-sdk/client-sqs'; new ListQueuesCommand({});`;
    expect(() => actionsIn('example.ts', text)).toThrow(/client-sqs/);
  });
});

/**
 * Infrastructure-as-code anchoring: where in the repository a deployed resource is defined.
 *
 * The index is built from CloudFormation templates (YAML, JSON, CDK's synthesized templates) and Terraform files,
 * parsed with real parsers that keep source positions. Matching a deployed resource to a definition is done on
 * evidence (CloudFormation's stack tags, literal names, Name tags, Terraform resource names), and every anchor says
 * which evidence it rests on. Nothing here talks to AWS.
 */

/**
 * What a definition is, in the network model's terms (HopKind where one exists). `auxiliary` covers the glue
 * resources of the indexed families (route table and TGW associations, propagations, gateway attachments,
 * Direct Connect associations …): indexed so hops can point at them, never the answer to a `locate`.
 */
export type IacResourceKind =
  | 'auxiliary'
  | 'broker'
  | 'customer-gateway'
  | 'dx-connection'
  | 'dx-gateway'
  | 'internet-gateway'
  | 'nat-gateway'
  | 'network-acl'
  | 'network-acl-entry'
  | 'route'
  | 'route-table'
  | 'security-group'
  | 'security-group-rule'
  | 'subnet'
  | 'tgw-attachment'
  | 'tgw-route'
  | 'tgw-route-table'
  | 'transit-gateway'
  | 'virtual-interface'
  | 'vpc-peering-connection'
  | 'vpn-connection'
  | 'vpn-gateway';

/** Kinds a deployed resource can be located by. */
export type LocatableKind = Exclude<IacResourceKind, 'auxiliary'>;

export type IacFormat = 'cloudformation-json' | 'cloudformation-yaml' | 'terraform';

/** A literal string value and the line it is on. Absent when the value is computed (!Sub, var.x, "${…}"). */
export interface LiteralValue {
  value: string;
  line: number;
}

/** One resource definition: a CloudFormation resource or a Terraform `resource` block. */
export interface IacDefinition {
  kind: IacResourceKind;
  format: IacFormat;
  /** `AWS::AmazonMQ::Broker` or `aws_mq_broker`. */
  type: string;
  /** Repository-relative path with forward slashes. */
  file: string;
  /** CloudFormation: the logical id. Terraform: `type.name` (relative to its module). */
  address: string;
  /** CloudFormation: the logical id. Terraform: the resource name label. */
  localName: string;
  /** First and last line of the definition (1-based, inclusive). */
  startLine: number;
  endLine: number;
  /**
   * Line of each property, keyed by its path as written: `PubliclyAccessible`, `Logs.Audit`, `Tags.Name` (a tag
   * key) for CloudFormation; `publicly_accessible`, `logs.audit`, `tags.Name` for Terraform. Repeated blocks keep
   * their first line.
   */
  properties: Record<string, number>;
  /** The resource's own name when it is a literal: BrokerName / broker_name, GroupName / name, … */
  name?: LiteralValue;
  /** The literal value of the `Name` tag. */
  nameTag?: LiteralValue;
  /** Terraform: the block has `count` or `for_each`, so it defines several deployed resources. */
  repeated?: boolean;
  /** CloudFormation: the stacks the template is known to be deployed as, and what says so. */
  stacks?: StackName[];
  /** CDK: `Metadata.aws:cdk:path` of the resource, which names the construct in the CDK app. */
  cdkPath?: string;
  /** CDK: the account and region the manifest deploys the template to, when they are concrete. */
  environment?: {account?: string; region?: string};
}

export interface StackName {
  name: string;
  /** `file-name`: the template is named after the stack; `cdk-manifest`: cdk.out/manifest.json; `stacks-option`: the caller's mapping. */
  source: 'cdk-manifest' | 'file-name' | 'stacks-option';
}

export type ProblemSeverity = 'warning';

/** A file that could not be read or parsed: reported, never fatal. */
export interface IacProblem {
  severity: ProblemSeverity;
  /** Repository-relative path (or the path as given when it is outside the repository). */
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export interface IacIndex {
  /** Absolute path of the repository root the file paths are relative to. */
  repoRoot: string;
  /** Files indexed (templates and Terraform files that parsed), repository-relative, sorted. */
  files: string[];
  definitions: IacDefinition[];
}

export interface IacIndexResult {
  index: IacIndex;
  problems: IacProblem[];
}

export interface BuildIacIndexOptions {
  /**
   * Stack name → template file (repository-relative or absolute) for templates whose file name is not the
   * stack name. Adds to what file names and CDK manifests say.
   */
  stacks?: Record<string, string>;
  /** Files larger than this are skipped with a warning (default 4 MiB; CloudFormation's own limit is 1 MB). */
  maxFileBytes?: number;
  /** What the whole index may spend (default DEFAULT_IAC_BUDGET): past it, the rest is skipped with one warning. */
  budget?: {bytes?: number; milliseconds?: number};
}

/** What a deployed resource is known by. Field names follow the snapshot and the network model. */
export interface DeployedResource {
  type: LocatableKind;
  arn?: string;
  id: string;
  /** The resource's name (broker name, group name) or, for resources without one, its Name tag. */
  name?: string;
  tags?: Record<string, string>;
}

export type EvidenceKind =
  'cloudformation-logical-id' | 'cloudformation-stack' | 'name' | 'name-tag' | 'terraform-resource-name';

/** How much an anchor can be trusted: strong evidence identifies the definition on its own. */
export type EvidenceStrength = 'medium' | 'strong' | 'weak';

export interface Evidence {
  kind: EvidenceKind;
  strength: EvidenceStrength;
  /** One sentence: what matched what. */
  detail: string;
}

export interface PropertyAnchor {
  /** The property asked for (a broker document path such as `logs.audit`, or an IaC property name). */
  requested: string;
  /** `exact`: the property is written in the definition; `ancestor`: only its parent is (e.g. `Logs` for
   * `logs.audit`); `absent`: the definition does not set it (it takes the service default). */
  match: 'absent' | 'ancestor' | 'exact';
  /** The IaC path found, when one was. */
  path?: string;
  line?: number;
}

export interface Anchor {
  /** Repository-relative URI (forward slashes, percent-encoded), fit for SARIF artifactLocation.uri. */
  uri: string;
  /** The same path, not encoded. */
  file: string;
  startLine: number;
  endLine: number;
  /** Line of the property asked for, when it (or its parent) is written in the definition. */
  propertyLine?: number;
  property?: PropertyAnchor;
  definition: {format: IacFormat; type: string; address: string};
  evidence: Evidence[];
}

export interface CandidateSummary {
  file: string;
  address: string;
  startLine: number;
  evidence: Evidence[];
}

export type MatchResult =
  | {status: 'ambiguous'; reason: string; candidates: CandidateSummary[]}
  | {status: 'anchored'; anchor: Anchor}
  | {status: 'unmatched'; reason: string};

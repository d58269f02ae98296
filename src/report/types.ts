/**
 * The scan report: everything a formatter needs. Formatters are pure functions of a ScanReport. The `--format json`
 * document is this report with its network hops listed once (src/report/json.ts), a public API (docs/report.md).
 */
import type {IacProblem, MatchResult} from '../iac/types';
import type {BreakPoint, Independence, NetworkPath, PathHop, RequiredPorts, Verdict} from '../network/facts';
import type {AbsentFinding, BaselineCounts, BaselineState} from '../policy/baseline';
import type {AppliedSuppression, SuppressionStatus} from '../policy/suppressions';
import type {Evaluation, FailOn, Policy, Severity, Status} from '../policy/types';
import type {CollectionError} from '../snapshot/types';
import type {HtmlDiagrams} from './html';

export const REPORT_KIND = 'mq-audit/report';
/**
 * 3: brokers listed once with their tags in `brokers`, results name them without tags. 2: network hops listed once
 * in `hops`, flows name them by index. 1: hops inline in every flow. (Shapes of the JSON text: src/report/json.ts.)
 */
export const REPORT_VERSION = 3;

/** A policy's metadata as reported (its logic stays in the policy file). */
export type ReportedPolicy = Omit<Policy, 'appliesTo' | 'assert' | 'messages' | 'requires'> & {
  source: string;
  builtIn: boolean;
  parameterValues: Record<string, unknown>;
};

export interface ReportSummary {
  brokers: number;
  evaluations: number;
  byStatus: Record<Status, number>;
  /** Failing results per severity. */
  failingBySeverity: Record<Severity, number>;
  collectionErrors: number;
  /** Failing results a suppression accepted (counted in byStatus.fail and failingBySeverity too). */
  suppressed?: number;
}

export interface GateDecision {
  failOn: FailOn;
  exitCode: number;
  /** One sentence saying why the exit code is what it is. */
  reason: string;
}

export interface ScanReport {
  kind: typeof REPORT_KIND;
  reportVersion: typeof REPORT_VERSION;
  tool: {name: string; version: string};
  generatedAt: string;
  inventory: {
    collectedAt: string;
    method: 'fixture' | 'live';
    /** Account/region pairs that were inventoried. */
    scopes: {accountId: string; region: string}[];
    source?: string;
    /** --shard I/N: the report covers only this shard's accounts; `report merge` checks all N are merged. */
    shard?: {index: number; count: number};
  };
  policies: ReportedPolicy[];
  results: ReportedEvaluation[];
  collectionErrors: CollectionError[];
  summary: ReportSummary;
  gate: GateDecision;
  /**
   * How the path model judged the network: `independence` is the rule that decided which paths are independent
   * (config network.independence: `location`, the default, or `connection`). Absent in reports of earlier versions.
   */
  network?: {independence: Independence};
  /** The suppressions file applied, and what became of each entry (docs/suppressions-and-baselines.md). */
  suppressions?: {file: string; entries: SuppressionStatus[]};
  /** The baseline compared against: counts, and the findings failing then but not now. */
  baseline?: {file: string; generatedAt: string; counts: BaselineCounts; absent: AbsentFinding[]};
  /** Present when account ids were replaced with aliases (--redact). */
  redaction?: {accountAliases: 'keyed' | 'unkeyed'; scheme: string};
  /** Things the reader should act on that are not findings: expired or stale suppressions, a disjoint baseline. */
  warnings?: ReportWarning[];
  /** `scan --iac`: which template definition each broker matched, and on what evidence. */
  iac?: IacReport;
  /** `scan --plan/--template`: the proposed change, and what it does to the findings. */
  change?: ChangeReport;
}

export interface IacReport {
  /** The repository root, relative to where the scan ran. */
  root: string;
  definitions: number;
  /** Files that could not be parsed (warnings: they never change the exit code). */
  problems: IacProblem[];
  brokers: ({arn: string; name: string} & MatchResult)[];
}

/** The code of the warning for an estate with no broker (report merge keeps it only when every input has it). */
export const NO_BROKERS_WARNING = 'no-brokers';

export interface ReportWarning {
  code: string;
  message: string;
  /** The file it is about, and the JSON pointer in it. */
  source?: string;
  place?: string;
}

/**
 * The hops a failing network finding is about (a policy that reads the broker document's `network`), chosen by
 * where its assertion failed (src/report/paths.ts findingNetwork). SARIF lists them as a code flow and related
 * locations.
 */
export interface FindingNetwork {
  /**
   * broken-path: where each failing on-premises network breaks; healthy-path: the best healthy path of each
   * network without redundancy; internet-ingress: the security group rules admitting the internet.
   */
  focus: 'broken-path' | 'healthy-path' | 'internet-ingress';
  /** On-premises findings: the ports the paths were judged on, and whether all or any must pass (docs/network.md). */
  requiredPorts?: RequiredPorts;
  flows: FindingNetworkFlow[];
}

export interface FindingNetworkFlow {
  /** The on-premises network (CIDR), `on-premises` when there is none, or `internet`. */
  from: string;
  verdict?: Verdict;
  subnetId?: string;
  via?: NetworkPath['via'];
  linkId?: string;
  breakPoint?: BreakPoint;
  /** On-premises (or internet) side first, broker last. */
  hops: PathHop[];
}

/**
 * An evaluation as reported: failing network findings carry the hops they are about; every result its
 * fingerprint (src/report/fingerprint.ts); a failing one what a suppression or the baseline made of it.
 */
export type ReportedEvaluation = Evaluation & {
  network?: FindingNetwork;
  fingerprint?: string;
  /** Set on a failing result an active suppression accepted: it does not fail the gate and is not in SARIF. */
  suppression?: AppliedSuppression;
  /** With --baseline, on failing results: `unchanged` ones were failing in the baseline and do not fail the gate. */
  baseline?: BaselineState;
  /**
   * scan --plan/--template: what the proposed change does to this finding. `introduced`: fails on the proposed
   * estate and did not fail (or did not exist) on the deployed one; `unchanged`: fails on both; `resolved`: failed
   * on the deployed one and passes on the proposed one. Absent on results the change does not affect either way.
   */
  change?: ChangeState;
  /** For an introduced finding: the planned edit behind it, and where that edit is written. */
  cause?: ChangeCause;
};

export type ChangeState = 'introduced' | 'resolved' | 'unchanged';

export interface ChangeCause {
  /** The IaC address of the edit: `aws_route.onprem`, `orders-stack/OrdersBroker`. */
  address: string;
  resourceType: string;
  action: string;
  /** One sentence: `route 10.200.0.0/16 → vgw-0a1b deleted by aws_route.onprem (network.tf)`. */
  text: string;
  /** The file and line of the edit, when the repository holds it. */
  location?: SourceLocation;
}

/** scan --plan/--template: the proposed change and what it does (docs/change.md). */
export interface ChangeReport {
  /** `changes`: only introduced failing findings fail the gate; `all`: every failing finding, as without a change. */
  gate: 'all' | 'changes';
  inputs: {file: string; format: string; description: string}[];
  /** Whether a deployed estate was there to apply the change to (a fork's pull request may have none). */
  deployed: {source: string; brokers: number} | null;
  /** Resource changes by action, then by IaC resource type. */
  resources: Record<'created' | 'deleted' | 'replaced' | 'updated', Record<string, number>>;
  findings: Record<ChangeState, Record<Severity, number>>;
  /**
   * Checks the change leaves unevaluable (errors on the proposed estate that were not errors on the deployed one):
   * with `gate: changes`, only these make the scan incomplete. Kept so that `report merge` decides the same gate.
   */
  introducedErrors: number;
  /** Findings resolved because their broker is deleted (they have no result on the proposed estate). */
  resolvedByDeletion: {policyId: string; severity: Severity; broker: string; arn: string; fingerprint: string}[];
  /** Brokers whose on-premises verdict the change moves. */
  /** `key`: account|region|broker name (a replaced broker keeps its name, not its ARN). */
  verdicts: {broker: string; key: string; before: Verdict | null; after: Verdict | null; diagram?: string}[];
  /** Values known only after apply, and resources the path model does not follow. */
  unknowns: {address: string; pointer?: string; reason: string}[];
  /** Every edit: what it is and what became of it in the proposed estate. */
  edits: {
    address: string;
    resourceType: string;
    action: string;
    outcome: string;
    note?: string;
    file?: string;
    line?: number;
  }[];
  warnings: {file: string; place?: string; message: string}[];
}

/** Display filters of the table (`--severity`, `--status`, `--broker`). */
export interface ShowFilter {
  /** Findings at or above this severity. */
  severity?: Severity;
  /** Results with these statuses; `suppressed` for failing results a suppression accepted. */
  statuses?: ('error' | 'fail' | 'not_applicable' | 'pass' | 'suppressed')[];
  /** Broker names or globs (`*`, `?`). */
  brokers?: string[];
}

/** A resource a SARIF location is wanted for: the broker, or a hop of a network path. */
export interface LocatableResource {
  /** `broker`, or a path hop kind (route-table, security-group, vpn-tunnel …). */
  kind: string;
  /** CloudFormation-style type (AWS::AmazonMQ::Broker, AWS::EC2::RouteTable …). */
  resourceType: string;
  id: string;
  arn?: string;
  name?: string;
  accountId?: string;
  region?: string;
  tags?: Record<string, string>;
}

/** A place in a file of the repository (1-based lines). */
export interface SourceLocation {
  uri: string;
  startLine: number;
  endLine?: number;
}

/**
 * Where a resource is defined (an IaC file and line range), or undefined to keep the stable pseudo-path.
 * `property`: the broker-document path the finding is about (e.g. `publiclyAccessible`), when one is known, so
 * a locator can pin the line that sets it.
 */
export type Locator = (resource: LocatableResource, property?: string) => SourceLocation | undefined;

export interface RenderOptions {
  /** HTML: each broker's network paths, laid out (src/services/diagrams.ts); absent when there is no snapshot (report merge). */
  diagrams?: HtmlDiagrams;
  /** SARIF: where resources are defined; default: the pseudo-path `aws/<account>/<region>/<service>/<type>/<id>`. */
  locate?: Locator;
  /** SARIF `automationDetails.id` prefix: the code-scanning category. */
  category?: string;
  /** Terminal colours for the table. */
  color?: boolean;
  /** The table's width in columns (the terminal's); default 100. */
  width?: number;
  /** The table with every finding's whole message under its broker (today's detail), not the compact view. */
  verbose?: boolean;
  /** The table shows only these results; the gate, the counts and every other format are unchanged. */
  show?: ShowFilter;
  /**
   * SARIF: network paths (code flows, related locations and the links to them) for only the first this many
   * results, most severe first; the rest say where their path breaks in plain text. At most GitHub's
   * `resultsKept` either way. Set by src/cli/report-output.ts to stay under GitHub's size limit.
   */
  pathsFor?: number;
}

/** Policy files, evaluation results and the gate. The format is specified in docs/policies.md. */
import type {EngineType} from '../snapshot/types';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = ['pass', 'fail', 'not_applicable', 'error'] as const;
export type Status = (typeof STATUSES)[number];

/** A JSON Schema (draft 2020-12 as compiled by ajv) used as an assertion over the broker document. */
export type JsonSchema = boolean | Record<string, unknown>;

export interface PolicyParameter {
  description: string;
  default: unknown;
  /** Validates overrides from the config file. */
  schema?: Record<string, unknown>;
}

/** Framework mappings; keys are fixed so reports can group by them. */
export interface PolicyControls {
  awsConfig?: string[];
  securityHub?: string[];
  controlTower?: string[];
  nist80053?: string[];
  pciDss?: string[];
}

export interface Policy {
  /** Equal to the file's path below its policy root, without `.json` (e.g. `mq/production-ha`). */
  id: string;
  title: string;
  severity: Severity;
  description: string;
  rationale: string;
  remediation: string;
  helpUri: string;
  controls: PolicyControls;
  /** Checks in other scanners covering the same ground (documentation only). */
  equivalents?: Partial<Record<'checkov' | 'cloudsploit' | 'kics' | 'prowler' | 'steampipe' | 'trivy', string[]>>;
  tags?: string[];
  precision?: 'high' | 'low' | 'medium' | 'very-high';
  /** Engines the policy is about; brokers of other engines are `not_applicable`. */
  engines?: EngineType[];
  parameters?: Record<string, PolicyParameter>;
  /** Which brokers the policy is about; brokers that do not match are `not_applicable`. */
  appliesTo?: JsonSchema;
  /** JSON pointers into the broker document the assertion needs; a null or missing one makes the result `error`. */
  requires?: string[];
  /** What a compliant broker looks like. */
  assert: JsonSchema;
  /** Optional message templates; `{{path.in.document}}` is replaced with the value found there. */
  messages?: {fail?: string; pass?: string};
  /** Test cases (`mq-audit policies test`); more may sit beside the file, in `<name>.test.json`. */
  tests?: PolicyTestCase[];
}

/** One test case of a policy (schemas/policy-test.schema.json, docs/policies.md#testing-a-policy). */
export interface PolicyTestCase {
  name: string;
  /** A broker of the fixture estate (by name) the document is merged over; without it the document is whole. */
  base?: string;
  /** A broker document, or with `base` the part of one that differs from the base broker's. */
  document: Record<string, unknown>;
  expect: Status;
  /** Text the result's message must contain. */
  message?: string;
  $comment?: string;
}

/** A policy as loaded: where it came from, with parameters resolved. */
export interface LoadedPolicy extends Policy {
  source: string;
  builtIn: boolean;
  parameterValues: Record<string, unknown>;
}

/** One reason an assertion failed: where in the broker document, what was found, what was expected. */
export interface Explanation {
  path: string;
  found: unknown;
  expected: string;
}

export interface ResourceRef {
  arn: string;
  id: string;
  name: string;
  accountId: string;
  region: string;
  engineType: EngineType;
  tags?: Record<string, string>;
}

export interface Evaluation {
  policyId: string;
  status: Status;
  severity: Severity;
  resource: ResourceRef;
  /** One sentence naming the broker and the exact reason. */
  message: string;
  /** The reason alone: the message without the broker, the policy id and title. Absent on a plain pass. */
  reason?: string;
  explanations?: Explanation[];
}

export type FailOn = Severity | 'none';
export const FAIL_ON_VALUES: readonly FailOn[] = [...SEVERITIES, 'none'];

/** Exit codes: the contract CI relies on (README "Exit codes"). */
export const EXIT = {ok: 0, gateFailed: 1, badInput: 2, incomplete: 3} as const;

/**
 * What names mean in one template: parameters, pseudo parameters, conditions, mappings and resources (their
 * physical ids, placeholders, and the attributes that can be known before deploy). Records which resource refers
 * to which, so circular references are found the way CloudFormation refuses them.
 */
import {partitionOfRegion} from '../../network/arn';
import {placeholderId} from '../../change/types';
import {InputError} from '../../foundation/errors';
import {attributeValue} from './attributes';
import {MAX_EVALUATION_STEPS, evaluate, evaluateCondition, isTemplateMap} from './intrinsics';
import type {Scope} from './intrinsics';
import type {LoadedResource, LoadedTemplate, TemplateValue} from './load';
import type {ResolvedParameters} from './parameters';
import {childPointer, placeOf} from './places';
import {NO_VALUE, Unknown, shown} from './values';
import type {Result, Value} from './values';

export interface ScopeOptions {
  stackName?: string;
  region?: string;
  accountId?: string;
  partition?: string;
  deployed?: (logicalId: string) => {id: string; arn?: string} | undefined;
}

export interface Reference {
  to: string;
  pointer: string;
}

export class TemplateScope implements Scope {
  readonly file: string;
  readonly lines: ReadonlyMap<string, number>;
  readonly resources: ReadonlyMap<string, LoadedResource>;
  /** Per resource, the resources its evaluated properties refer to (with where). */
  readonly references = new Map<string, Reference[]>();
  private readonly conditions = new Map<string, boolean | Unknown>();
  private readonly conditionsInProgress: string[] = [];
  private readonly attributesInProgress = new Set<string>();
  private steps = 0;
  /** The resource whose properties are being evaluated (references are recorded against it). */
  private current: string | undefined;
  private inConditions = 0;
  private readonly transformed: boolean;

  constructor(
    readonly template: LoadedTemplate,
    private readonly parameters: ResolvedParameters,
    readonly options: ScopeOptions,
  ) {
    this.file = template.file;
    this.lines = template.lines;
    this.resources = new Map(template.resources.map((r) => [r.logicalId, r]));
    // Transforms (SAM, macros) add resources at deploy: references to them are unknown, not errors.
    this.transformed = template.root.Transform !== undefined;
  }

  step(pointer: string): void {
    if (++this.steps > MAX_EVALUATION_STEPS)
      throw new InputError(
        this.file,
        `evaluating the template takes more than ${MAX_EVALUATION_STEPS} steps`,
        placeOf(pointer, this.lines),
      );
  }

  /** The address of a resource in edits and placeholders: `stack/LogicalId`, or the logical id alone. */
  address(logicalId: string): string {
    return this.options.stackName ? `${this.options.stackName}/${logicalId}` : logicalId;
  }

  /** The deployed physical id, or the placeholder of a resource this change creates. */
  physicalId(logicalId: string): string {
    return this.options.deployed?.(logicalId)?.id ?? placeholderId(this.address(logicalId));
  }

  /** Runs `evaluate` for one resource, recording its references. */
  within<T>(logicalId: string, run: () => T): T {
    const previous = this.current;
    this.current = logicalId;
    try {
      return run();
    } finally {
      this.current = previous;
    }
  }

  evaluateAt(value: TemplateValue, pointer: string): Result {
    return evaluate(value, pointer, this);
  }

  ref(name: string, pointer: string): Result {
    if (name.startsWith('AWS::')) return this.pseudo(name, pointer);
    const parameter = this.parameters.values.get(name);
    // An unknown parameter is named where it is used, the place a reader of the reason looks at.
    if (parameter instanceof Unknown) return new Unknown(parameter.reason, pointer);
    if (parameter !== undefined) return parameter;
    this.resourceReferenced(name, pointer, 'Ref');
    if (!this.resources.has(name))
      return new Unknown(`unknown until deploy: ${name}, a resource the template's Transform generates`, pointer);
    return this.physicalId(name);
  }

  getAtt(logicalId: string, attribute: string, pointer: string): Value {
    this.resourceReferenced(logicalId, pointer, 'Fn::GetAtt');
    const resource = this.resources.get(logicalId);
    if (resource === undefined)
      return new Unknown(
        `unknown until deploy: ${logicalId}.${attribute}, of a resource the template's Transform generates`,
        pointer,
      );
    const key = `${logicalId}.${attribute}`;
    if (this.attributesInProgress.has(key))
      throw new InputError(
        this.file,
        `circular reference: Fn::GetAtt ${key} depends on itself`,
        placeOf(pointer, this.lines),
      );
    this.attributesInProgress.add(key);
    try {
      return attributeValue(resource, attribute, pointer, this);
    } finally {
      this.attributesInProgress.delete(key);
    }
  }

  condition(name: string, pointer: string): boolean | Unknown {
    const known = this.conditions.get(name);
    if (known !== undefined) return known;
    const conditions = isTemplateMap(this.template.root.Conditions) ? this.template.root.Conditions : {};
    if (!Object.prototype.hasOwnProperty.call(conditions, name)) {
      throw new InputError(
        this.file,
        `unknown condition ${name}: the template's Conditions do not define it`,
        placeOf(pointer, this.lines),
      );
    }

    if (this.conditionsInProgress.includes(name)) {
      const cycle = [...this.conditionsInProgress.slice(this.conditionsInProgress.indexOf(name)), name].join(' → ');
      throw new InputError(this.file, `circular condition: ${cycle}`, placeOf(pointer, this.lines));
    }

    this.conditionsInProgress.push(name);
    this.inConditions++;
    try {
      const value = evaluateCondition(conditions[name], childPointer('/Conditions', name), this);
      this.conditions.set(name, value);
      return value;
    } finally {
      this.inConditions--;
      this.conditionsInProgress.pop();
    }
  }

  mapping(name: string): TemplateValue | undefined {
    const mappings = this.template.root.Mappings;
    return isTemplateMap(mappings) ? mappings[name] : undefined;
  }

  /** Whether the resource is part of the stack: its `Condition` holds (unknown when the condition is). */
  present(resource: LoadedResource): boolean | Unknown {
    const condition = resource.body.Condition;
    if (condition === undefined) return true;
    const pointer = childPointer(childPointer('/Resources', resource.logicalId), 'Condition');
    if (typeof condition !== 'string')
      throw new InputError(this.file, 'a resource Condition must name a condition', placeOf(pointer, this.lines));
    return this.condition(condition, pointer);
  }

  private pseudo(name: string, pointer: string): Result {
    const {region, accountId, stackName} = this.options;
    const partition = this.options.partition ?? partitionOf(region);
    const notGiven = (what: string): Unknown => new Unknown(`not given: ${name} (${what})`, pointer);
    switch (name) {
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::Region':
        return region ?? notGiven("the stack's region");
      case 'AWS::AccountId':
        return accountId ?? notGiven("the stack's account id");
      case 'AWS::Partition':
        return partition ?? notGiven("the stack's partition");
      case 'AWS::URLSuffix':
        return partition === undefined
          ? notGiven('the partition decides it')
          : partition === 'aws-cn'
            ? 'amazonaws.com.cn'
            : 'amazonaws.com';
      case 'AWS::StackName':
        return stackName ?? notGiven('the stack name: give --stack-name');
      case 'AWS::StackId':
        return new Unknown('unknown until deploy: AWS::StackId', pointer);
      case 'AWS::NotificationARNs':
        return new Unknown('unknown until deploy: AWS::NotificationARNs', pointer);
      default:
        throw new InputError(this.file, `unknown pseudo parameter ${name}`, placeOf(pointer, this.lines));
    }
  }

  private resourceReferenced(logicalId: string, pointer: string, how: string): void {
    if (this.inConditions > 0)
      throw new InputError(
        this.file,
        `${how} ${logicalId} in a condition: conditions can refer to parameters and mappings only`,
        placeOf(pointer, this.lines),
      );
    const resource = this.resources.get(logicalId);
    if (resource === undefined) {
      if (this.transformed) return;
      throw new InputError(
        this.file,
        `${how} to ${logicalId}: no parameter, resource or pseudo parameter of that name`,
        placeOf(pointer, this.lines),
      );
    }

    const present = this.present(resource);
    if (present === false)
      throw new InputError(
        this.file,
        `${how} to ${logicalId}, which is not created (its Condition ${shown(resource.body.Condition)} is false)`,
        placeOf(pointer, this.lines),
      );
    if (this.current !== undefined) {
      const list = this.references.get(this.current) ?? [];
      list.push({to: logicalId, pointer});
      this.references.set(this.current, list);
    }
  }
}

/** The partition a region belongs to; undefined when no region was given. */
export function partitionOf(region: string | undefined): string | undefined {
  return region === undefined ? undefined : partitionOfRegion(region);
}

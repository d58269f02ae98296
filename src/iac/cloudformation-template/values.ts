/** The values the evaluator produces: JSON-like, plus a value unknown until deploy and the AWS::NoValue marker. */
import {readablePlace} from './places';

/**
 * A value CloudFormation knows only when it deploys (an import, a dynamic reference, an attribute of a new
 * resource) or that this run was not given (the account id). Never a guessed string: readers see this sentinel and
 * record the field as unknown.
 */
export class Unknown {
  constructor(
    /** `unknown until deploy: Fn::ImportValue SharedVpcId` */
    readonly reason: string,
    /** Where the value came from: the intrinsic or reference that made it unknown. */
    readonly pointer: string,
  ) {}

  /** `unknown until deploy: Fn::ImportValue SharedVpcId (Resources/OrdersBroker/Properties/SubnetIds/0)` */
  describe(): string {
    return `${this.reason} (${readablePlace(this.pointer)})`;
  }
}

/** `Ref: AWS::NoValue`: the property (or list element) is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
export type NoValue = typeof NO_VALUE;

export type Value = string | number | boolean | null | Unknown | Value[] | {[key: string]: Value};
export type ValueMap = {[key: string]: Value};
export type Result = Value | NoValue;

export function isUnknown(value: Result | undefined): value is Unknown {
  return value instanceof Unknown;
}

export function isValueMap(value: Value | NoValue | undefined): value is ValueMap {
  return (
    value !== null &&
    value !== undefined &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Unknown)
  );
}

/** The first unknown inside a value (a list or map holding one), if any. */
export function firstUnknown(value: Value): Unknown | undefined {
  if (value instanceof Unknown) return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = firstUnknown(item);
      if (found) return found;
    }
  } else if (isValueMap(value)) {
    for (const item of Object.values(value)) {
      const found = firstUnknown(item);
      if (found) return found;
    }
  }

  return undefined;
}

/** A template value in a message: a scalar as String writes it, a list or a map as JSON (not `[object Object]`). */
export function shown(value: unknown): string {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
}

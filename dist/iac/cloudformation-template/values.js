"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NO_VALUE = exports.Unknown = void 0;
exports.isUnknown = isUnknown;
exports.isValueMap = isValueMap;
exports.firstUnknown = firstUnknown;
exports.shown = shown;
/** The values the evaluator produces: JSON-like, plus a value unknown until deploy and the AWS::NoValue marker. */
const places_1 = require("./places");
/**
 * A value CloudFormation knows only when it deploys (an import, a dynamic reference, an attribute of a new
 * resource) or that this run was not given (the account id). Never a guessed string: readers see this sentinel and
 * record the field as unknown.
 */
class Unknown {
    reason;
    pointer;
    constructor(
    /** `unknown until deploy: Fn::ImportValue SharedVpcId` */
    reason, 
    /** Where the value came from: the intrinsic or reference that made it unknown. */
    pointer) {
        this.reason = reason;
        this.pointer = pointer;
    }
    /** `unknown until deploy: Fn::ImportValue SharedVpcId (Resources/OrdersBroker/Properties/SubnetIds/0)` */
    describe() {
        return `${this.reason} (${(0, places_1.readablePlace)(this.pointer)})`;
    }
}
exports.Unknown = Unknown;
/** `Ref: AWS::NoValue`: the property (or list element) is removed. */
exports.NO_VALUE = Symbol('AWS::NoValue');
function isUnknown(value) {
    return value instanceof Unknown;
}
function isValueMap(value) {
    return (value !== null &&
        value !== undefined &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        !(value instanceof Unknown));
}
/** The first unknown inside a value (a list or map holding one), if any. */
function firstUnknown(value) {
    if (value instanceof Unknown)
        return value;
    if (Array.isArray(value)) {
        for (const item of value) {
            const found = firstUnknown(item);
            if (found)
                return found;
        }
    }
    else if (isValueMap(value)) {
        for (const item of Object.values(value)) {
            const found = firstUnknown(item);
            if (found)
                return found;
        }
    }
    return undefined;
}
/** A template value in a message: a scalar as String writes it, a list or a map as JSON (not `[object Object]`). */
function shown(value) {
    return value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
}

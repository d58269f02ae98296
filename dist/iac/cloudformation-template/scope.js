"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TemplateScope = void 0;
exports.partitionOf = partitionOf;
/**
 * What names mean in one template: parameters, pseudo parameters, conditions, mappings and resources (their
 * physical ids, placeholders, and the attributes that can be known before deploy). Records which resource refers
 * to which, so circular references are found the way CloudFormation refuses them.
 */
const arn_1 = require("../../network/arn");
const types_1 = require("../../change/types");
const errors_1 = require("../../foundation/errors");
const attributes_1 = require("./attributes");
const intrinsics_1 = require("./intrinsics");
const places_1 = require("./places");
const values_1 = require("./values");
class TemplateScope {
    template;
    parameters;
    options;
    file;
    lines;
    resources;
    /** Per resource, the resources its evaluated properties refer to (with where). */
    references = new Map();
    conditions = new Map();
    conditionsInProgress = [];
    attributesInProgress = new Set();
    steps = 0;
    /** The resource whose properties are being evaluated (references are recorded against it). */
    current;
    inConditions = 0;
    transformed;
    constructor(template, parameters, options) {
        this.template = template;
        this.parameters = parameters;
        this.options = options;
        this.file = template.file;
        this.lines = template.lines;
        this.resources = new Map(template.resources.map((r) => [r.logicalId, r]));
        // Transforms (SAM, macros) add resources at deploy: references to them are unknown, not errors.
        this.transformed = template.root.Transform !== undefined;
    }
    step(pointer) {
        if (++this.steps > intrinsics_1.MAX_EVALUATION_STEPS)
            throw new errors_1.InputError(this.file, `evaluating the template takes more than ${intrinsics_1.MAX_EVALUATION_STEPS} steps`, (0, places_1.placeOf)(pointer, this.lines));
    }
    /** The address of a resource in edits and placeholders: `stack/LogicalId`, or the logical id alone. */
    address(logicalId) {
        return this.options.stackName ? `${this.options.stackName}/${logicalId}` : logicalId;
    }
    /** The deployed physical id, or the placeholder of a resource this change creates. */
    physicalId(logicalId) {
        return this.options.deployed?.(logicalId)?.id ?? (0, types_1.placeholderId)(this.address(logicalId));
    }
    /** Runs `evaluate` for one resource, recording its references. */
    within(logicalId, run) {
        const previous = this.current;
        this.current = logicalId;
        try {
            return run();
        }
        finally {
            this.current = previous;
        }
    }
    evaluateAt(value, pointer) {
        return (0, intrinsics_1.evaluate)(value, pointer, this);
    }
    ref(name, pointer) {
        if (name.startsWith('AWS::'))
            return this.pseudo(name, pointer);
        const parameter = this.parameters.values.get(name);
        // An unknown parameter is named where it is used, the place a reader of the reason looks at.
        if (parameter instanceof values_1.Unknown)
            return new values_1.Unknown(parameter.reason, pointer);
        if (parameter !== undefined)
            return parameter;
        this.resourceReferenced(name, pointer, 'Ref');
        if (!this.resources.has(name))
            return new values_1.Unknown(`unknown until deploy: ${name}, a resource the template's Transform generates`, pointer);
        return this.physicalId(name);
    }
    getAtt(logicalId, attribute, pointer) {
        this.resourceReferenced(logicalId, pointer, 'Fn::GetAtt');
        const resource = this.resources.get(logicalId);
        if (resource === undefined)
            return new values_1.Unknown(`unknown until deploy: ${logicalId}.${attribute}, of a resource the template's Transform generates`, pointer);
        const key = `${logicalId}.${attribute}`;
        if (this.attributesInProgress.has(key))
            throw new errors_1.InputError(this.file, `circular reference: Fn::GetAtt ${key} depends on itself`, (0, places_1.placeOf)(pointer, this.lines));
        this.attributesInProgress.add(key);
        try {
            return (0, attributes_1.attributeValue)(resource, attribute, pointer, this);
        }
        finally {
            this.attributesInProgress.delete(key);
        }
    }
    condition(name, pointer) {
        const known = this.conditions.get(name);
        if (known !== undefined)
            return known;
        const conditions = (0, intrinsics_1.isTemplateMap)(this.template.root.Conditions) ? this.template.root.Conditions : {};
        if (!Object.prototype.hasOwnProperty.call(conditions, name)) {
            throw new errors_1.InputError(this.file, `unknown condition ${name}: the template's Conditions do not define it`, (0, places_1.placeOf)(pointer, this.lines));
        }
        if (this.conditionsInProgress.includes(name)) {
            const cycle = [...this.conditionsInProgress.slice(this.conditionsInProgress.indexOf(name)), name].join(' → ');
            throw new errors_1.InputError(this.file, `circular condition: ${cycle}`, (0, places_1.placeOf)(pointer, this.lines));
        }
        this.conditionsInProgress.push(name);
        this.inConditions++;
        try {
            const value = (0, intrinsics_1.evaluateCondition)(conditions[name], (0, places_1.childPointer)('/Conditions', name), this);
            this.conditions.set(name, value);
            return value;
        }
        finally {
            this.inConditions--;
            this.conditionsInProgress.pop();
        }
    }
    mapping(name) {
        const mappings = this.template.root.Mappings;
        return (0, intrinsics_1.isTemplateMap)(mappings) ? mappings[name] : undefined;
    }
    /** Whether the resource is part of the stack: its `Condition` holds (unknown when the condition is). */
    present(resource) {
        const condition = resource.body.Condition;
        if (condition === undefined)
            return true;
        const pointer = (0, places_1.childPointer)((0, places_1.childPointer)('/Resources', resource.logicalId), 'Condition');
        if (typeof condition !== 'string')
            throw new errors_1.InputError(this.file, 'a resource Condition must name a condition', (0, places_1.placeOf)(pointer, this.lines));
        return this.condition(condition, pointer);
    }
    pseudo(name, pointer) {
        const { region, accountId, stackName } = this.options;
        const partition = this.options.partition ?? partitionOf(region);
        const notGiven = (what) => new values_1.Unknown(`not given: ${name} (${what})`, pointer);
        switch (name) {
            case 'AWS::NoValue':
                return values_1.NO_VALUE;
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
                return new values_1.Unknown('unknown until deploy: AWS::StackId', pointer);
            case 'AWS::NotificationARNs':
                return new values_1.Unknown('unknown until deploy: AWS::NotificationARNs', pointer);
            default:
                throw new errors_1.InputError(this.file, `unknown pseudo parameter ${name}`, (0, places_1.placeOf)(pointer, this.lines));
        }
    }
    resourceReferenced(logicalId, pointer, how) {
        if (this.inConditions > 0)
            throw new errors_1.InputError(this.file, `${how} ${logicalId} in a condition: conditions can refer to parameters and mappings only`, (0, places_1.placeOf)(pointer, this.lines));
        const resource = this.resources.get(logicalId);
        if (resource === undefined) {
            if (this.transformed)
                return;
            throw new errors_1.InputError(this.file, `${how} to ${logicalId}: no parameter, resource or pseudo parameter of that name`, (0, places_1.placeOf)(pointer, this.lines));
        }
        const present = this.present(resource);
        if (present === false)
            throw new errors_1.InputError(this.file, `${how} to ${logicalId}, which is not created (its Condition ${(0, values_1.shown)(resource.body.Condition)} is false)`, (0, places_1.placeOf)(pointer, this.lines));
        if (this.current !== undefined) {
            const list = this.references.get(this.current) ?? [];
            list.push({ to: logicalId, pointer });
            this.references.set(this.current, list);
        }
    }
}
exports.TemplateScope = TemplateScope;
/** The partition a region belongs to; undefined when no region was given. */
function partitionOf(region) {
    return region === undefined ? undefined : (0, arn_1.partitionOfRegion)(region);
}

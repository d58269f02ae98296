"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseParametersFile = parseParametersFile;
exports.resolveParameters = resolveParameters;
/**
 * Template parameters: the values given (a parameters file in either of CloudFormation's shapes, or a plain
 * object), the defaults, and what `Ref` yields for each type. CloudFormation's rules (User Guide, Parameters):
 * every value is a string (a Number too); List<…> and CommaDelimitedList are split at commas, members trimmed;
 * AWS::SSM::Parameter::Value<…> is read from Parameter Store at deploy, so unknown here.
 */
const errors_1 = require("../../foundation/errors");
const json_input_1 = require("../../foundation/json-input");
const places_1 = require("./places");
const values_1 = require("./values");
/** CloudFormation's own limit is 200 parameters of at most 4,096 bytes; a file far beyond that is not a parameters file. */
const MAX_PARAMETERS = 1000;
const MAX_PARAMETER_LENGTH = 64 * 1024;
/**
 * Reads a parameters file: `[{"ParameterKey": "Env", "ParameterValue": "prod"}]` (the CLI's shape), a plain
 * object `{"Env": "prod"}`, or a CodePipeline template configuration `{"Parameters": {"Env": "prod"}}`.
 */
function parseParametersFile(text, file) {
    const data = (0, json_input_1.parseJson)(text, file, 'the template parameters file');
    if (Array.isArray(data))
        return fromList(data, file);
    if (data !== null && typeof data === 'object') {
        const record = data;
        const keys = Object.keys(record);
        const nested = keys.length >= 1 &&
            keys.every((k) => ['Parameters', 'Tags', 'StackPolicy'].includes(k)) &&
            isPlainObject(record.Parameters);
        return fromObject(nested ? record.Parameters : record, file, nested ? '/Parameters' : '');
    }
    throw new errors_1.InputError(file, 'expected template parameters: [{"ParameterKey": …, "ParameterValue": …}] or {"Name": "value"}', '/');
}
function fromList(items, file) {
    if (items.length > MAX_PARAMETERS)
        throw new errors_1.InputError(file, `more than ${MAX_PARAMETERS} parameters`, '/');
    const out = {};
    items.forEach((item, i) => {
        const entry = isPlainObject(item) ? item : undefined;
        const key = entry?.ParameterKey;
        if (typeof key !== 'string' || key === '')
            throw new errors_1.InputError(file, 'expected {"ParameterKey": "Name", "ParameterValue": "value"}', `/${i}`);
        if (entry?.UsePreviousValue === true) {
            throw new errors_1.InputError(file, `parameter ${key} asks for its previous value (UsePreviousValue), which is not known here: give its ParameterValue`, `/${i}`);
        }
        out[key] = parameterText(entry?.ParameterValue, file, `/${i}/ParameterValue`);
    });
    return out;
}
function fromObject(record, file, pointer) {
    const keys = Object.keys(record);
    if (keys.length > MAX_PARAMETERS)
        throw new errors_1.InputError(file, `more than ${MAX_PARAMETERS} parameters`, pointer || '/');
    const out = {};
    for (const key of keys)
        out[key] = parameterText(record[key], file, (0, places_1.childPointer)(pointer, key));
    return out;
}
/** Strings as they are; numbers and booleans as written; a list as CloudFormation takes it, comma-separated. */
function parameterText(value, file, pointer) {
    let text;
    if (typeof value === 'string')
        text = value;
    else if (typeof value === 'number' || typeof value === 'boolean')
        text = String(value);
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
        text = value.join(',');
    if (text === undefined)
        throw new errors_1.InputError(file, 'expected a parameter value (a string, number or list of strings)', pointer);
    if (text.length > MAX_PARAMETER_LENGTH)
        throw new errors_1.InputError(file, `the value is longer than ${MAX_PARAMETER_LENGTH} characters`, pointer);
    return text;
}
/**
 * What `Ref` yields for each declared parameter: the given value, else the default. A parameter with neither is
 * bad input (CloudFormation refuses it too), as is a value outside AllowedValues or a Number that is not one.
 */
function resolveParameters(template, given, file, lines, givenIn) {
    const declared = isMap(template.Parameters) ? template.Parameters : {};
    const values = new Map();
    const secret = new Set();
    for (const [name, declaration] of Object.entries(declared)) {
        const pointer = (0, places_1.childPointer)('/Parameters', name);
        const spec = isMap(declaration) ? declaration : {};
        const type = typeof spec.Type === 'string' ? spec.Type : 'String';
        if (spec.NoEcho === true || spec.NoEcho === 'true')
            secret.add(name);
        const hasGiven = Object.prototype.hasOwnProperty.call(given, name);
        const text = hasGiven ? given[name] : defaultText(spec.Default);
        if (type.startsWith('AWS::SSM::Parameter::Value<')) {
            values.set(name, new values_1.Unknown(`unknown until deploy: parameter ${name} (${type}) is read from Parameter Store`, pointer));
            continue;
        }
        if (text === undefined) {
            const where = givenIn ? ` in ${givenIn}` : ' (--template-parameters)';
            throw new errors_1.InputError(file, `parameter ${name} has no value and no default: give it a value${where}`, (0, places_1.placeOf)(pointer, lines));
        }
        checkAllowed(name, text, spec, type, secret.has(name), file, (0, places_1.placeOf)(pointer, lines));
        values.set(name, refValue(type, text));
    }
    const undeclared = Object.keys(given).filter((name) => !Object.prototype.hasOwnProperty.call(declared, name));
    return { values, secret, undeclared };
}
/** `Ref` of a parameter: a string, or a list of trimmed strings for list types. */
function refValue(type, text) {
    const isList = type === 'CommaDelimitedList' || type.startsWith('List<');
    return isList ? (text === '' ? [] : text.split(',').map((member) => member.trim())) : text;
}
function defaultText(value) {
    if (value === undefined || value === null)
        return undefined;
    if (Array.isArray(value))
        return value.map(String).join(',');
    return typeof value === 'object' ? undefined : String(value);
}
function checkAllowed(name, text, spec, type, secret, file, place) {
    const shown = secret ? 'its value' : JSON.stringify(text);
    if (type === 'Number' && (text.trim() === '' || !Number.isFinite(Number(text))))
        throw new errors_1.InputError(file, `parameter ${name} is a Number, but ${shown} is not a number`, place);
    if (Array.isArray(spec.AllowedValues) && !type.startsWith('List<') && type !== 'CommaDelimitedList') {
        const allowed = spec.AllowedValues.map(String);
        if (!allowed.includes(text))
            throw new errors_1.InputError(file, `parameter ${name}: ${shown} is not one of its AllowedValues (${allowed.join(', ')})`, place);
    }
}
function isMap(value) {
    return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}
function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

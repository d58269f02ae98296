"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.testFileOf = testFileOf;
exports.policyFileOf = policyFileOf;
exports.readTestFile = readTestFile;
exports.casesOf = casesOf;
exports.mergeDocument = mergeDocument;
exports.caseDocument = caseDocument;
exports.runCase = runCase;
/**
 * Policy tests (`mq-audit policies test`, docs/policies.md#testing-a-policy): each case is a broker document — whole,
 * or a partial one merged over a broker of a fixture estate — and the result the policy must give it. Test files are
 * checked like every other input: a problem is an InputError naming the file and the JSON pointer.
 */
const node_fs_1 = require("node:fs");
const errors_1 = require("../foundation/errors");
const json_input_1 = require("../foundation/json-input");
const validators_1 = require("../foundation/validators");
const evaluator_1 = require("./evaluator");
const nearest_1 = require("../foundation/nearest");
const loader_1 = require("./loader");
/** Test files are read up to this size. */
const TEST_FILE_CAP = 16 * 1024 * 1024;
const WHAT = 'policy test file';
/** The file beside a policy that holds its tests: `x.json` → `x.test.json`. */
function testFileOf(policyFile) {
    return policyFile.replace(/\.json$/, loader_1.TEST_FILE_SUFFIX);
}
/** The policy file a test file is about: `x.test.json` → `x.json`. */
function policyFileOf(testFile) {
    return testFile.slice(0, -loader_1.TEST_FILE_SUFFIX.length) + '.json';
}
/** Reads and checks a test file (schemas/policy-test.schema.json); throws InputErrors listing every problem. */
function readTestFile(file) {
    const data = (0, json_input_1.parseJson)((0, json_input_1.readTextFile)(file, WHAT, TEST_FILE_CAP), file, WHAT);
    const errors = (0, json_input_1.schemaErrors)((0, validators_1.ownSchemaValidator)('policy-test.schema.json'), data, file);
    if (errors.length > 0)
        throw new errors_1.InputErrors(errors);
    const [cases, at] = Array.isArray(data)
        ? [data, '']
        : [data.tests, '/tests'];
    return cases.map((testCase, index) => ({ testCase, file, place: `${at}/${index}` }));
}
/** A policy's cases: its own (`tests`, checked with the policy file) and those of the test file beside it. */
function casesOf(policy) {
    const own = (policy.tests ?? []).map((testCase, index) => ({
        testCase,
        file: policy.source,
        place: `/tests/${index}`,
    }));
    const besideFile = testFileOf(policy.source);
    const beside = besideFile !== policy.source && (0, node_fs_1.existsSync)(besideFile) ? readTestFile(besideFile) : [];
    const cases = [...own, ...beside];
    const errors = [];
    const seen = new Map();
    for (const located of cases) {
        const earlier = seen.get(located.testCase.name);
        if (earlier)
            errors.push(new errors_1.InputError(located.file, `duplicate test case name "${located.testCase.name}", also at ${earlier.file === located.file ? '' : `${earlier.file} `}${earlier.place}`, `${located.place}/name`));
        else
            seen.set(located.testCase.name, located);
    }
    if (errors.length > 0)
        throw new errors_1.InputErrors(errors);
    return cases;
}
/**
 * `partial` merged over `base`: objects key by key, recursively; anything else (arrays, strings, null) replaces
 * what the base has. Neither argument is changed.
 */
function mergeDocument(base, partial) {
    if (!isObject(base) || !isObject(partial))
        return structuredClone(partial);
    const merged = structuredClone(base);
    for (const [key, value] of Object.entries(partial))
        merged[key] = key in merged ? mergeDocument(merged[key], value) : structuredClone(value);
    return merged;
}
function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
function escapePointer(key) {
    return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
/** Every pointer the partial sets (objects walked into, not arrays), with whether its value there is null. */
function setPointers(value, at = '') {
    return Object.entries(value).flatMap(([key, child]) => {
        const pointer = `${at}/${escapePointer(key)}`;
        if (at === '' && key === 'unknown')
            return [];
        return [{ pointer, isNull: child === null }, ...(isObject(child) ? setPointers(child, pointer) : [])];
    });
}
function caseDocument(located, fixtures) {
    const { testCase, file, place } = located;
    let document;
    if (testCase.base === undefined) {
        // The one field a whole document may leave out: nothing is unknown.
        document = { unknown: {}, ...structuredClone(testCase.document) };
    }
    else {
        const base = fixtures(testCase.base);
        if ('problem' in base)
            throw new errors_1.InputError(file, base.problem, `${place}/base`);
        document = mergeDocument(base, testCase.document);
    }
    const own = isObject(testCase.document.unknown) ? testCase.document.unknown : {};
    if (isObject(document.unknown)) {
        const unknown = document.unknown;
        for (const { pointer, isNull } of setPointers(testCase.document)) {
            if (pointer in own)
                continue;
            if (isNull)
                unknown[pointer] = `set to null by test case "${testCase.name}"`;
            else if (testCase.base !== undefined)
                delete unknown[pointer];
        }
    }
    const validate = (0, validators_1.ownSchemaValidator)('broker-document.schema.json');
    const what = testCase.base === undefined ? 'the document' : `the document merged over broker ${testCase.base}`;
    const errors = (0, json_input_1.schemaErrors)(validate, document, file).map((e) => {
        const at = e.place === undefined || e.place === '/' ? '' : e.place;
        // A misspelt property: pointed at, with the nearest names the object has (as policy lint does).
        const extra = /^unknown property "(.*)"$/.exec(e.problem)?.[1];
        if (extra !== undefined) {
            const holder = (0, evaluator_1.valueAt)(document, at);
            const close = isObject(holder)
                ? (0, nearest_1.nearest)(extra, Object.keys(holder).filter((key) => key !== extra))
                : [];
            const hint = close.length > 0 ? `; did you mean ${close.join(' or ')}?` : '';
            return new errors_1.InputError(file, `"${extra}" is not a property of the broker document${at === '' ? '' : ` at ${at}`}${hint}`, `${place}/document${at}/${escapePointer(extra)}`);
        }
        return new errors_1.InputError(file, `${what} is not a broker document (schemas/broker-document.schema.json): ${e.problem}`, `${place}/document${at}`);
    });
    if (errors.length > 0)
        throw new errors_1.InputErrors(errors);
    return document;
}
/** Evaluates one case. */
function runCase(policy, located, document) {
    const { testCase } = located;
    const { status, message } = (0, evaluator_1.evaluatePolicy)(policy, document);
    const passed = status === testCase.expect && (testCase.message === undefined || message.includes(testCase.message));
    return {
        name: testCase.name,
        file: located.file,
        place: located.place,
        expect: testCase.expect,
        ...(testCase.message === undefined ? {} : { expectMessage: testCase.message }),
        status,
        message,
        passed,
    };
}

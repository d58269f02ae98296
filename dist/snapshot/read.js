"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.inventoryValidator = inventoryValidator;
exports.readSnapshot = readSnapshot;
exports.checkSnapshot = checkSnapshot;
const errors_1 = require("../foundation/errors");
const json_input_1 = require("../foundation/json-input");
const validators_1 = require("../foundation/validators");
const types_1 = require("./types");
function inventoryValidator() {
    return (0, validators_1.ownSchemaValidator)('inventory.schema.json');
}
function readSnapshot(file) {
    return checkSnapshot((0, json_input_1.readJsonFile)(file, 'inventory file'), file);
}
function checkSnapshot(data, file) {
    const record = data;
    // Say the most useful thing first: a file that is not an inventory at all, or one from another version.
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        throw new errors_1.InputError(file, 'expected an mq-audit inventory (a JSON object written by `mq-audit inventory`)', '/');
    }
    if (record.kind !== types_1.SNAPSHOT_KIND) {
        throw new errors_1.InputError(file, `"kind" is ${JSON.stringify(record.kind)}, expected "${types_1.SNAPSHOT_KIND}" (is this an mq-audit inventory?)`, '/kind');
    }
    if (record.schemaVersion !== types_1.SNAPSHOT_SCHEMA_VERSION) {
        throw new errors_1.InputError(file, `inventory schemaVersion ${JSON.stringify(record.schemaVersion)} is not supported; this mq-audit reads version ${types_1.SNAPSHOT_SCHEMA_VERSION}`, '/schemaVersion');
    }
    const errors = (0, json_input_1.schemaErrors)(inventoryValidator(), data, file, {
        quick: (0, validators_1.ownSchemaValidator)('inventory.schema.json', validators_1.FLAVORS.quick),
    });
    if (errors.length > 0)
        throw new errors_1.InputErrors(errors);
    const snapshot = data;
    if (snapshot.accounts.length === 0 && snapshot.errors.length === 0) {
        throw new errors_1.InputError(file, 'the inventory has no accounts and no collection errors: nothing was inventoried', '/accounts');
    }
    return snapshot;
}

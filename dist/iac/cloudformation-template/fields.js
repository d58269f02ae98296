"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Fields = void 0;
exports.tagMap = tagMap;
exports.nameTag = nameTag;
/**
 * Reading evaluated resource properties into snapshot fields. CloudFormation coerces scalars for typed properties
 * (`FromPort: "5671"` is a number, `PubliclyAccessible: "true"` a boolean), and so does this. An unknown value is
 * recorded under the item's `unknown` (JSON pointer into the item → reason) and read as a neutral stand-in.
 */
const errors_1 = require("../../foundation/errors");
const places_1 = require("./places");
const values_1 = require("./values");
class Fields {
    source;
    map;
    pointer;
    unknown;
    constructor(source, 
    /** The evaluated map, or the reason the whole map is unknown. */
    map, 
    /** Template pointer of the map (`/Resources/X/Properties`). */
    pointer, 
    /** The item's unknown fields, filled as fields are read. */
    unknown) {
        this.source = source;
        this.map = map;
        this.pointer = pointer;
        this.unknown = unknown;
    }
    has(name) {
        return (0, values_1.isUnknown)(this.map) || (this.map !== undefined && this.map[name] !== undefined && this.map[name] !== null);
    }
    raw(name) {
        if ((0, values_1.isUnknown)(this.map))
            return this.map;
        const value = this.map?.[name];
        return value === null ? undefined : value;
    }
    /** A nested map (`Logs`, `EncryptionOptions`); absent reads as empty. */
    child(name) {
        const value = this.raw(name);
        const pointer = (0, places_1.childPointer)(this.pointer, name);
        if (value !== undefined && !(0, values_1.isUnknown)(value) && !(0, values_1.isValueMap)(value))
            throw this.expected('a map', name);
        return new Fields(this.source, value, pointer, this.unknown);
    }
    /** The same reader filling another item's unknown fields. */
    forItem(unknown) {
        return new Fields(this.source, this.map, this.pointer, unknown);
    }
    string(name, at) {
        return this.scalar(name, at, '', (value) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
            ? String(value)
            : undefined, 'a string');
    }
    number(name, at) {
        return this.scalar(name, at, 0, (value) => typeof value === 'number'
            ? value
            : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
                ? Number(value)
                : undefined, 'a number');
    }
    boolean(name, at) {
        const parse = (value) => typeof value === 'boolean'
            ? value
            : typeof value === 'string' && /^(true|false)$/i.test(value)
                ? value.toLowerCase() === 'true'
                : undefined;
        return this.scalar(name, at, false, parse, 'true or false');
    }
    /** A list of strings; an unknown member is recorded at its index, an unknown list at `at`. */
    strings(name, at) {
        const value = this.raw(name);
        if (value === undefined)
            return undefined;
        if ((0, values_1.isUnknown)(value)) {
            this.unknown[at] = value.describe();
            return [];
        }
        if (!Array.isArray(value))
            throw this.expected('a list', name);
        return value.map((member, i) => {
            if ((0, values_1.isUnknown)(member)) {
                this.unknown[`${at}/${i}`] = member.describe();
                return '';
            }
            if (typeof member === 'string' || typeof member === 'number')
                return String(member);
            throw this.expected('a list of strings', `${name}/${i}`);
        });
    }
    /** A list of maps (`SecurityGroupIngress`, `Tags`); an unknown list is recorded at `at` and reads as empty. */
    maps(name, at) {
        const value = this.raw(name);
        if (value === undefined)
            return [];
        if ((0, values_1.isUnknown)(value)) {
            this.unknown[at] = value.describe();
            return [];
        }
        if (!Array.isArray(value))
            throw this.expected('a list', name);
        return value.map((member, i) => {
            if (member !== null && !(0, values_1.isUnknown)(member) && !(0, values_1.isValueMap)(member))
                throw this.expected('a list of maps', `${name}/${i}`);
            return new Fields(this.source, member ?? undefined, `${(0, places_1.childPointer)(this.pointer, name)}/${i}`, this.unknown);
        });
    }
    /** Marks a field unknown for a reason of the reader's own (a default the template leaves to AWS). */
    markUnknown(at, reason) {
        this.unknown[at] = `${reason} (${this.pointer.replace(/^\//, '')})`;
    }
    /** An InputError about a property: a required one missing, or a value of the wrong shape. */
    expected(what, name) {
        return new errors_1.InputError(this.source.file, `${name.split('/')[0]}: expected ${what}`, (0, places_1.placeOf)((0, places_1.childPointer)(this.pointer, name), this.source.lines));
    }
    scalar(name, at, standIn, parse, what) {
        const value = this.raw(name);
        if (value === undefined)
            return undefined;
        if ((0, values_1.isUnknown)(value)) {
            this.unknown[at] = value.describe();
            return standIn;
        }
        const parsed = parse(value);
        if (parsed === undefined)
            throw this.expected(what, name);
        return parsed;
    }
}
exports.Fields = Fields;
/** `Tags: [{Key, Value}]` → a map; an unknown value is recorded at `/…/tags/<key>`. */
function tagMap(fields, at) {
    const tags = {};
    for (const tag of fields.maps('Tags', at)) {
        const key = tag.string('Key', at);
        if (key === undefined || key === '')
            continue;
        tags[key] = tag.string('Value', (0, places_1.childPointer)(at, key)) ?? '';
    }
    return tags;
}
/** The `Name` tag, the name EC2 objects show. */
function nameTag(fields, at) {
    return tagMap(fields, at).Name;
}

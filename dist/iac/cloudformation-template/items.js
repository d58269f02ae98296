"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NOT_IN_TEMPLATE = void 0;
exports.planned = planned;
exports.required = required;
exports.defined = defined;
exports.vpcOfTemplateResource = vpcOfTemplateResource;
/** A field the template cannot define for a deployed object: the overlay keeps the deployed value. */
exports.NOT_IN_TEMPLATE = 'not in the template: kept from the deployed object';
/** An item with its unknown fields, when there are any. */
function planned(kind, value, unknown) {
    return (Object.keys(unknown).length > 0 ? { kind, value, unknown: { ...unknown } } : { kind, value });
}
/** A required string property; missing is bad input (CloudFormation refuses the template too). */
function required(fields, name, at) {
    const value = fields.string(name, at);
    if (value === undefined)
        throw fields.expected('a value (the property is required)', name);
    return value;
}
/** Keeps only the set fields, so items carry no `undefined` members. */
function defined(value) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
/** The VPC of a subnet, route table or security group defined in this template, when it says. */
function vpcOfTemplateResource(input, id) {
    if (id === undefined)
        return undefined;
    const other = input.resourceById(id);
    if (other === undefined)
        return undefined;
    const vpcId = other.fields.forItem({}).string('VpcId', '/vpcId');
    return vpcId === '' ? undefined : vpcId;
}

"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.prepareAnchoring = prepareAnchoring;
exports.iacReport = iacReport;
/**
 * Anchoring findings to infrastructure as code (`scan --iac`): index the templates once, then answer the SARIF
 * location hook and record, per broker, which definition matched and on what evidence (shown in the JSON report).
 */
const node_path_1 = require("node:path");
const iac_1 = require("../iac");
function prepareAnchoring(source, cwd = process.cwd()) {
    if (source === 'none')
        return undefined;
    const root = (0, iac_1.findRepositoryRoot)(cwd) ?? (source === 'auto' ? undefined : cwd);
    if (root === undefined)
        return undefined;
    const paths = source === 'auto' ? [root] : source.paths.map((path) => ((0, node_path_1.isAbsolute)(path) ? path : (0, node_path_1.resolve)(cwd, path)));
    const { index, problems } = (0, iac_1.buildIacIndex)(paths, root);
    return { root, index, problems, locate: locatorFor(index) };
}
function deployed(resource) {
    const type = resource.kind === 'broker' ? 'broker' : (0, iac_1.locatableKindOfHop)(resource.kind);
    if (!type)
        return undefined;
    return {
        type,
        id: resource.id,
        ...(resource.arn && { arn: resource.arn }),
        ...(resource.name && { name: resource.name }),
        ...(resource.tags && { tags: resource.tags }),
    };
}
/** The block's lines, or the line of the property the finding is about when the template sets it. */
function locatorFor(index) {
    return (resource, property) => {
        const target = deployed(resource);
        const match = target ? (0, iac_1.matchResource)(index, target, property) : undefined;
        if (match?.status !== 'anchored')
            return undefined;
        const { anchor } = match;
        return anchor.propertyLine === undefined
            ? { uri: anchor.uri, startLine: anchor.startLine, endLine: anchor.endLine }
            : { uri: anchor.uri, startLine: anchor.propertyLine, endLine: anchor.propertyLine };
    };
}
/** What matched each broker of the report, with its evidence; unmatched and ambiguous brokers say why. */
function iacReport(anchoring, report, cwd = process.cwd()) {
    const brokers = new Map(report.results.map((result) => [result.resource.arn, result.resource]));
    return {
        root: (0, node_path_1.relative)(cwd, anchoring.root) || '.',
        definitions: anchoring.index.definitions.length,
        problems: anchoring.problems,
        brokers: [...brokers.values()].map((broker) => {
            const match = (0, iac_1.matchResource)(anchoring.index, {
                type: 'broker',
                id: broker.id,
                arn: broker.arn,
                name: broker.name,
                ...(broker.tags && { tags: broker.tags }),
            });
            return { arn: broker.arn, name: broker.name, ...match };
        }),
    };
}

"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.cdkAssemblyContext = cdkAssemblyContext;
/**
 * A template synthesized by the CDK (`cdk.out/<Stack>.template.json`) is a plain JSON template. Its assembly's
 * `manifest.json` says more: the stack's environment (`aws://account/region`), and `missing` context lookups,
 * for which the CDK synthesized dummy ids (`vpc-12345`): anything built on them is not the real estate.
 */
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
function cdkAssemblyContext(templateFile) {
    const manifestFile = (0, node_path_1.join)((0, node_path_1.dirname)(templateFile), 'manifest.json');
    if (!templateFile.endsWith('.template.json') ||
        !(0, node_fs_1.existsSync)(manifestFile) ||
        (0, node_fs_1.statSync)(manifestFile).size > MAX_MANIFEST_BYTES)
        return { warnings: [] };
    let manifest;
    try {
        manifest = JSON.parse((0, node_fs_1.readFileSync)(manifestFile, 'utf8'));
    }
    catch {
        return {
            warnings: [
                {
                    file: manifestFile,
                    message: 'the CDK assembly manifest next to the template is not valid JSON: its environment and lookups are not read',
                },
            ],
        };
    }
    if (manifest === null || typeof manifest !== 'object')
        return { warnings: [] };
    const record = manifest;
    const warnings = [];
    if (Array.isArray(record.missing) && record.missing.length > 0) {
        const keys = record.missing.map((m) => m && typeof m === 'object' && typeof m.key === 'string' ? m.key : '?');
        warnings.push({
            file: manifestFile,
            pointer: '/missing',
            message: `the CDK assembly has ${keys.length} missing context lookup(s) (${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ' …' : ''}): the template holds dummy ids where the lookups' results belong; run \`cdk synth\` with credentials (or commit cdk.context.json) and judge it again`,
        });
    }
    const artifact = Object.values(record.artifacts ?? {}).find((a) => a?.type === 'aws:cloudformation:stack' && a.properties?.templateFile === (0, node_path_1.basename)(templateFile));
    const environment = typeof artifact?.environment === 'string' ? /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment) : null;
    const accountId = environment && /^\d{12}$/.test(environment[1]) ? environment[1] : undefined;
    const region = environment && environment[2] !== 'unknown-region' ? environment[2] : undefined;
    return { ...(region && { region }), ...(accountId && { accountId }), warnings };
}

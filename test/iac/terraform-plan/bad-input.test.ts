/** Inputs that are not the plan JSON: each is an InputError (exit 2) that says what the file is. */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {isInputError} from '../../../src/foundation/errors';
import {MAX_PLAN_DEPTH, readTerraformPlan, terraformPlanChange} from '../../../src/iac/terraform-plan';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mq-audit-plan-'));
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function write(name: string, content: Buffer | string): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** The InputError a read throws; fails when it throws anything else or nothing. */
function inputErrorOf(read: () => unknown): {message: string; place?: string} {
  try {
    read();
  } catch (error) {
    if (isInputError(error)) return {message: error.message, place: error.place};
    throw error;
  }

  throw new Error('expected an InputError, nothing was thrown');
}

const minimalPlan = {format_version: '1.2', resource_changes: []};

describe('bad plan input', () => {
  it('names a binary plan (a zip) and the command that writes its JSON', () => {
    const file = write(
      'tfplan',
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('tfplan\0\0\x01binary protobuf')]),
    );
    expect(inputErrorOf(() => readTerraformPlan(file)).message).toBe(
      `${file}: ${file} is a binary Terraform plan: write its JSON with \`terraform show -json ${file}\``,
    );
  });

  it('names a raw state file', () => {
    const file = write(
      'terraform.tfstate',
      JSON.stringify({version: 4, terraform_version: '1.9.8', serial: 12, lineage: 'abc', outputs: {}, resources: []}),
    );
    expect(inputErrorOf(() => readTerraformPlan(file)).message).toContain('not a plan but a Terraform state file');
  });

  it('names the JSON of a state (show -json without a plan)', () => {
    const message = inputErrorOf(() =>
      terraformPlanChange({format_version: '1.0', terraform_version: '1.9.8', values: {root_module: {}}}, 'state.json'),
    ).message;
    expect(message).toContain('state.json: not a plan but the JSON of a Terraform state');
  });

  it('names the UI stream of terraform plan -json', () => {
    const lines = [
      {
        '@level': 'info',
        '@message': 'Terraform 1.9.8',
        '@module': 'terraform.ui',
        type: 'version',
        terraform: '1.9.8',
        ui: '1.2',
      },
      {
        '@level': 'info',
        '@message': 'aws_route.onprem: Plan to delete',
        '@module': 'terraform.ui',
        type: 'planned_change',
      },
    ];
    const file = write('plan.log.json', lines.map((l) => JSON.stringify(l)).join('\n'));
    expect(inputErrorOf(() => readTerraformPlan(file)).message).toContain(
      'not a plan but the log stream of `terraform plan -json`',
    );
    // A single line parses as one object: still recognised.
    expect(inputErrorOf(() => terraformPlanChange(lines[0], 'one-line.json')).message).toContain('log stream');
  });

  it('names an HCP Terraform redacted plan', () => {
    const message = inputErrorOf(() =>
      terraformPlanChange(
        {plan_format_version: '1.1', resource_changes: [], provider_format_version: '1.0'},
        'redacted.json',
      ),
    ).message;
    expect(message).toContain('HCP Terraform redacted plan');
  });

  it('says other JSON is not a plan', () => {
    expect(inputErrorOf(() => terraformPlanChange({kind: 'mq-audit/inventory'}, 'inventory.json')).message).toContain(
      'inventory.json: not a Terraform plan',
    );
    expect(inputErrorOf(() => terraformPlanChange([1, 2], 'array.json')).message).toContain('found an array');
    expect(inputErrorOf(() => readTerraformPlan(write('empty.json', ''))).message).toContain('Terraform plan is empty');
    expect(inputErrorOf(() => readTerraformPlan(write('broken.json', '{"format_version": "1.2",'))).message).toContain(
      'is not valid JSON',
    );
  });

  it('rejects a format_version major other than 0 or 1, naming the version', () => {
    const error = inputErrorOf(() => terraformPlanChange({...minimalPlan, format_version: '2.0'}, 'future.json'));
    expect(error.message).toContain('plan format_version 2.0 is not supported');
    expect(error.place).toBe('/format_version');
    expect(
      inputErrorOf(() => terraformPlanChange({...minimalPlan, format_version: 1.2}, 'number.json')).message,
    ).toContain('is not a version');
  });

  it('accepts 0.x with a warning, and warns about an errored or incomplete plan', () => {
    expect(
      terraformPlanChange({...minimalPlan, format_version: '0.2'}, 'old.json').warnings.map((w) => w.pointer),
    ).toEqual(['/format_version']);
    const errored = terraformPlanChange({...minimalPlan, errored: true, complete: false}, 'errored.json');
    expect(errored.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('the plan errored'),
      expect.stringContaining('the plan is incomplete'),
    ]);
  });

  it('refuses deep nesting before JSON.parse can overflow the stack', () => {
    const file = write(
      'deep.json',
      `{"format_version":"1.2","resource_changes":[],"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    );
    expect(inputErrorOf(() => readTerraformPlan(file)).message).toContain(
      `nested more than ${MAX_PLAN_DEPTH} levels deep`,
    );
  });

  it('names a malformed resource change and an address it cannot parse, with the place', () => {
    const noActions = inputErrorOf(() =>
      terraformPlanChange(
        {...minimalPlan, resource_changes: [{address: 'aws_route.r', type: 'aws_route', change: {}}]},
        'p.json',
      ),
    );
    expect(noActions.place).toBe('/resource_changes/0');
    const badAddress = inputErrorOf(() =>
      terraformPlanChange(
        {
          ...minimalPlan,
          resource_changes: [
            {address: 'module.a["x].aws_route.r', type: 'aws_route', mode: 'managed', change: {actions: ['create']}},
          ],
        },
        'p.json',
      ),
    );
    expect(badAddress.place).toBe('/resource_changes/0/address');
  });

  it('refuses actions it does not know, naming the resource', () => {
    const error = inputErrorOf(() =>
      terraformPlanChange(
        {
          ...minimalPlan,
          resource_changes: [
            {
              address: 'aws_route.r',
              type: 'aws_route',
              mode: 'managed',
              change: {actions: ['teleport'], before: null, after: {}},
            },
          ],
        },
        'p.json',
      ),
    );
    expect(error.message).toContain('aws_route.r has actions ["teleport"]');
    expect(error.place).toBe('/resource_changes/0/change/actions');
  });

  it('names a missing file and a directory', () => {
    expect(inputErrorOf(() => readTerraformPlan(join(dir, 'nope.json'))).message).toContain('no such file');
    expect(inputErrorOf(() => readTerraformPlan(dir)).message).toContain('is a directory');
  });

  it('reads a plan with changes to nothing AWS as an empty change with everything skipped', () => {
    const change = terraformPlanChange(
      {
        ...minimalPlan,
        resource_changes: [
          {
            address: 'null_resource.x',
            type: 'null_resource',
            mode: 'managed',
            provider_name: 'registry.terraform.io/hashicorp/null',
            change: {actions: ['create'], before: null, after: {}},
          },
        ],
      },
      'p.json',
    );
    expect(change.edits).toEqual([]);
    expect(change.skipped).toEqual([
      {
        address: 'null_resource.x',
        resourceType: 'null_resource',
        reason: 'not an AWS provider resource (registry.terraform.io/hashicorp/null)',
      },
    ]);
  });
});

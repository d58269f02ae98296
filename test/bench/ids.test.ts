import {join} from 'node:path';

import {recordedNetwork} from '../../bench/estate';
import {recordedIds, renamerForAccount} from '../../bench/ids';

const ROOT = join(__dirname, '..', '..');

describe('the benchmark estate: resource ids of each account its own', () => {
  const recorded = {
    Subnets: [
      {
        SubnetId: 'subnet-0f1e2d3c4b5a69788',
        VpcId: 'vpc-0a1b2c3d4e5f60789',
        Arn: 'arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-0f1e2d3c4b5a69788',
      },
    ],
    ByTable: {'tgw-rtb-0a1b2c3d4e5f60791': {routes: ['pl-6da54004']}},
    connections: [
      {
        connectionId: 'dxcon-fg5x7k2p',
        lagId: 'dxlag-ffq3k8z1',
        directConnectGatewayId: '4c1f5e2a-7b3d-4e8f-9a0b-1c2d3e4f5a6b',
        associationId: '',
      },
    ],
  };

  it('finds EC2 ids by their shape (in keys too) and Direct Connect ids by their field', () => {
    expect(recordedIds(recorded).sort()).toEqual(
      [
        '4c1f5e2a-7b3d-4e8f-9a0b-1c2d3e4f5a6b',
        'dxcon-fg5x7k2p',
        'dxlag-ffq3k8z1',
        'subnet-0f1e2d3c4b5a69788',
        'tgw-rtb-0a1b2c3d4e5f60791',
        'vpc-0a1b2c3d4e5f60789',
      ].sort(),
    );
  });

  it('renames an id the same way wherever it appears, differently per account, and leaves the rest alone', () => {
    const ids = recordedIds(recorded);
    const seven = renamerForAccount(ids, 7)(recorded);
    expect(seven.Subnets[0].SubnetId).toBe('subnet-0f10073c4b5a69788');
    expect(seven.Subnets[0].Arn).toBe('arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-0f10073c4b5a69788');
    // Keys are renamed too (the stand-in finds a route table's routes by its id).
    expect(seven.ByTable).toEqual({'tgw-rtb-0a10073d4e5f60791': {routes: ['pl-6da54004']}});
    expect(seven.connections[0]).toEqual({
      connectionId: 'dxcon-fg50072p',
      lagId: 'dxlag-ffq007z1',
      directConnectGatewayId: '4c10072a-7b3d-4e8f-9a0b-1c2d3e4f5a6b',
      associationId: '',
    });
    expect(renamerForAccount(ids, 8)(recorded).Subnets[0].SubnetId).not.toBe(seven.Subnets[0].SubnetId);
  });

  it('gives the accounts of the recorded network ids no other account has', () => {
    const {ec2, dx} = recordedNetwork(ROOT);
    const ids = recordedIds(ec2, dx);
    expect(ids.length).toBeGreaterThan(50);
    const seen = new Map<string, number>();
    for (let account = 0; account < 50; account++) {
      const renamed = recordedIds(renamerForAccount(ids, account)({ec2, dx}));
      expect(renamed).toHaveLength(ids.length);
      for (const id of renamed) {
        expect(seen.get(id) ?? account).toBe(account);
        seen.set(id, account);
      }
    }
  });

  it('stops rather than let two ids become one', () => {
    expect(() => renamerForAccount(['sg-0a1b2c3d4e5f60718', 'sg-0a1fff3d4e5f60718'], 1)).toThrow(
      'made two of them one',
    );
  });
});

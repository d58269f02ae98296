import {createAwsClients} from '../../src/inventory/clients';
import {collectRegionNetwork, collectAccountNetwork} from '../../src/inventory/network';
import type {CollectionError} from '../../src/snapshot/types';
import {ALL_BROKERS} from './expected';
import {startNetworkStub, useStubCredentials, REGION} from './network-fixtures';

it('smoke', async () => {
  useStubCredentials();
  const stub = await startNetworkStub();
  const clients = createAwsClients({endpoint: stub.url});
  const errors: CollectionError[] = [];
  try {
    const network = await collectRegionNetwork(clients, {clients, accountId: '123456789012', partition: 'aws', region: REGION, concurrency: 5}, ALL_BROKERS, errors);
    const account = await collectAccountNetwork(clients, [{region: REGION, mqOffered: true, brokers: ALL_BROKERS, network}], 5, errors);
    require('fs').writeFileSync('/tmp/netfix/out.json', JSON.stringify({network, account, errors, requests: stub.requests}, null, 2));
  } finally { clients.destroy(); await stub.close(); }
});

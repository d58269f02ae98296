/** One walk over a snapshot's objects that have an id: its brokers and every regional network object. */
import type {Snapshot} from './types';

export interface SnapshotObject {
  id: string;
  name?: string;
  accountId: string;
  region: string;
}

export function* snapshotObjects(snapshot: Snapshot): Generator<SnapshotObject> {
  for (const account of snapshot.accounts) {
    for (const region of account.regions) {
      const where = {accountId: account.accountId, region: region.region};
      for (const broker of region.brokers ?? []) yield {id: broker.id, name: broker.name, ...where};
      for (const list of Object.values(region.network ?? {})) {
        for (const item of (list ?? []) as {id?: string; name?: string}[])
          if (item.id) yield {id: item.id, ...(item.name && {name: item.name}), ...where};
      }
    }
  }
}

"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.snapshotObjects = snapshotObjects;
function* snapshotObjects(snapshot) {
    for (const account of snapshot.accounts) {
        for (const region of account.regions) {
            const where = { accountId: account.accountId, region: region.region };
            for (const broker of region.brokers ?? [])
                yield { id: broker.id, name: broker.name, ...where };
            for (const list of Object.values(region.network ?? {})) {
                for (const item of (list ?? []))
                    if (item.id)
                        yield { id: item.id, ...(item.name && { name: item.name }), ...where };
            }
        }
    }
}

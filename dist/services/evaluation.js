"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.evaluationOptions = evaluationOptions;
const network_1 = require("../network");
/** The evaluation options, and the network model behind them (the report reuses it for SARIF path hops). */
function evaluationOptions(snapshot, config, settings = {}) {
    const model = (0, network_1.buildNetworkModel)(snapshot, { onPremCidrs: settings.onPremCidrs ?? [] });
    return {
        model,
        production: config.production,
        // Not collected is unknown, not absent: the network policies then say why they could not be evaluated.
        networkFacts: (scope) => model.factsFor(scope) ?? { facts: null, unknown: { '/network': `the network of account ${scope.accountId} in ${scope.region} is not in the inventory` } },
    };
}

"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.evaluationOptions = evaluationOptions;
/**
 * How a snapshot's brokers become documents: the production selector and the network facts from the path model.
 * Shared by `scan`, `documents` and `paths` so they never disagree.
 */
const config_1 = require("./config");
const network_1 = require("../network");
/** The evaluation options, and the network model behind them (the report reuses it for SARIF path hops). */
function evaluationOptions(snapshot, config, settings = {}) {
    const model = (0, network_1.buildNetworkModel)(snapshot, {
        onPremCidrs: settings.onPremCidrs ?? [],
        ...(settings.carriedNetworks && { carriedNetworks: settings.carriedNetworks }),
        ...(0, config_1.networkSettings)(config),
    });
    return {
        model,
        production: config.production,
        // Not collected is unknown, not absent: the network policies then say why they could not be evaluated.
        networkFacts: (scope) => {
            // A proposed broker whose subnets or security groups are known only after apply has no path to judge.
            const planned = scope.broker.planned?.unknown;
            const unknownPlacement = planned?.['/subnetIds'] ?? planned?.['/securityGroups'];
            if (unknownPlacement !== undefined)
                return { facts: null, unknown: { '/network': unknownPlacement } };
            return (model.factsFor(scope) ?? {
                facts: null,
                unknown: { '/network': `the network of account ${scope.accountId} in ${scope.region} is not in the inventory` },
            });
        },
    };
}

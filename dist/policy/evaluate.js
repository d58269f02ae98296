"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.brokersOf = brokersOf;
exports.brokerDocuments = brokerDocuments;
exports.eachBrokerDocument = eachBrokerDocument;
exports.evaluateSnapshot = evaluateSnapshot;
const document_1 = require("./document");
const evaluator_1 = require("./evaluator");
function brokersOf(snapshot) {
    return snapshot.accounts.flatMap((account) => account.regions.flatMap((region) => (region.brokers ?? []).map((broker) => ({
        broker,
        accountId: account.accountId,
        partition: account.partition,
        region: region.region,
    }))));
}
function brokerDocuments(snapshot, options = {}) {
    return [...eachBrokerDocument(snapshot, options)];
}
/** One document at a time: evaluation keeps the results, not ten thousand documents. */
function* eachBrokerDocument(snapshot, options = {}) {
    const errorsByScope = new Map();
    for (const error of snapshot.errors) {
        const key = `${error.accountId}|${error.region}`;
        const list = errorsByScope.get(key);
        if (list)
            list.push(error);
        else
            errorsByScope.set(key, [error]);
    }
    for (const scope of brokersOf(snapshot)) {
        yield (0, document_1.buildBrokerDocument)(scope.broker, {
            accountId: scope.accountId,
            partition: scope.partition,
            region: scope.region,
            errors: errorsByScope.get(`${scope.accountId}|${scope.region}`) ?? [],
            production: options.production ?? document_1.DEFAULT_PRODUCTION_SELECTOR,
            asOf: snapshot.collectedAt,
            ...(options.supportCalendar && { supportCalendar: options.supportCalendar }),
            network: options.networkFacts?.(scope),
        });
    }
}
function evaluateSnapshot(snapshot, policies, options = {}) {
    const results = [];
    for (const document of eachBrokerDocument(snapshot, options)) {
        const resource = (0, evaluator_1.resourceOf)(document);
        const own = policies.map((policy) => (0, evaluator_1.evaluatePolicy)(policy, document, resource));
        for (const result of options.withDocument ? options.withDocument(own, document) : own)
            results.push(result);
    }
    return results;
}

"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_EPHEMERAL_PORTS = void 0;
exports.brokerPorts = brokerPorts;
exports.requiredPortsRules = requiredPortsRules;
/**
 * The ports clients use to reach a broker, per engine (Amazon MQ developer guide: "using-amazon-mq-securely",
 * "rabbitmq-basic-elements-broker"). The console ports count: an operator who cannot open the console from the
 * data centre has a connectivity problem too.
 */
const errors_1 = require("../foundation/errors");
const nearest_1 = require("../foundation/nearest");
const strings_1 = require("../foundation/strings");
const ENGINE_PORTS = {
    ACTIVEMQ: [
        { port: 61617, protocol: 'openwire' },
        { port: 5671, protocol: 'amqp' },
        { port: 61614, protocol: 'stomp' },
        { port: 8883, protocol: 'mqtt' },
        { port: 61619, protocol: 'wss' },
        { port: 8162, protocol: 'console' },
    ],
    RABBITMQ: [
        { port: 5671, protocol: 'amqps' },
        { port: 443, protocol: 'console' },
        { port: 15671, protocol: 'management' },
    ],
};
function brokerPorts(engine) {
    return (ENGINE_PORTS[engine] ?? []).map((p) => ({ ...p }));
}
/**
 * Return traffic goes to the client's ephemeral port. AWS recommends opening 1024-65535 in NACLs because the
 * client OS (Linux 32768-60999, Windows 49152-65535) or a NAT device in between picks it.
 */
exports.DEFAULT_EPHEMERAL_PORTS = { from: 1024, to: 65535 };
const ENGINE_NAMES = { ACTIVEMQ: 'ActiveMQ', RABBITMQ: 'RabbitMQ' };
/** `an ActiveMQ`, `a RabbitMQ`. */
const A_ENGINE = { ACTIVEMQ: 'an ActiveMQ', RABBITMQ: 'a RabbitMQ' };
const POINTER = '/network/requiredPorts';
function escapePointer(key) {
    return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
function portsText(engine) {
    return ENGINE_PORTS[engine].map((p) => `${p.port} ${p.protocol}`).join(', ');
}
/**
 * A port of `engine` by name or number: a number is taken as is (named by the engine's protocol when it has one,
 * else `tcp`); a name must be one of the engine's protocols (case-insensitive). Undefined for an unknown name.
 */
function portOf(engine, item) {
    if (typeof item === 'number')
        return { port: item, protocol: ENGINE_PORTS[engine].find((p) => p.port === item)?.protocol ?? 'tcp' };
    const found = ENGINE_PORTS[engine].find((p) => p.protocol === item.trim().toLowerCase());
    return found ? { ...found } : undefined;
}
function unknownName(source, pointer, item, engines) {
    const names = [...new Set(engines.flatMap((engine) => ENGINE_PORTS[engine].map((p) => p.protocol)))];
    const hint = (0, nearest_1.didYouMean)(item, names);
    const whose = engines.length === 1 ? `${A_ENGINE[engines[0]]} protocol` : 'a protocol of ActiveMQ or RabbitMQ';
    const known = engines.map((engine) => `${ENGINE_NAMES[engine]}: ${portsText(engine)}`).join('; ');
    return new errors_1.InputError(source, `"${item}" is not ${whose}${hint ? `; ${hint}` : ''} (${known}; or give a port number)`, pointer);
}
/**
 * Checks `network.requiredPorts` (the schema has checked its shape): every protocol name must be one of the
 * engine's (for `engines`) or of either engine (for `brokers`), else InputErrors naming `source`, the JSON pointer
 * and the nearest names. A broker entry naming a protocol the matched broker's engine does not have is refused
 * when that broker is judged.
 */
function requiredPortsRules(config, source) {
    if (!config)
        return undefined;
    const errors = [];
    const all = Object.keys(ENGINE_PORTS);
    for (const [engine, items] of Object.entries(config.engines ?? {})) {
        items.forEach((item, i) => {
            if (typeof item === 'string' && !portOf(engine, item))
                errors.push(unknownName(source, `${POINTER}/engines/${engine}/${i}`, item, [engine]));
        });
    }
    const brokers = Object.entries(config.brokers ?? {});
    for (const [pattern, items] of brokers) {
        items.forEach((item, i) => {
            if (typeof item === 'string' && !all.some((engine) => portOf(engine, item)))
                errors.push(unknownName(source, `${POINTER}/brokers/${escapePointer(pattern)}/${i}`, item, all));
        });
    }
    if (errors.length > 0)
        throw new errors_1.InputErrors(errors);
    const globs = brokers.map(([pattern, items]) => ({ pattern, items, glob: (0, strings_1.globPattern)(pattern) }));
    const resolve = (engine, items, pointer, brokerName) => {
        const ports = [];
        items.forEach((item, i) => {
            const port = portOf(engine, item);
            if (!port) {
                throw new errors_1.InputError(source, `"${item}" is not ${A_ENGINE[engine]} protocol, and ${brokerName} is ${A_ENGINE[engine]} broker (its ports: ${portsText(engine)}); give a port number or a narrower broker pattern`, `${pointer}/${i}`);
            }
            if (!ports.some((p) => p.port === port.port))
                ports.push(port);
        });
        return { ports, rule: `${source} at ${pointer}` };
    };
    return {
        choose(broker) {
            const entry = globs.find((g) => g.pattern === broker.name) ?? globs.find((g) => g.glob.test(broker.name));
            if (entry)
                return resolve(broker.engineType, entry.items, `${POINTER}/brokers/${escapePointer(entry.pattern)}`, broker.name);
            const items = config.engines?.[broker.engineType];
            return items
                ? resolve(broker.engineType, items, `${POINTER}/engines/${broker.engineType}`, broker.name)
                : undefined;
        },
    };
}

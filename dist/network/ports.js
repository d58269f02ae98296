"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_EPHEMERAL_PORTS = void 0;
exports.brokerPorts = brokerPorts;
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

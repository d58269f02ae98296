/**
 * The ports clients use to reach a broker, per engine (Amazon MQ developer guide: "using-amazon-mq-securely",
 * "rabbitmq-basic-elements-broker"). The console ports count: an operator who cannot open the console from the
 * data centre has a connectivity problem too.
 */
import type {EngineType} from '../snapshot/types';
import type {BrokerPort} from './facts';

const ENGINE_PORTS: Record<EngineType, readonly BrokerPort[]> = {
  ACTIVEMQ: [
    {port: 61617, protocol: 'openwire'},
    {port: 5671, protocol: 'amqp'},
    {port: 61614, protocol: 'stomp'},
    {port: 8883, protocol: 'mqtt'},
    {port: 61619, protocol: 'wss'},
    {port: 8162, protocol: 'console'},
  ],
  RABBITMQ: [
    {port: 5671, protocol: 'amqps'},
    {port: 443, protocol: 'console'},
    {port: 15671, protocol: 'management'},
  ],
};

export function brokerPorts(engine: EngineType): BrokerPort[] {
  return (ENGINE_PORTS[engine] ?? []).map((p) => ({...p}));
}

/**
 * Return traffic goes to the client's ephemeral port. AWS recommends opening 1024-65535 in NACLs because the
 * client OS (Linux 32768-60999, Windows 49152-65535) or a NAT device in between picks it.
 */
export const DEFAULT_EPHEMERAL_PORTS = {from: 1024, to: 65535} as const;

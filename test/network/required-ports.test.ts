/** network.requiredPorts: the ports a broker must pass, per engine and per broker, by protocol name or number. */
import {isInputErrors} from '../../src/foundation/errors';
import {requiredPortsRules} from '../../src/network/ports';

const FILE = '.mq-audit/config.json';
const amq = (name: string) => ({name, engineType: 'ACTIVEMQ' as const});
const rabbit = (name: string) => ({name, engineType: 'RABBITMQ' as const});

describe('requiredPortsRules', () => {
  it('none configured: the engine default (undefined)', () => {
    expect(requiredPortsRules(undefined, FILE)).toBeUndefined();
    expect(requiredPortsRules({}, FILE)?.choose(amq('orders-prod'))).toBeUndefined();
  });

  it('by engine, by protocol name (any case) or number; duplicates once', () => {
    const rules = requiredPortsRules({engines: {ACTIVEMQ: ['OpenWire', 61617, 8162], RABBITMQ: ['amqps']}}, FILE)!;
    expect(rules.choose(amq('orders-prod'))).toEqual({
      ports: [
        {port: 61617, protocol: 'openwire'},
        {port: 8162, protocol: 'console'},
      ],
      rule: `${FILE} at /network/requiredPorts/engines/ACTIVEMQ`,
    });
    expect(rules.choose(rabbit('events-prod'))).toEqual({
      ports: [{port: 5671, protocol: 'amqps'}],
      rule: `${FILE} at /network/requiredPorts/engines/RABBITMQ`,
    });
  });

  it('by broker: an exact name first, then the first glob in file order, then the engine', () => {
    const rules = requiredPortsRules(
      {
        engines: {ACTIVEMQ: ['openwire']},
        brokers: {'*-prod': ['amqp'], 'orders-prod': [5671, 'stomp'], 'orders-*': ['mqtt'], 'a/b': [443]},
      },
      FILE,
    )!;
    expect(rules.choose(amq('orders-prod'))?.rule).toBe(`${FILE} at /network/requiredPorts/brokers/orders-prod`);
    expect(rules.choose(amq('orders-prod'))?.ports.map((p) => p.port)).toEqual([5671, 61614]);
    expect(rules.choose(amq('billing-prod'))?.rule).toBe(`${FILE} at /network/requiredPorts/brokers/*-prod`);
    expect(rules.choose(amq('orders-dev'))?.ports).toEqual([{port: 8883, protocol: 'mqtt'}]);
    expect(rules.choose(amq('lab'))?.rule).toBe(`${FILE} at /network/requiredPorts/engines/ACTIVEMQ`);
    expect(rules.choose(rabbit('a/b'))).toEqual({
      ports: [{port: 443, protocol: 'console'}],
      rule: `${FILE} at /network/requiredPorts/brokers/a~1b`,
    });
    expect(rules.choose(rabbit('lab'))).toBeUndefined();
  });

  it('an unknown protocol name: the file, the JSON pointer and the nearest names, every problem at once', () => {
    let error: unknown;
    try {
      requiredPortsRules(
        {engines: {ACTIVEMQ: ['openwir'], RABBITMQ: ['openwire']}, brokers: {'orders-*': [61617, 'amqpp']}},
        FILE,
      );
    } catch (caught) {
      error = caught;
    }

    expect(isInputErrors(error)).toBe(true);
    const problems = isInputErrors(error) ? error.errors.map((e) => `${e.source} at ${e.place}: ${e.problem}`) : [];
    expect(problems).toEqual([
      `${FILE} at /network/requiredPorts/engines/ACTIVEMQ/0: "openwir" is not an ActiveMQ protocol; did you mean "openwire"? (ActiveMQ: 61617 openwire, 5671 amqp, 61614 stomp, 8883 mqtt, 61619 wss, 8162 console; or give a port number)`,
      `${FILE} at /network/requiredPorts/engines/RABBITMQ/0: "openwire" is not a RabbitMQ protocol (RabbitMQ: 5671 amqps, 443 console, 15671 management; or give a port number)`,
      `${FILE} at /network/requiredPorts/brokers/orders-*/1: "amqpp" is not a protocol of ActiveMQ or RabbitMQ; did you mean "amqp" or "amqps"? (ActiveMQ: 61617 openwire, 5671 amqp, 61614 stomp, 8883 mqtt, 61619 wss, 8162 console; RabbitMQ: 5671 amqps, 443 console, 15671 management; or give a port number)`,
    ]);
  });

  it("a broker pattern naming a protocol the matched broker's engine does not have: refused when it is judged", () => {
    const rules = requiredPortsRules({brokers: {'*': ['openwire']}}, FILE)!;
    expect(rules.choose(amq('orders-prod'))?.ports).toEqual([{port: 61617, protocol: 'openwire'}]);
    expect(() => rules.choose(rabbit('events-prod'))).toThrow(
      '"openwire" is not a RabbitMQ protocol, and events-prod is a RabbitMQ broker (its ports: 5671 amqps, 443 console, 15671 management)',
    );
  });
});

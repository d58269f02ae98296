import {didYouMean, editDistance, listNames, nearest} from '../../src/foundation/nearest';

describe('nearest names (every "did you mean")', () => {
  it('measures edits', () => {
    expect(editDistance('scna', 'scan')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('tabel', 'table')).toBe(2);
  });

  it('closest first, case-insensitive, at most three, nothing far', () => {
    expect(nearest('scna', ['scan', 'paths', 'inventory', 'documents'])).toEqual(['scan']);
    expect(nearest('PATHS', ['paths', 'scan'])).toEqual(['paths']);
    expect(
      nearest('mq/privat-connectivity', ['mq/private-connectivity', 'mq/private-connectivity-redundant', 'mq/logging']),
    ).toEqual(['mq/private-connectivity']);
    expect(nearest('zzzz', ['scan', 'paths'])).toEqual([]);
    expect(nearest('ab', ['aa', 'ac', 'ad', 'ae'])).toEqual(['aa', 'ac', 'ad']);
  });

  it('a name the query is part of counts as close; leading words only when no whole name is', () => {
    expect(nearest('orders', ['payments', 'orders-prod', 'orders-dr'])).toEqual(['orders-dr', 'orders-prod']);
    expect(nearest('paymnts', ['payments', 'orders-prod', 'paymints-dr'])).toEqual(['payments']);
    expect(nearest('ordrs', ['payments-prod', 'orders-prod', 'billing-prod'])).toEqual(['orders-prod']);
  });

  it('says it as a question, or nothing', () => {
    expect(didYouMean('tabel', ['table', 'json', 'sarif'])).toBe('did you mean "table"?');
    expect(didYouMean('amqpp', ['amqp', 'amqps'], {quote: false})).toBe('did you mean amqp or amqps?');
    expect(didYouMean('zzzzzz', ['table'])).toBeUndefined();
    expect(listNames(['a', 'b', 'c'], 2)).toBe('a, b, … (3 in all)');
  });
});

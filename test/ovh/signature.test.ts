import { describe, expect, it } from 'vitest';
import { nodeOvhSignature } from '../../src/ovh/client.js';
import { expectedSignature } from './helpers/https-test-server.js';

// OVH's published example (ovh-api.md §2.1): keys from OVH's documentation.
const AS = 'EXEgWIz07P0HYwtQDs7cNIqCiQaWSuHF';
const CK = 'MtSwSrPpNjqfVSmJhLbPyr2i45lSwPU1';

describe('request signature', () => {
  it("matches OVH's published test vector through node-ovh's own signRequest", () => {
    expect(nodeOvhSignature(AS, CK, 'GET', 'https://eu.api.ovh.com/1.0/domains/', '', 1366560945)).toBe('$1$d3705e8afb27a0d2970a322b96550abfc67bb798');
  });

  it('covers method, URL, body and timestamp (any change gives another signature)', () => {
    const reference = nodeOvhSignature(AS, CK, 'POST', 'https://eu.api.ovh.com/1.0/order/cart', '{"ovhSubsidiary":"FR"}', 1700000000);
    expect(reference).toBe(expectedSignature(AS, CK, 'POST', 'https://eu.api.ovh.com/1.0/order/cart', '{"ovhSubsidiary":"FR"}', '1700000000'));
    expect(nodeOvhSignature(AS, CK, 'PUT', 'https://eu.api.ovh.com/1.0/order/cart', '{"ovhSubsidiary":"FR"}', 1700000000)).not.toBe(reference);
    expect(nodeOvhSignature(AS, CK, 'POST', 'https://eu.api.ovh.com/1.0/order/cart?x', '{"ovhSubsidiary":"FR"}', 1700000000)).not.toBe(reference);
    expect(nodeOvhSignature(AS, CK, 'POST', 'https://eu.api.ovh.com/1.0/order/cart', '{"ovhSubsidiary":"IE"}', 1700000000)).not.toBe(reference);
    expect(nodeOvhSignature(AS, CK, 'POST', 'https://eu.api.ovh.com/1.0/order/cart', '{"ovhSubsidiary":"FR"}', 1700000001)).not.toBe(reference);
  });
});

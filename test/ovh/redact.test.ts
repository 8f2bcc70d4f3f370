import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/ovh/redact.js';

const AS = 'EXEgWIz07P0HYwtQDs7cNIqCiQaWSuHF';
const CK = 'MtSwSrPpNjqfVSmJhLbPyr2i45lSwPU1';

describe('redactSecrets', () => {
  it('removes known secret values wherever they appear', () => {
    const out = redactSecrets(`app secret ${AS}, consumer key=${CK}; again ${CK}`, [AS, CK]);
    expect(out).not.toContain(AS);
    expect(out).not.toContain(CK);
    expect(out).toBe('app secret ***, consumer key=***; again ***');
  });

  it('removes signatures and bearer tokens whatever their value', () => {
    const out = redactSecrets('X-Ovh-Signature: $1$d3705e8afb27a0d2970a322b96550abfc67bb798 Authorization: Bearer eyJhbGciOi.J9.abc-_x');
    expect(out).toBe('X-Ovh-Signature: $1$*** Authorization: Bearer ***');
  });

  it('removes secret-named JSON fields and query parameters', () => {
    const body = JSON.stringify({ consumerKey: 'abcd1234', state: 'pendingValidation', clientSecret: 'zzzz9999', note: 'keep me' });
    expect(redactSecrets(body)).toBe('{"consumerKey":"***","state":"pendingValidation","clientSecret":"***","note":"keep me"}');
    expect(redactSecrets('?client_secret=s3cr3t&x=1 access_token=tok')).toBe('?client_secret=***&x=1 access_token=***');
  });

  it('removes a longer secret whole even when it contains a shorter one', () => {
    expect(redactSecrets('value: abcdefgh', ['abcd', 'abcdefgh'])).toBe('value: ***');
  });

  it('ignores empty or very short "secrets" instead of shredding the text', () => {
    expect(redactSecrets('GET /order/cart (signed)', ['', undefined, null, 'a', 'or'])).toBe('GET /order/cart (signed)');
  });

  it('leaves ordinary text alone', () => {
    const line = '→ POST /order/cart/{cartId}/eco (signed) {"planCode":"24sk10","duration":"P1M","pricingMode":"default","quantity":1}';
    expect(redactSecrets(line, [AS, CK])).toBe(line);
  });
});

// README is documentation people copy from: its order-spec schema must be the one the code checks.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { orderSpecJsonSchema } from '../../src/domain/order-spec.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('shows the order spec JSON Schema the code enforces', () => {
    const match = /JSON Schema \(generated from the code[^\n]*\n+```json\n([\s\S]*?)\n```/.exec(readme);
    expect(match, 'README has a JSON Schema block for the order spec').not.toBeNull();
    expect(JSON.parse(match![1]!)).toEqual(JSON.parse(orderSpecJsonSchema()));
  });

  it('has a two-command quick start: the wizard on the sandbox, then the tests', () => {
    const quick = /## Quick start\n+```sh\n([\s\S]*?)\n```/.exec(readme);
    const lines = quick![1]!.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/wizard --sandbox/);
    expect(lines[1]).toMatch(/npm test/);
  });
});

// "No path in the code can post a checkout twice for one cart" starts with there being one path:
// the POST is built in one method of the API (never retried, refused twice per cart), called from
// one function (src/flows/checkout.ts, which the journal hooks wrap). This fails when another
// place starts posting checkouts.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'sandbox' ? [] : sources(full); // the sandbox serves checkouts, it does not post them
    return d.name.endsWith('.ts') ? [full] : [];
  });
}

describe('one way to check out', () => {
  const files = sources(path.join(repoRoot, 'src')).map((file) => ({ file: path.relative(repoRoot, file), text: fs.readFileSync(file, 'utf8') }));

  it('only src/ovh/api.ts builds POST /order/cart/{cartId}/checkout, without retries', () => {
    const posting = files.filter((f) => /['"`]POST['"`]\s*,\s*['"`]\/order\/cart\/\{cartId\}\/checkout['"`]/.test(f.text));
    expect(posting.map((f) => f.file)).toEqual([path.join('src', 'ovh', 'api.ts')]);
    expect(posting[0]!.text).toMatch(/'POST', '\/order\/cart\/\{cartId\}\/checkout'[^\n]*\{ retry: false \}/);
  });

  it('only src/flows/checkout.ts calls the API checkout', () => {
    const calling = files.filter((f) => /\bapi\.checkout\(|\.api\.checkout\(/.test(f.text));
    expect(calling.map((f) => f.file)).toEqual([path.join('src', 'flows', 'checkout.ts')]);
  });
});

// The range question describes each range by what its catalog holds (its offers' product lines,
// read from the catalog cache an earlier run filled), and makes no claim about a range it has not read.
import { describe, expect, it } from 'vitest';
import { loadOffers, type CachedCatalog, type CatalogCache } from '../../src/flows/offers-loader.js';
import { initialState } from '../../src/flows/wizard/state.js';
import { rangeStep } from '../../src/flows/wizard/steps/range.js';
import { scriptedPrompter } from '../helpers/scripted-prompter.js';
import { useWorld, wizardDeps } from './wizard-harness.js';

const world = useWorld();

function memoryCache(): CatalogCache {
  const entries = new Map<string, CachedCatalog>();
  const name = (key: { range: string; subsidiary: string; endpoint?: string }) => `${key.endpoint}|${key.range}|${key.subsidiary}`;
  return { get: (key) => entries.get(name(key)), set: (key, value) => void entries.set(name(key), value) };
}

describe('wizard range question', () => {
  it('lists the product lines each cached catalog really holds, and only names the others', async () => {
    const cache = memoryCache();
    const prompter = scriptedPrompter([{ id: 'range', answer: 'eco' }]);
    const deps = wizardDeps(world, prompter, {}, { cache });
    const subsidiary = deps.defaultSubsidiary!;
    const eco = await loadOffers(deps.api, { range: 'eco', subsidiary, cache, endpoint: deps.endpoint.apiUrl, now: deps.now });
    await rangeStep.run(initialState(deps.flags, 'fr-FR'), deps);
    const choices = prompter.asked.find((q) => q.id === 'range')!.choices!;
    const ecoChoice = choices.find((c) => c.value === 'eco')!;
    const families = new Set(eco.offers.map((o) => o.family));
    expect(families.has('kimsufi') && families.has('rise')).toBe(true);
    expect(ecoChoice.name).toMatch(/^eco\s+— .*Kimsufi.*Rise|^eco\s+— .*Rise.*Kimsufi/);
    expect(ecoChoice.name).not.toContain('High Grade');
    // Not read yet: described by what it is, with no list of product lines that could be wrong.
    expect(choices.find((c) => c.value === 'baremetal')!.name).toBe('baremetal  — the bare-metal servers catalog');
    expect(choices.map((c) => c.description ?? '').join('\n')).not.toMatch(/GET \/|cart product/);
  });
});

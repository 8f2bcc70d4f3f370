// The wizard's steps, driven by a scripted Prompter that fails on any question it did not expect,
// against the HTTPS sandbox through the real OvhApi. The sandbox's request log proves what reached
// the API (each label once, assign before preview and checkout, nothing posted twice).
import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/domain/errors.js';
import { CartSession, inspectCart } from '../../src/flows/cart-builder.js';
import { runWizard, type WizardDeps } from '../../src/flows/wizard/index.js';
import { initialState } from '../../src/flows/wizard/state.js';
import { configurationStep, orderDatacenters } from '../../src/flows/wizard/steps/configuration.js';
import { loadOffers } from '../../src/flows/offers-loader.js';
import { parseOrderSpec, validateSpecAgainstOffer, type OrderSpec } from '../../src/domain/order-spec.js';
import { BACK } from '../../src/ui/prompter.js';
import { ENTER, scriptedPrompter, type ScriptedAnswer } from '../helpers/scripted-prompter.js';
import { callsOf, postedLabels, useWorld, wizardDeps } from './wizard-harness.js';

const world = useWorld();

const CHECKOUT = '/order/cart/{cartId}/checkout';
const first = (choices: Array<{ value: unknown }>) => choices[0]!.value;

/** KS-3 (24sk30): memory and bandwidth have one choice each, storage two, no licence family. */
function ks3(datacenter = 'gra'): ScriptedAnswer[] {
  return [
    { id: 'offer', answer: '24sk30' },
    { id: 'billing', answer: 'default|P1M' },
    { id: 'quantity', answer: '1' },
    { id: 'option:storage', answer: first },
    { id: 'config:dedicated_datacenter', answer: datacenter },
  ];
}

async function run(deps: WizardDeps, prompter: ReturnType<typeof scriptedPrompter>) {
  const state = await runWizard(deps);
  expect(prompter.remaining()).toEqual([]);
  return state;
}

describe('questions asked and not asked', () => {
  it('with --range and a stored subsidiary, asks neither; single-value labels and region are filled in, never asked', async () => {
    const prompter = scriptedPrompter([...ks3('gra'), { id: 'confirm-order', answer: false }, { id: 'delete-cart', answer: true }]);
    const deps = wizardDeps(world, prompter, { range: 'eco' });
    const state = await run(deps, prompter);

    expect(prompter.asked.map((q) => q.id)).toEqual([
      'offer',
      'billing',
      'quantity',
      'option:storage',
      'config:dedicated_datacenter',
      'confirm-order',
      'delete-cart',
    ]);
    const log = world.sandbox.log;
    expect(postedLabels(log).sort()).toEqual(['dedicated_datacenter', 'dedicated_os', 'region']);
    const region = callsOf(log, 'POST', '/order/cart/{cartId}/item/{itemId}/configuration').find((e) => (e.body as { label: string }).label === 'region');
    expect(region?.body).toEqual({ label: 'region', value: 'europe' });
    expect(deps.output.text()).toMatch(/Operating system\s+none_64\.en \(the only choice\)/);
    expect(deps.output.text()).toMatch(/Region\s+europe \(from the datacenter\)/);
    // Declined: nothing ordered, the cart deleted.
    expect(state.outcome).toBe('declined');
    expect(callsOf(log, 'POST', CHECKOUT)).toHaveLength(0);
    expect(callsOf(log, 'DELETE', '/order/cart/{cartId}')).toHaveLength(1);
  });

  it('asks the range when --range is absent, and the final confirmation defaults to No', async () => {
    const prompter = scriptedPrompter([{ id: 'range', answer: 'eco' }, ...ks3(), { id: 'confirm-order', answer: false }, { id: 'delete-cart', answer: false }]);
    const deps = wizardDeps(world, prompter);
    const state = await run(deps, prompter);
    const range = prompter.asked.find((q) => q.id === 'range')!;
    expect(range.default).toBe('dedicated');
    expect(range.choices?.map((c) => c.value)).toEqual(['dedicated', 'baremetal', 'eco']);
    expect(prompter.asked.find((q) => q.id === 'confirm-order')!.default).toBe(false);
    expect(prompter.asked.find((q) => q.id === 'delete-cart')!.default).toBe(true);
    // Kept: the person is told how to resume it.
    expect(state.cartDeleted).toBe(false);
    expect(deps.output.text()).toContain(`ovh-order wizard --cart ${deps.cart.session!.cartId}`);
  });

  it('the offer list is cheapest first, shows stock, and --max-price / --min-ram pre-filter it', async () => {
    // One answer only: the run stops at the next question, which is all this test needs.
    const prompter = scriptedPrompter([{ id: 'offer', answer: '24sk10' }]);
    const deps = wizardDeps(world, prompter, { range: 'eco', maxPrice: 60, minRam: 32 });
    await expect(runWizard(deps)).rejects.toThrow(/Unexpected select question "billing"/);
    const offers = prompter.asked[0]!.choices!.filter((c) => !String(c.value).startsWith('::'));
    expect(offers.map((c) => c.value)).toEqual(['24ska01', '24sk10', '24sk30', '24sys01', '24rise01']);
    expect(offers[0]!.name).toMatch(/11,99 €\s+out of stock$/);
    expect(offers[1]!.name).toMatch(/^KS-1 24sk10\s+32 GB\s+2× 480 GB SSD\s+16,99 €\s+1 h$/);
    expect(offers.every((c) => c.name.length <= 76)).toBe(true);
    expect(prompter.asked[0]!.summary).toBe('5 of 8 offers, cheapest first, per month without tax');
    expect(prompter.asked[0]!.choices!.at(-1)!.name).toBe('⚙ Filters: RAM ≥ 32 GB, ≤ 60 EUR/month');
  });
});

describe('subsidiary', () => {
  it('--subsidiary is checked against the endpoint’s list before anything is created', async () => {
    const prompter = scriptedPrompter([]);
    const deps = wizardDeps(world, prompter, { range: 'eco', subsidiary: 'XX' }, { endpoint: { ...world.endpoint, subsidiaries: ['FR', 'GB', 'DE'] } });
    await expect(runWizard(deps)).rejects.toThrow(/Unknown subsidiary "XX"\. Allowed: FR, GB, DE\./);
    const other = wizardDeps(
      world,
      scriptedPrompter([]),
      { range: 'eco', subsidiary: 'us' },
      { endpoint: { ...world.endpoint, subsidiaries: ['FR', 'GB', 'DE'] } },
    );
    await expect(runWizard(other)).rejects.toThrow(/Subsidiary "us" \(United States\) is not served by this endpoint \(it is on the ovh-us API\)/);
    expect(callsOf(world.sandbox.log, 'POST', '/order/cart')).toHaveLength(0);
  });
});

describe('parallel waits', () => {
  it('creates the cart while the catalog downloads (the cart answers only once the catalog was requested)', async () => {
    const real = world.api();
    let catalogRequested = false;
    const api = new Proxy(real, {
      get(target, property, receiver) {
        if (property === 'getPublicCatalog') {
          return (...args: Parameters<typeof real.getPublicCatalog>) => {
            catalogRequested = true;
            return real.getPublicCatalog(...args);
          };
        }
        if (property === 'createCart') {
          return (...args: Parameters<typeof real.createCart>) =>
            new Promise((resolve, reject) =>
              setImmediate(() =>
                catalogRequested ? resolve(real.createCart(...args)) : reject(new Error('the cart was created before the catalog was requested')),
              ),
            );
        }
        return Reflect.get(target, property, receiver);
      },
    });
    const prompter = scriptedPrompter(ks3());
    const deps = wizardDeps(world, prompter, { range: 'eco', dryRun: true }, { api });
    const state = await run(deps, prompter);
    expect(state.outcome).toBe('dry-run');
  });
});

describe('stock', () => {
  it('choosing an out-of-stock offer asks for confirmation (default No); No returns to the list', async () => {
    const prompter = scriptedPrompter([
      { id: 'offer', answer: '24ska01' },
      { id: 'confirm-out-of-stock', answer: false },
      { id: 'offer', answer: '24ska01' },
      { id: 'confirm-out-of-stock', answer: true },
      { id: 'billing', answer: 'default|P1M' },
      { id: 'quantity', answer: '1' },
      { id: 'config:dedicated_datacenter', answer: 'bhs' },
      { id: 'confirm-datacenter-out-of-stock', answer: true },
      // OVH refuses the preview (no stock in bhs): back to the configuration, which is asked again.
      { id: 'preview-refused', answer: true },
    ]);
    const deps = wizardDeps(world, prompter, { range: 'eco', dryRun: true });
    await expect(runWizard(deps)).rejects.toThrow(/Unexpected select question "config:dedicated_datacenter"/);
    const confirm = prompter.asked.find((q) => q.id === 'confirm-out-of-stock')!;
    expect(confirm.default).toBe(false);
    expect(confirm.message).toContain('out of stock in every datacenter');
    expect(prompter.asked[0]!.choices!.find((c) => c.value === '24ska01')!.name).toContain('out of stock');
    expect(prompter.asked.find((q) => q.id === 'confirm-datacenter-out-of-stock')!.default).toBe(false);
    expect(deps.output.text()).toContain('OVH refused the price preview: The server 24ska01.ram-64g-noecc-2133.softraid-1x480ssd is not available in bhs');
  });

  it('a datacenter OVH refused is marked "refused by OVH" and never the default again; Enter moves on to the next', async () => {
    const prompter = scriptedPrompter([
      { id: 'offer', answer: '24ska01' },
      { id: 'confirm-out-of-stock', answer: true },
      { id: 'billing', answer: ENTER },
      { id: 'quantity', answer: ENTER },
      { id: 'config:dedicated_datacenter', answer: ENTER },
      { id: 'confirm-datacenter-out-of-stock', answer: ENTER },
      { id: 'config:dedicated_datacenter', answer: ENTER },
      { id: 'confirm-datacenter-out-of-stock', answer: ENTER },
      { id: 'config:dedicated_datacenter', answer: ENTER },
      { id: 'confirm-datacenter-out-of-stock', answer: true },
      { id: 'preview-refused', answer: ENTER },
      { id: 'config:dedicated_datacenter', answer: BACK },
    ]);
    const deps = wizardDeps(world, prompter, { range: 'eco', dryRun: true });
    await expect(runWizard(deps)).rejects.toThrow(/Unexpected/);
    const questions = prompter.asked.filter((q) => q.id === 'config:dedicated_datacenter');
    // Out of stock everywhere: Enter declines each in turn, the default moving on; an FR account gets Europe first.
    const defaults = questions.map((q) => q.default);
    expect(new Set(defaults.slice(0, 3)).size).toBe(3);
    expect(defaults[0]).not.toBe('bhs');
    const refused = questions[2]!.answer as string;
    expect(prompter.asked.find((q) => q.id === 'preview-refused')!.default).toBe(true);
    const after = questions[3]!;
    expect(after.default).not.toBe(refused);
    expect(after.choices!.find((c) => c.value === refused)!.name).toContain('refused by OVH');
    expect(after.choices!.at(-1)!.value).toBe(refused);
  });

  it('among equal delays the subsidiary’s own region comes first: an FR account does not get Canada by tie-break', () => {
    const stock = {
      planCode: 'x',
      fqn: 'x',
      match: 'exact' as const,
      soonest: null,
      orderableDatacenters: ['bhs', 'gra'],
      datacenters: [
        { datacenter: 'bhs', availability: '72H', orderable: true, label: '72 h', hours: 72 },
        { datacenter: 'gra', availability: '72H', orderable: true, label: '72 h', hours: 72 },
        { datacenter: 'rbx', availability: 'unavailable', orderable: false, label: 'out of stock', hours: null },
      ],
    };
    expect(orderDatacenters(['bhs', 'gra', 'rbx', 'waw'], stock, { homeRegion: 'europe' })).toEqual(['gra', 'bhs', 'waw', 'rbx']);
    expect(orderDatacenters(['bhs', 'gra', 'rbx', 'waw'], stock, { homeRegion: 'canada' })).toEqual(['bhs', 'gra', 'waw', 'rbx']);
    expect(orderDatacenters(['bhs', 'gra', 'rbx', 'waw'], undefined, { homeRegion: 'europe' })).toEqual(['gra', 'rbx', 'waw', 'bhs']);
  });

  it('the datacenter list shows the delay of the chosen hardware, orderable ones first', async () => {
    const prompter = scriptedPrompter([...ks3('gra')]);
    const deps = wizardDeps(world, prompter, { range: 'eco', dryRun: true });
    await run(deps, prompter);
    const question = prompter.asked.find((q) => q.id === 'config:dedicated_datacenter')!;
    const names = question.choices!.map((c) => c.name);
    const firstNotOrderable = names.findIndex((n) => /out of stock|coming soon|unknown/.test(n));
    const lastOrderable = names.map((n) => /\d+ h/.test(n)).lastIndexOf(true);
    expect(lastOrderable).toBeLessThan(firstNotOrderable === -1 ? Infinity : firstNotOrderable);
    expect(names.find((n) => n.startsWith('gra'))).toMatch(/gra\s+Gravelines, France\s+\d+ h/);
    expect(question.default).toBe(question.choices![0]!.value);
  });
});

describe('configuration labels', () => {
  it('a required label without allowed values is a text input checked by its type; optional free labels are not asked; all posted once', async () => {
    const loaded = await loadOffers(world.api(), { range: 'eco', subsidiary: 'FR' });
    const offer = loaded.offers.find((o) => o.planCode === '24sk30')!;
    const posted: Array<Array<{ label: string; value: string }>> = [];
    const fakeSession = {
      cartId: 'fake-cart',
      requiredConfiguration: async () => [
        { label: 'dedicated_datacenter', required: false, type: 'String', fields: null, allowedValues: ['gra', 'lon'] },
        { label: 'dedicated_os', required: true, type: 'String', fields: null, allowedValues: ['none_64.en'] },
        { label: 'region', required: true, type: 'String', fields: null, allowedValues: ['canada', 'europe'] },
        { label: 'rack_units', required: true, type: 'Integer', fields: null, allowedValues: null },
        { label: 'extra_reservation', required: false, type: 'String', fields: null, allowedValues: null },
        { label: 'TECH_ACCOUNT', required: false, type: 'Nichandle', fields: null },
      ],
      configure: async (_itemId: number, values: Array<{ label: string; value: string }>) => {
        posted.push(values);
        return [];
      },
    };
    const validations: Array<true | string> = [];
    const prompter = scriptedPrompter([
      { id: 'config:dedicated_datacenter', answer: 'lon' },
      { id: 'config:rack_units', answer: '2' },
    ]);
    const wrapped = {
      ...prompter,
      input: async (q: Parameters<typeof prompter.input>[0]) => {
        validations.push(q.validate!('two'), q.validate!('2'));
        return prompter.input(q);
      },
    };
    const deps = wizardDeps(
      world,
      wrapped,
      { range: 'eco' },
      {
        cart: {
          session: fakeSession as never,
          server: { itemId: 1, planCode: '24sk30', duration: 'P1M', pricingMode: 'default', quantity: 1 },
          options: new Map(),
        },
      },
    );
    const state = { ...initialState({ range: 'eco' }, 'fr-FR'), subsidiary: 'FR', offers: loaded, offer, options: [] };
    const next = await configurationStep.run(state, deps);
    expect(next).not.toBe(BACK);
    expect(prompter.remaining()).toEqual([]);
    expect(validations).toEqual(['Value "two" for "rack_units" is not a whole number.', true]);
    expect(posted).toEqual([
      [
        { label: 'dedicated_datacenter', value: 'lon' },
        { label: 'dedicated_os', value: 'none_64.en' },
        { label: 'region', value: 'europe' },
        { label: 'rack_units', value: '2' },
      ],
    ]);
  });
});

describe('back navigation', () => {
  it('back from billing returns to the list; back from options returns to billing; the cart holds only the final choice', async () => {
    const prompter = scriptedPrompter([
      { id: 'offer', answer: '24sk10' },
      { id: 'billing', answer: BACK },
      { id: 'offer', answer: '24sk30' },
      { id: 'billing', answer: 'default|P1M' },
      { id: 'quantity', answer: '1' },
      { id: 'option:storage', answer: BACK },
      { id: 'billing', answer: 'default|P1M' },
      { id: 'quantity', answer: '2' },
      { id: 'option:storage', answer: (c: Array<{ value: unknown }>) => c[1]!.value },
      { id: 'config:dedicated_datacenter', answer: 'gra' },
      { id: 'confirm-order', answer: false },
      { id: 'delete-cart', answer: false },
    ]);
    const deps = wizardDeps(world, prompter, { range: 'eco' });
    await run(deps, prompter);
    // Back from the list's successor restored the list with the earlier answer as default.
    expect(prompter.asked[2]!.default).toBe('24sk10');
    const inspection = await inspectCart(await CartSession.open(world.api(), deps.cart.session!.cartId));
    expect(inspection.server).toMatchObject({ planCode: '24sk30', quantity: 2 });
    expect(inspection.optionCodes.sort()).toEqual(['bandwidth-300-24sk30', 'ram-32g-ecc-2133-24sk30', 'softraid-2x2000sa-24sk30'].sort());
    expect(inspection.missing).toEqual([]);
    // Quantity changed: the first item was replaced once; every option was posted for the final item only.
    const log = world.sandbox.log;
    expect(callsOf(log, 'POST', '/order/cart/{cartId}/eco')).toHaveLength(2);
    expect(callsOf(log, 'DELETE', '/order/cart/{cartId}/item/{itemId}')).toHaveLength(1);
    expect(callsOf(log, 'POST', '/order/cart/{cartId}/eco/options').map((e) => (e.body as { quantity: number }).quantity)).toEqual([2, 2, 2]);
    expect(postedLabels(log).sort()).toEqual(['dedicated_datacenter', 'dedicated_os', 'region']);
  });

  it('back inside the options goes to the previous family, not out of the step', async () => {
    const prompter = scriptedPrompter([
      { id: 'offer', answer: '24sk10' },
      { id: 'billing', answer: 'default|P1M' },
      { id: 'quantity', answer: '1' },
      { id: 'option:storage', answer: first },
      { id: 'option:distribution-license', answer: BACK },
      { id: 'option:storage', answer: (c: Array<{ value: unknown }>) => c[1]!.value },
      { id: 'option:distribution-license', answer: '::none' },
      { id: 'config:dedicated_datacenter', answer: 'gra' },
    ]);
    const deps = wizardDeps(world, prompter, { range: 'eco', dryRun: true });
    const state = await run(deps, prompter);
    expect(state.options?.find((o) => o.family === 'storage')?.planCode).toBe('softraid-2x2000sa-24sk10');
    // The optional family offers "None" by default, and its choices show price differences.
    const licence = prompter.asked.find((q) => q.id === 'option:distribution-license')!;
    expect(licence.default).toBe('::none');
    expect(licence.choices!.map((c) => c.name).join('\n')).toMatch(/\+25,00 €\/month/);
  });
});

describe('checkout', () => {
  it('places one order: mandatory families filled, each label once, assigned before preview and checkout, waive false, autopay as answered', async () => {
    const prompter = scriptedPrompter([...ks3('gra'), { id: 'confirm-order', answer: true }, { id: 'autopay', answer: false }]);
    const deps = wizardDeps(world, prompter, { range: 'eco' });
    const state = await run(deps, prompter);
    const log = world.sandbox.log;
    const routes = log.map((e) => `${e.method} ${e.route}`);
    const assign = routes.indexOf('POST /order/cart/{cartId}/assign');
    expect(assign).toBeGreaterThan(-1);
    expect(assign).toBeLessThan(routes.indexOf(`GET ${CHECKOUT}`));
    expect(routes.filter((r) => r === `POST ${CHECKOUT}`)).toHaveLength(1);
    expect(callsOf(log, 'POST', CHECKOUT)[0]!.body).toEqual({ autoPayWithPreferredPaymentMethod: false, waiveRetractationPeriod: false });
    const labels = postedLabels(log);
    expect(new Set(labels).size).toBe(labels.length);
    const families = callsOf(log, 'POST', '/order/cart/{cartId}/eco/options').map((e) => (e.body as { planCode: string }).planCode);
    expect(families.some((c) => c.startsWith('ram-'))).toBe(true);
    expect(families.some((c) => c.startsWith('softraid-'))).toBe(true);
    expect(families.some((c) => c.startsWith('bandwidth-'))).toBe(true);
    expect(state.order?.orderId).toBe(world.sandbox.orders().at(-1)!.orderId);
    expect(deps.output.results()).toContain(`ovh-order status ${state.order!.orderId}`);
    expect(deps.output.results()).toMatch(/Total with tax\s+\d/);
    // The final confirmation states the total with tax.
    expect(prompter.asked.find((q) => q.id === 'confirm-order')!.message).toMatch(
      /Order .* in [a-z]+, (no commitment|\d+-month commitment|\d+ months upfront), for [\d ,]+ € with tax\?/,
    );
  });

  it('--waive-retraction explains the withdrawal right and asks again; the answer is what is sent', async () => {
    const prompter = scriptedPrompter([
      ...ks3(),
      { id: 'confirm-order', answer: true },
      { id: 'autopay', answer: true },
      { id: 'waive-retraction', answer: true },
    ]);
    const deps = wizardDeps(world, prompter, { range: 'eco', waiveRetraction: true });
    await run(deps, prompter);
    expect(prompter.asked.find((q) => q.id === 'waive-retraction')!.default).toBe(false);
    expect(deps.output.text()).toMatch(/withdrawal \(retraction\) period/);
    expect(callsOf(world.sandbox.log, 'POST', CHECKOUT).map((e) => e.body)).toEqual([
      { autoPayWithPreferredPaymentMethod: true, waiveRetractationPeriod: true },
    ]);
  });

  it('--dry-run stops after the preview and deletes the cart; --save writes a spec the order command accepts', async () => {
    const saved: OrderSpec[] = [];
    const prompter = scriptedPrompter(ks3('sbg'));
    const deps = wizardDeps(
      world,
      prompter,
      { range: 'eco', dryRun: true, save: 'ks3.json' },
      {
        saveSpec: async (spec) => {
          saved.push(spec);
          return 'ks3.json';
        },
      },
    );
    const state = await run(deps, prompter);
    const log = world.sandbox.log;
    expect(callsOf(log, 'GET', CHECKOUT)).toHaveLength(1);
    expect(callsOf(log, 'POST', CHECKOUT)).toHaveLength(0);
    expect(callsOf(log, 'DELETE', '/order/cart/{cartId}')).toHaveLength(1);
    expect(state.outcome).toBe('dry-run');
    expect(saved).toHaveLength(1);
    const spec = parseOrderSpec(JSON.parse(JSON.stringify(saved[0])));
    expect(spec).toMatchObject({
      version: 1,
      range: 'eco',
      subsidiary: 'FR',
      planCode: '24sk30',
      duration: 'P1M',
      pricingMode: 'default',
      quantity: 1,
      datacenter: 'sbg',
    });
    expect(spec.configuration).toEqual({});
    expect(validateSpecAgainstOffer(spec, state.offer, state.billing ? [state.billing] : undefined, state.requirements)).toEqual([]);
    expect(deps.output.text()).toContain('ovh-order order --spec ks3.json');
  });
});

describe('no account at first', () => {
  it('asks the subsidiary when nothing says it, and offers to log in when assigning needs it, then carries on with the same cart', async () => {
    const prompter = scriptedPrompter([{ id: 'subsidiary', answer: 'GB' }, ...ks3('lon'), { id: 'login-now', answer: true }]);
    let logins = 0;
    const deps = wizardDeps(
      world,
      prompter,
      { range: 'eco', dryRun: true },
      {
        api: world.api({ kind: 'none' }),
        defaultSubsidiary: undefined,
        login: async () => {
          logins++;
          return world.api();
        },
      },
    );
    const state = await run(deps, prompter);
    expect(logins).toBe(1);
    expect(state.subsidiary).toBe('GB');
    const log = world.sandbox.log;
    expect(callsOf(log, 'POST', '/order/cart')[0]!.body).toMatchObject({ ovhSubsidiary: 'GB' });
    const assigns = callsOf(log, 'POST', '/order/cart/{cartId}/assign');
    expect(assigns.map((a) => a.status)).toEqual([401, 200]);
    expect(assigns[1]!.path).toContain(deps.cart.session!.cartId);
    expect(deps.output.results()).toMatch(/£/);
  });
});

describe('resuming a cart', () => {
  it('shows what the cart holds and continues at the first missing step, posting nothing twice', async () => {
    const api = world.api();
    const session = await CartSession.create(api, { subsidiary: 'FR', now: new Date() });
    const item = await session.addServer('eco', { planCode: '24sk30', duration: 'P1M', pricingMode: 'default', quantity: 1 });
    const option = { duration: 'P1M', pricingMode: 'default', quantity: 1 };
    await session.addOptions('eco', item.itemId, [
      { planCode: 'ram-32g-ecc-2133-24sk30', ...option },
      { planCode: 'softraid-2x480ssd-24sk30', ...option },
    ]);
    await session.configure(item.itemId, [{ label: 'dedicated_datacenter', value: 'gra' }]);
    world.sandbox.clearLog();

    // Bandwidth is missing: the options step runs (storage asked with the cart's choice as default).
    const prompter = scriptedPrompter([
      { id: 'option:storage', answer: (c: Array<{ value: unknown }>) => c[0]!.value },
      { id: 'confirm-order', answer: false },
      { id: 'delete-cart', answer: false },
    ]);
    const deps = wizardDeps(world, prompter, { cart: session.cartId });
    await run(deps, prompter);
    expect(prompter.asked[0]!.default).toBe('softraid-2x480ssd-24sk30');
    expect(deps.output.text()).toMatch(/Missing\s+an option of the public bandwidth family/);
    // The cart's configuration in words: the label itself is only for typing --config.
    expect(deps.output.text()).toMatch(/^Datacenter\s+[a-z]+/m);
    expect(deps.output.text()).not.toContain('dedicated_datacenter');
    const log = world.sandbox.log;
    expect(callsOf(log, 'POST', '/order/cart/{cartId}/eco')).toHaveLength(0);
    expect(callsOf(log, 'POST', '/order/cart/{cartId}/eco/options').map((e) => (e.body as { planCode: string }).planCode)).toEqual(['bandwidth-300-24sk30']);
    expect(postedLabels(log).sort()).toEqual(['dedicated_os', 'region']);

    // A complete cart: straight to the preview and the confirmation.
    world.sandbox.clearLog();
    const again = scriptedPrompter([
      { id: 'confirm-order', answer: false },
      { id: 'delete-cart', answer: true },
    ]);
    const resumed = wizardDeps(world, again, { cart: session.cartId });
    await run(resumed, again);
    expect(resumed.output.text()).toMatch(/Missing\s+nothing/);
    expect(postedLabels(world.sandbox.log)).toEqual([]);
    expect(callsOf(world.sandbox.log, 'DELETE', '/order/cart/{cartId}')).toHaveLength(1);
  });

  it('refuses a cart that was already checked out', async () => {
    const prompter = scriptedPrompter([...ks3(), { id: 'confirm-order', answer: true }, { id: 'autopay', answer: false }]);
    const deps = wizardDeps(world, prompter, { range: 'eco' });
    await run(deps, prompter);
    const done = scriptedPrompter([]);
    await expect(runWizard(wizardDeps(world, done, { cart: deps.cart.session!.cartId }))).rejects.toThrow(/already checked out/);
  });
});

describe('interruption', () => {
  it('Ctrl-C during an API wait ends with InterruptedError, the cart id known for the resume line', async () => {
    const controller = new AbortController();
    const prompter = scriptedPrompter([
      { id: 'offer', answer: '24sk30' },
      {
        id: 'billing',
        answer: () => {
          controller.abort();
          return 'default|P1M';
        },
      },
      { id: 'quantity', answer: '1' },
    ]);
    const deps = wizardDeps(world, prompter, { range: 'eco' }, { signal: controller.signal });
    await expect(runWizard(deps)).rejects.toBeInstanceOf(InterruptedError);
    expect(deps.cart.session?.cartId).toMatch(/\w/);
  });
});

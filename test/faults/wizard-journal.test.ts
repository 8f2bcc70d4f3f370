// The wizard gets the same journal and lost-answer recovery as `ovh-order order` (through the
// checkout hooks the wizard command installs): a dropped checkout answer is looked up, not posted
// again, and repeating an unresolved order is put to the person as a question (default No).
// In-process with a scripted Prompter against the HTTPS sandbox.
import { sandboxKeys } from '../helpers/run-cli.js';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../../src/config/journal.js';
import { openSession } from '../../src/cli/session.js';
import { wizardCheckoutHooks } from '../../src/cli/order-journal.js';
import { UnresolvedOrderError } from '../../src/flows/checkout-recovery.js';
import { runWizard } from '../../src/flows/wizard/index.js';
import { createOutput } from '../../src/ui/terminal-output.js';
import { scriptedPrompter, type ScriptedAnswer } from '../helpers/scripted-prompter.js';
import { createTestContext } from '../helpers/test-context.js';
import { useWorld, wizardDeps } from '../flows/wizard-harness.js';
import { calls, CHECKOUT } from './helpers/fault-env.js';

const world = useWorld();

const first = (choices: Array<{ value: unknown }>) => choices[0]!.value;
const KS3_GRA: ScriptedAnswer[] = [
  { id: 'offer', answer: '24sk30' },
  { id: 'billing', answer: 'default|P1M' },
  { id: 'quantity', answer: '1' },
  { id: 'option:storage', answer: first },
  { id: 'config:dedicated_datacenter', answer: 'gra' },
  { id: 'confirm-order', answer: true },
  { id: 'autopay', answer: false },
];

describe('the wizard with the order journal', () => {
  it('a dropped checkout answer is found under /me/order; repeating it asks first, and No posts nothing', async () => {
    const { sandbox } = world;
    const ctx = createTestContext({
      env: {
        ...sandboxKeys(sandbox),
      },
    });
    ctx.globals.endpoint = sandbox.url;
    const output = createOutput(ctx);
    const session = await openSession(ctx, { needAccount: true, output });

    const wizard = (answers: ScriptedAnswer[]) => {
      const prompter = scriptedPrompter(answers);
      const deps = wizardDeps(world, prompter, { range: 'eco' });
      deps.checkoutHooks = wizardCheckoutHooks(ctx, session, deps.output, prompter, () => deps.api);
      return { prompter, deps };
    };

    // 1. The answer to the checkout is lost after it took effect.
    sandbox.addFault({ method: 'POST', route: CHECKOUT, kind: 'drop-after' });
    const one = wizard(KS3_GRA);
    const state = await runWizard(one.deps);
    expect(one.prompter.remaining()).toEqual([]);
    const orders = sandbox.orders();
    expect(orders).toHaveLength(1);
    expect(state.order?.orderId).toBe(orders[0]!.orderId);
    expect(one.deps.output.text()).toMatch(/answer to the checkout of cart .* was lost/);
    expect(calls(sandbox.log, 'POST', CHECKOUT)).toHaveLength(1);
    const journal = openJournal(ctx.env);
    expect(journal.recent()).toEqual([
      expect.objectContaining({
        cartId: orders[0]!.cartId,
        state: 'ordered',
        recovered: true,
        what: expect.objectContaining({ planCode: '24sk30', datacenter: 'gra', range: 'eco' }),
      }),
    ]);

    // 2. The same server again: the person is asked (default No); No posts nothing.
    const two = wizard([...KS3_GRA, { id: 'order-despite-unresolved', answer: false }]);
    await expect(runWizard(two.deps)).rejects.toBeInstanceOf(UnresolvedOrderError);
    expect(two.prompter.asked.find((q) => q.id === 'order-despite-unresolved')!.default).toBe(false);
    expect(two.deps.output.text()).toMatch(/earlier checkout of the same server has no confirmed outcome: 24sk30/);
    expect(calls(sandbox.log, 'POST', CHECKOUT)).toHaveLength(1);

    // 3. Yes: ordered, and the earlier entry is marked as knowingly overridden.
    const three = wizard([...KS3_GRA, { id: 'order-despite-unresolved', answer: true }]);
    await runWizard(three.deps);
    expect(sandbox.orders()).toHaveLength(2);
    expect(calls(sandbox.log, 'POST', CHECKOUT)).toHaveLength(2);
    expect(openJournal(ctx.env).unresolved()).toEqual([]);
  });
});

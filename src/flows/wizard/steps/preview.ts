// Step 7: the price preview. The cart is assigned first (checkout refuses an unassigned cart; when
// that needs credentials the person can log in right here and carry on with the same cart), then
// `GET …/checkout` is shown as a table. `--save` writes the spec here; `--dry-run` stops here and
// deletes the cart.
import { CliError, ExitCode } from '../../../domain/errors.js';
import { OvhApiError } from '../../../ovh/errors.js';
import { BACK } from '../../../ui/prompter.js';
import type { WizardStep } from '../runner.js';
import type { WizardDeps, WizardState } from '../state.js';
import { fqnOf, hardwareFromOptions } from '../../../domain/availability.js';
import { DATACENTER_LABEL } from '../../../domain/configuration.js';
import { normaliseDatacenter } from '../../../domain/places.js';
import { refusedDatacentersFor } from './configuration.js';
import { specFromState } from '../spec.js';
import { cartOf, purchaseFactsOf, wait } from '../support.js';

function needsCredentials(error: unknown): error is CliError {
  return error instanceof CliError && error.exitCode === ExitCode.credentials;
}

/** Assigns the cart; on a credentials refusal, offers to log in and retries once with the new API. */
async function assignWithLogin(deps: WizardDeps): Promise<void> {
  const session = await cartOf(deps);
  try {
    await wait(deps, 'Assigning the cart to your account', () => session.assign());
    return;
  } catch (error) {
    if (!needsCredentials(error) || !deps.login) throw error;
    deps.output.warn(`The price preview needs your OVH account: ${error.message}`);
    const go = await deps.prompter.confirm({ id: 'login-now', message: `Log in now and continue with cart ${session.cartId}?`, default: true });
    if (!go) throw error;
    const api = await deps.login();
    if (!api) throw error;
    deps.api = api;
    session.useApi(api);
  }
  await wait(deps, 'Assigning the cart to your account', () => session.assign());
}

/** Marks the configured datacenter as refused for the chosen hardware; returns how many are left. */
function markDatacenterRefused(state: WizardState, deps: WizardDeps): number {
  const offer = state.offer;
  const datacenter = state.configuration?.find((e) => e.label === DATACENTER_LABEL)?.value;
  if (!offer || datacenter === undefined) return 1;
  const refused = refusedDatacentersFor(
    deps,
    fqnOf(
      offer.planCode,
      hardwareFromOptions(
        offer,
        (state.options ?? []).map((o) => o.planCode),
      ),
    ),
  );
  refused.add(normaliseDatacenter(datacenter));
  const allowed = state.requirements?.find((r) => r.label === DATACENTER_LABEL)?.allowedValues ?? [];
  return allowed.length === 0 ? 1 : allowed.filter((v) => !refused.has(normaliseDatacenter(v))).length;
}

export const previewStep: WizardStep = {
  id: 'preview',
  async run(state, deps) {
    const session = await cartOf(deps);
    await assignWithLogin(deps);
    let preview;
    try {
      preview = await wait(deps, 'Getting the price preview', () => session.preview());
    } catch (error) {
      // OVH checks the configuration only now (e.g. "… is not available in bhs"): offer to change it.
      if (!(error instanceof OvhApiError) || error.kind !== 'bad-request') throw error;
      deps.output.warn(`OVH refused the price preview: ${error.ovhMessage ?? error.message}`);
      // The refusal is OVH's word on this hardware in this datacenter (whatever its text says):
      // marked in the datacenter question and never its default again, so Enter moves on.
      const left = markDatacenterRefused(state, deps);
      const change = await deps.prompter.confirm({ id: 'preview-refused', message: 'Go back and change the configuration?', default: left > 0 });
      if (change) return BACK;
      throw error;
    }
    deps.output.result(`\n${deps.view.preview(preview, state.locale, state.billing?.duration ?? 'P1M', purchaseFactsOf(state))}\n`);
    let next = { ...state, preview };
    if (deps.flags.save && deps.saveSpec) {
      const endpoint = deps.sandbox ? undefined : deps.endpoint.isPreset ? deps.endpoint.name : deps.endpoint.apiUrl;
      const spec = specFromState(state, endpoint);
      const where = await deps.saveSpec(spec);
      deps.output.success(`Order spec saved to ${where}: replay it with \`ovh-order order --spec ${where}\`.`);
      next = { ...next, savedSpec: where };
    }
    if (deps.flags.dryRun) {
      await wait(deps, 'Deleting the cart', () => session.delete());
      deps.output.success(`Dry run: nothing was bought. Cart ${session.cartId} was deleted.`);
      return { ...next, outcome: 'dry-run', cartDeleted: true };
    }
    return next;
  },
};

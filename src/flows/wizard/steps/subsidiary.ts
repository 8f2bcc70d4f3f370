// Step 2: the subsidiary (country of the OVH account): `--subsidiary`, else the stored profile's,
// else `GET /me`; asked only when none of those can say. Validated against the endpoint's list.
// As soon as it is known, the cart is created — in parallel with the catalog download.
import { CliError, ExitCode } from '../../../domain/errors.js';
import { localeOfSubsidiary, subsidiaryInfo, validateSubsidiary } from '../../../domain/subsidiaries.js';
import { BACK } from '../../../ui/prompter.js';
import type { WizardStep } from '../runner.js';
import type { WizardDeps } from '../state.js';
import { startCart, wait } from '../support.js';

/** The subsidiary without asking, or undefined when nothing says it (no flag, no profile, no account). */
export async function knownSubsidiary(deps: WizardDeps): Promise<string | undefined> {
  const allowed = deps.endpoint.subsidiaries;
  if (deps.flags.subsidiary) return validateSubsidiary(deps.flags.subsidiary, allowed);
  if (deps.defaultSubsidiary) {
    const code = deps.defaultSubsidiary.toUpperCase();
    if (allowed.includes(code)) return code;
    deps.output.warn(`Your profile's subsidiary ${code} is not served by ${deps.endpoint.name}; choose one.`);
    return undefined;
  }
  try {
    const me = await wait(deps, 'Reading your account', () => deps.api.getMe());
    const code = me.ovhSubsidiary?.toUpperCase();
    return code && allowed.includes(code) ? code : undefined;
  } catch (error) {
    // No credentials (or not enough): the person can still browse and build a cart.
    if (error instanceof CliError && error.exitCode === ExitCode.credentials) return undefined;
    throw error;
  }
}

export const subsidiaryStep: WizardStep = {
  id: 'subsidiary',
  skip: (state) => state.subsidiary !== undefined,
  async run(state, deps) {
    let subsidiary = await knownSubsidiary(deps);
    if (!subsidiary) {
      const answer = await deps.prompter.select<string>({
        id: 'subsidiary',
        message: 'Which OVH subsidiary (the country your account is in)?',
        choices: deps.endpoint.subsidiaries.map((code) => ({
          value: code,
          name: `${code.padEnd(5)} ${subsidiaryInfo(code)?.name ?? ''}`.trimEnd(),
          short: code,
        })),
        suggested: deps.endpoint.subsidiaries[0],
        allowBack: deps.canGoBack === true,
      });
      if (answer === BACK) return BACK;
      subsidiary = answer;
    }
    startCart(deps, subsidiary);
    return { ...state, subsidiary, locale: localeOfSubsidiary(subsidiary) };
  },
};

// Step 3: browse the offers — a searchable list (type to filter), cheapest first, with CPU, RAM,
// storage, monthly price and the soonest delivery delay; a filter menu for RAM, price, datacenter
// and text (pre-filled by --search, --min-ram, --max-price, --datacenter). Out-of-stock offers are
// marked, and choosing one asks for confirmation.
import { filterOffers, sortOffers, type OfferFilter } from '../../../domain/filters.js';
import { parseDatacenterList } from '../../../domain/places.js';
import { isOutOfStock } from '../../../domain/availability.js';
import { BACK, type Choice, type Prompter } from '../../../ui/prompter.js';
import type { StockedOffer } from '../../../domain/stocked-offers.js';
import type { WizardStep } from '../runner.js';
import type { WizardDeps, WizardState } from '../state.js';

const FILTERS = '::filters';

/** `RAM ≥ 64 GB, ≤ 50 €/month, in gra/rbx, "rise"`; empty when no filter. */
function describeFilter(filter: OfferFilter, currency: string | null): string {
  const parts: string[] = [];
  if (filter.search) parts.push(`"${filter.search}"`);
  if (filter.minRamGb !== undefined) parts.push(`RAM ≥ ${filter.minRamGb} GB`);
  if (filter.maxMonthly !== undefined) parts.push(`≤ ${filter.maxMonthly} ${currency ?? ''}/month`.replace(' /', '/'));
  if (filter.datacenters && filter.datacenters.length > 0) parts.push(`in ${filter.datacenters.join('/')}`);
  return parts.join(', ');
}

/** The offers shown for a filter: filtered, cheapest first. */
function visibleOffers(offers: readonly StockedOffer[], filter: OfferFilter): StockedOffer[] {
  const availability = new Map(offers.map((o) => [o.planCode, o.availability]));
  const kept = new Set(filterOffers(offers, filter, availability).map((o) => o.planCode));
  const byCode = new Map(offers.map((o) => [o.planCode, o]));
  return sortOffers(
    offers.filter((o) => kept.has(o.planCode)),
    'price',
    availability,
  ).map((o) => byCode.get(o.planCode)!);
}

function nonNegative(text: string): true | string {
  if (text.trim() === '') return true;
  const n = Number(text.replace(',', '.'));
  return Number.isFinite(n) && n >= 0 ? true : `"${text}" is not a number of 0 or more (leave empty for no limit).`;
}

/** The filter menu: change one filter at a time until "Show the offers". */
async function editFilter(prompter: Prompter, filter: OfferFilter, currency: string | null): Promise<OfferFilter> {
  let current = { ...filter };
  for (;;) {
    const answer = await prompter.select<string>({
      id: 'filter',
      message: `Filters${describeFilter(current, currency) ? ` (${describeFilter(current, currency)})` : ''}:`,
      choices: [
        { value: 'done', name: 'Show the offers' },
        { value: 'search', name: `Text: ${current.search ?? 'any'}` },
        { value: 'minRam', name: `Minimum RAM: ${current.minRamGb !== undefined ? `${current.minRamGb} GB` : 'any'}` },
        { value: 'maxPrice', name: `Maximum monthly price: ${current.maxMonthly !== undefined ? `${current.maxMonthly} ${currency ?? ''}`.trim() : 'any'}` },
        { value: 'datacenters', name: `Datacenters: ${current.datacenters?.join(', ') || 'any'}` },
        { value: 'clear', name: 'Clear every filter' },
      ],
      default: 'done',
      allowBack: true,
    });
    if (answer === BACK || answer === 'done') return current;
    if (answer === 'clear') current = {};
    // Esc in a filter's input returns to this menu, the filter unchanged.
    if (answer === 'search') {
      const text = await prompter.input({
        id: 'filter:search',
        message: 'Words the offer must contain (empty: any):',
        default: current.search ?? '',
        allowBack: true,
      });
      if (text !== BACK) current = { ...current, search: text.trim() || undefined };
    }
    if (answer === 'minRam') {
      const text = await prompter.input({
        id: 'filter:min-ram',
        message: 'Minimum RAM in GB (empty: any):',
        default: current.minRamGb?.toString() ?? '',
        validate: nonNegative,
        allowBack: true,
      });
      if (text !== BACK) current = { ...current, minRamGb: text.trim() ? Number(text.replace(',', '.')) : undefined };
    }
    if (answer === 'maxPrice') {
      const text = await prompter.input({
        id: 'filter:max-price',
        message: `Maximum monthly price${currency ? ` in ${currency}` : ''} (empty: any):`,
        default: current.maxMonthly?.toString() ?? '',
        validate: nonNegative,
        allowBack: true,
      });
      if (text !== BACK) current = { ...current, maxMonthly: text.trim() ? Number(text.replace(',', '.')) : undefined };
    }
    if (answer === 'datacenters') {
      const text = await prompter.input({
        id: 'filter:datacenters',
        message: 'Datacenters, comma-separated (e.g. gra,rbx; empty: any):',
        default: current.datacenters?.join(',') ?? '',
        allowBack: true,
      });
      if (text !== BACK) {
        const codes = parseDatacenterList(text);
        current = { ...current, datacenters: codes.length > 0 ? codes : undefined };
      }
    }
  }
}

function offerChoices(offers: readonly StockedOffer[], state: WizardState, deps: WizardDeps): Array<Choice<string>> {
  return offers.map((offer) => ({
    value: offer.planCode,
    name: deps.view.offerLine(offer, offer.availability, state.locale),
    short: `${offer.name.split('|')[0]!.trim()} (${offer.planCode})`,
    description: deps.view.offerDescription(offer, offer.availability, state.locale),
  }));
}

export const browseStep: WizardStep = {
  id: 'browse',
  skip: (state) => state.resumed?.offer === true && state.offer !== undefined,
  async run(state, deps) {
    const loaded = state.offers!;
    let filter = state.filter;
    let filtersEdited = false;
    for (;;) {
      const shown = visibleOffers(loaded.offers, filter);
      const described = describeFilter(filter, loaded.currency);
      if (shown.length === 0) {
        deps.output.warn(`No offer of the ${loaded.range} range matches ${described || 'the filters'} (${loaded.offers.length} in the catalog).`);
        filter = await editFilter(deps.prompter, filter, loaded.currency);
        filtersEdited = true;
        continue;
      }
      const answer = await deps.prompter.search<string>({
        id: 'offer',
        message: 'Which server?',
        choices: [
          ...offerChoices(shown, state, deps),
          { value: FILTERS, name: `⚙ Filters${described ? `: ${described}` : ' (RAM, price, datacenter, text)'}`, description: 'Change the filters' },
        ],
        // After "back", the server still in the cart (else the runner's memory) is the previous
        // answer. Back from the filter menu, the cheapest offer: not the Filters entry, nor the
        // text typed to find it.
        default: state.offer?.planCode ?? deps.cart.server?.planCode ?? (filtersEdited ? shown[0]!.planCode : undefined),
        allowBack: deps.canGoBack === true,
        pageSize: 10,
        // Under the list, following the typed text (part of the prompt, so going back erases it too).
        // The filters themselves are named on the Filters entry.
        matchSummary: (matching) =>
          `${matching.filter((c) => c.value !== FILTERS).length} of ${loaded.offers.length} offers, cheapest first, per month without tax`,
      });
      if (answer === BACK) return BACK;
      if (answer === FILTERS) {
        filter = await editFilter(deps.prompter, filter, loaded.currency);
        filtersEdited = true;
        continue;
      }
      const offer = shown.find((o) => o.planCode === answer)!;
      if (isOutOfStock(offer.availability)) {
        const go = await deps.prompter.confirm({
          id: 'confirm-out-of-stock',
          message: `${offer.name} (${offer.planCode}) is out of stock in every datacenter. Configure it anyway?`,
          default: false,
        });
        if (!go) continue;
      }
      return { ...state, filter, offer };
    }
  },
};

// What `watch` watches, resolved against the catalog once at start: plan codes (default hardware),
// a spec file (its exact hardware and options), or requirements that any matching offer satisfies.
import { UsageError } from '../domain/errors.js';
import { defaultHardware, hardwareFromOptions } from '../domain/availability.js';
import { filterOffers } from '../domain/filters.js';
import { RANGES, type Range } from '../domain/offer-model.js';
import { parseOrderSpec, type OrderSpec } from '../domain/order-spec.js';
import { targetKey, type WatchTarget } from '../domain/watch.js';
import { loadOfferByPlan, loadOffers, type CatalogApi, type CatalogCache } from './offers-loader.js';

export interface WatchWhat {
  plans: readonly string[];
  range?: Range;
  /** A spec file's parsed document (the wizard's --save output). */
  specDocument?: unknown;
  specSource?: string;
  search?: string;
  minRamGb?: number;
  /** Requirement: the offer's monthly price at most this. */
  maxMonthly?: number;
}

export interface ResolvedWatch {
  targets: WatchTarget[];
  /** The spec file, when one was given (its datacenter is the preference when --datacenter is not). */
  spec?: OrderSpec;
  /** `plans`, `spec` or `requirements`. */
  mode: 'plans' | 'spec' | 'requirements';
}

export interface ResolveOptions {
  subsidiary: string;
  cache?: CatalogCache;
  endpointKey?: string;
  now: () => Date;
}

/** At most this many offers are watched by requirements (one stock call covers them all; the list is for people). */
const MAX_REQUIREMENT_TARGETS = 200;

export async function resolveWatchTargets(api: CatalogApi, what: WatchWhat, options: ResolveOptions): Promise<ResolvedWatch> {
  // The stock is the loop's to ask for (filtered); the catalog is read without it.
  const noStock = Promise.resolve([]);
  const lookup = { subsidiary: options.subsidiary, cache: options.cache, endpoint: options.endpointKey, now: options.now, availabilities: noStock };
  const hasRequirements = what.search !== undefined || what.minRamGb !== undefined || what.maxMonthly !== undefined;
  const kinds = [what.plans.length > 0, what.specDocument !== undefined, hasRequirements].filter(Boolean).length;
  if (kinds > 1) {
    throw new UsageError('Watch either plans (--plan), a spec (--spec), or requirements (--search, --min-ram, --max-price): not several at once.', {
      code: 'watch_what_conflict',
      hint: 'Run one watch per kind; each keeps its own state.',
    });
  }

  if (what.specDocument !== undefined) {
    const spec = parseOrderSpec(what.specDocument, what.specSource ?? 'The spec');
    const { offer } = await loadOfferByPlan(api, { ...lookup, subsidiary: spec.subsidiary, planCode: spec.planCode, range: spec.range });
    const target: WatchTarget = { ...targetFor(offer, hardwareFromOptions(offer, spec.options), true), specOptions: spec.options };
    return { targets: [target], spec, mode: 'spec' };
  }

  if (what.plans.length > 0) {
    const targets: WatchTarget[] = [];
    for (const planCode of [...new Set(what.plans.map((p) => p.trim()))]) {
      const { offer } = await loadOfferByPlan(api, { ...lookup, planCode, range: what.range });
      targets.push(defaultTarget(offer));
    }
    return { targets, mode: 'plans' };
  }

  if (!hasRequirements && what.range === undefined) {
    throw new UsageError('Say what to watch: --plan CODE (repeatable), --spec FILE, or requirements (--range, --search, --min-ram, --max-price).', {
      code: 'missing_input',
      hint: 'For example: ovh-order watch --plan 24rise01 --datacenter gra,rbx',
    });
  }
  const ranges = what.range ? [what.range] : [...RANGES];
  const loaded = await Promise.all(ranges.map((range) => loadOffers(api, { ...lookup, range })));
  const matching = loaded.flatMap((l) => filterOffers(l.offers, { search: what.search, minRamGb: what.minRamGb, maxMonthly: what.maxMonthly }));
  if (matching.length === 0) {
    throw new UsageError(
      `No offer of the ${ranges.join(', ')} range${ranges.length > 1 ? 's' : ''} (${options.subsidiary}) matches these requirements, so there is nothing to watch.`,
      {
        code: 'nothing_to_watch',
        hint: 'Loosen --search, --min-ram or --max-price; `ovh-order catalog` shows what there is.',
      },
    );
  }
  const targets = matching.slice(0, MAX_REQUIREMENT_TARGETS).map(defaultTarget);
  return { targets, mode: 'requirements' };
}

/** An offer watched with the hardware it is listed with (its key is the plan code alone). */
export function defaultTarget(offer: NonNullable<WatchTarget['offer']>): WatchTarget {
  return targetFor(offer, defaultHardware(offer), false);
}

/** An offer watched with `hardware`; a spec's hardware is part of the key (another spec is another watch). */
function targetFor(offer: NonNullable<WatchTarget['offer']>, hardware: WatchTarget['hardware'], explicitHardware: boolean): WatchTarget {
  return {
    key: targetKey(offer.planCode, hardware, explicitHardware),
    planCode: offer.planCode,
    range: offer.range,
    name: offer.name,
    hardware,
    monthly: offer.monthly,
    setup: offer.setup,
    offer,
  };
}

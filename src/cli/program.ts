// The commander program: every command's flags, help and examples. Only commander is loaded here;
// each action module is imported when its command runs, so `--help` stays instant.
import { refuseBadValues } from './input-checks.js';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Context } from '../runtime/context.js';
import { applyGlobalOptions, refuseStrayDataPack } from './globals.js';
import { CATALOG_TABLE_LIMIT } from './defaults.js';

const VERSION = '0.1.0';

/** An action module: `src/cli/actions/<name>.ts` exports `run`. Returning a number sets the exit code. */
type ActionModule = {
  run(ctx: Context, options: Record<string, unknown>, args: string[], command: Command): Promise<number | void>;
};

const actionLoaders: Record<string, () => Promise<ActionModule>> = {
  wizard: () => import('./actions/wizard.js'),
  login: () => import('./actions/login.js'),
  logout: () => import('./actions/logout.js'),
  whoami: () => import('./actions/whoami.js'),
  catalog: () => import('./actions/catalog.js'),
  order: () => import('./actions/order.js'),
  status: () => import('./actions/status.js'),
  'cart show': () => import('./actions/cart-show.js'),
  'cart list': () => import('./actions/cart-list.js'),
  'cart delete': () => import('./actions/cart-delete.js'),
  'cart prune': () => import('./actions/cart-prune.js'),
  sandbox: () => import('./actions/sandbox.js'),
  watch: () => import('./actions/watch.js'),
  completion: () => import('./actions/completion.js'),
};

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}

/**
 * A number option's parser: blank is refused (Number('') would be 0), and so is anything outside
 * [min, max] (stated in the message and the help), e.g. a --timeout beyond what Node's timers hold.
 */
function numberIn(min: number, max: number, options: { integer?: boolean } = {}): (value: string) => number {
  const kind = options.integer ? 'a whole number' : 'a number';
  const range = `from ${min} to ${max}`;
  return (value: string) => {
    const n = value.trim() === '' ? Number.NaN : Number(value);
    const inRange = Number.isFinite(n) && n >= min && n <= max;
    if (!inRange || (options.integer && !Number.isInteger(n))) throw new InvalidArgumentError(`"${value}" is not ${kind} ${range}.`);
    return n;
  };
}

/** One API call's deadline, in seconds (Node's timers hold at most ~24.8 days). */
const API_TIMEOUT_MAX_S = 3600;
/** How long `login` waits for the key to be validated, in seconds. */
const LOGIN_WAIT_MAX_S = 86_400;
const positiveInt = numberIn(1, 1_000_000, { integer: true });
const memoryGb = numberIn(0, 1_000_000);
const priceAmount = numberIn(0, 1_000_000_000);

/** `--commitment`: the months OVH sells commitments for (the plan's own choices are checked later). */
const COMMITMENT_MONTHS = [12, 24];
function commitmentMonths(value: string): number {
  const months = Number(value.trim());
  if (!COMMITMENT_MONTHS.includes(months))
    throw new InvalidArgumentError(`"${value}" is not a commitment; allowed: ${COMMITMENT_MONTHS.join(' or ')} (months).`);
  return months;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const RANGES = ['dedicated', 'baremetal', 'eco'];

export function buildProgram(ctx: Context): Command {
  const program = new Command('ovh-order');
  program
    .description('Order OVHcloud dedicated (bare-metal) servers from a terminal.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addOption(new Option('--endpoint <endpoint>', 'API endpoint: ovh-eu, ovh-ca, ovh-us, or an https URL').env('OVH_ENDPOINT'))
    .option('--sandbox', 'use the built-in OVH API sandbox (no account needed)')
    .option('--stock-schedule <file>', 'with --sandbox: scripted stock that changes over time (JSON, see README)')
    .addOption(
      new Option('--data-pack <dir>', 'with --sandbox or `sandbox`: serve the recorded OVH catalogs and stock in this folder').env(
        'OVH_ORDER_SANDBOX_DATA_PACK',
      ),
    )
    .option('--profile <name>', 'stored credentials profile', 'default')
    .option('--debug', 'print API calls on stderr (secrets redacted) and stack traces')
    .option('--no-color', 'disable colours (also NO_COLOR)')
    .addOption(
      new Option('--timeout <seconds>', `timeout of one API call, in seconds (0 to ${API_TIMEOUT_MAX_S}; 0: the default 30)`).argParser(
        numberIn(0, API_TIMEOUT_MAX_S),
      ),
    )
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      examples([
        'ovh-order wizard --sandbox              # try the whole flow, no account needed',
        'ovh-order login                         # create and store API credentials',
        'ovh-order catalog --range eco --available --max-price 60',
        'ovh-order order --spec server.json --yes --json',
        'ovh-order status 123456789 --wait',
      ]) + '\nExit codes: 0 ok, 1 API or runtime failure, 2 usage or invalid input, 3 credentials, 130 interrupted.\n',
    );

  const define = (parent: Command, name: string, key = name): Command => {
    const command = parent.command(name);
    command.exitOverride().configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    });
    command.action(async (...received: unknown[]) => {
      // commander passes positional args (strings, or numbers after an argParser), then the options
      // object, then the command.
      const cmd = received[received.length - 1] as Command;
      const args = received.slice(0, -2).flatMap((a) => (Array.isArray(a) ? a.map(String) : a === undefined ? [] : [String(a as string | number)]));
      refuseBadValues(cmd, args);
      applyGlobalOptions(ctx, cmd.optsWithGlobals());
      refuseStrayDataPack(ctx, key);
      const loader = actionLoaders[key];
      if (!loader) throw new Error(`No action for command "${key}".`);
      const module = await loader();
      const code = await module.run(ctx, cmd.optsWithGlobals(), args, cmd);
      if (typeof code === 'number') ctx.exitCode = code;
    });
    return command;
  };

  define(program, 'wizard')
    .description('browse the catalog, configure a server, see the real price, and order it, interactively')
    .addOption(new Option('--range <range>', 'catalog range').choices(RANGES))
    .option('--subsidiary <code>', 'OVH subsidiary (FR, GB, DE, CA, US…); default: your account’s')
    .option('--search <text>', 'pre-filter offers by text')
    .addOption(new Option('--min-ram <GB>', 'pre-filter: minimum memory in GB').argParser(memoryGb))
    .addOption(new Option('--max-price <amount>', 'pre-filter: maximum monthly price').argParser(priceAmount))
    .option('--datacenter <codes>', 'pre-filter: datacenters, comma-separated (e.g. gra,rbx)')
    .option('--cart <cartId>', 'resume an existing cart')
    .option('--dry-run', 'go as far as the price preview, then delete the cart: nothing is bought')
    .option('--save <file>', 'write the choices as an order spec for `ovh-order order --spec`')
    .option('--waive-retraction', 'waive the legal withdrawal period (asked again before ordering)')
    .option('--refresh', 'ignore the catalog cache')
    .addHelpText(
      'after',
      examples([
        'ovh-order wizard --sandbox',
        'ovh-order wizard --range eco --subsidiary FR --max-price 50',
        'ovh-order wizard --dry-run --save rise1.json',
        'ovh-order wizard --cart 5b2a6b4e-2f3c-4f0e-9a51-3c1d2e4f5a6b',
      ]),
    );

  define(program, 'login')
    .description('create, validate and store OVH API credentials (or check and store existing ones)')
    .option('--app-key <key>', 'application key (from the createApp page)')
    .option('--app-secret <secret>', 'application secret')
    .option('--consumer-key <key>', 'an existing consumer key to check and store')
    .option('--client-id <id>', 'OAuth2 service account client id')
    .option('--client-secret <secret>', 'OAuth2 service account client secret')
    .option('--no-browser', 'do not open the validation page in a browser')
    .addOption(
      new Option('--timeout <seconds>', `how long to wait for the key to be validated (0 to ${LOGIN_WAIT_MAX_S})`)
        .argParser(numberIn(0, LOGIN_WAIT_MAX_S))
        .default(600),
    )
    .addHelpText(
      'after',
      examples([
        'ovh-order login',
        'ovh-order login --endpoint ovh-eu --app-key AK --app-secret AS',
        'ovh-order login --endpoint ovh-ca --app-key AK --app-secret AS --consumer-key CK',
        'ovh-order login --client-id ID --client-secret SECRET --profile ci',
      ]),
    );

  define(program, 'logout')
    .description('remove the stored credentials of a profile')
    .option('--revoke', 'also revoke the consumer key on OVH first')
    .addHelpText('after', examples(['ovh-order logout', 'ovh-order logout --revoke --profile ci']));

  define(program, 'whoami')
    .description('show which account and credentials are in use, and whether they work')
    .option('--json', 'print one JSON document')
    .addHelpText('after', examples(['ovh-order whoami', 'ovh-order whoami --json --profile ci']));

  define(program, 'catalog')
    .description('list the offers of a range with prices, setup fees and stock')
    .addOption(new Option('--range <range>', 'catalog range').choices(RANGES).default('dedicated'))
    .option('--subsidiary <code>', 'OVH subsidiary; default: your account’s, else the endpoint’s first')
    .option('--datacenter <codes>', 'only offers orderable in these datacenters (comma-separated)')
    .option('--available', 'only offers in stock somewhere (or in --datacenter)')
    .addOption(new Option('--max-price <amount>', 'maximum monthly price').argParser(priceAmount))
    .addOption(new Option('--min-ram <GB>', 'minimum memory in GB').argParser(memoryGb))
    .option('--search <text>', 'filter by text (name, plan code, CPU)')
    .addOption(new Option('--sort <key>', 'sort order').choices(['price', 'ram', 'cpu', 'delay']).default('price'))
    .addOption(new Option('--limit <n>', `show the first n offers in sort order (table default: ${CATALOG_TABLE_LIMIT}; --json: all)`).argParser(positiveInt))
    .addOption(new Option('--all', 'show every offer that matches').conflicts('limit'))
    .option('--refresh', 'ignore the catalog cache')
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      examples([
        'ovh-order catalog --sandbox',
        'ovh-order catalog --range eco --subsidiary FR --available --sort delay',
        'ovh-order catalog --range eco --all | grep -i rise',
        'ovh-order catalog --range baremetal --datacenter gra,rbx --min-ram 64 --json',
      ]),
    );

  define(program, 'order')
    .description('order a server unattended, from flags or from a spec file')
    .option('--spec <file>', 'order spec (JSON) written by `wizard --save`; flags override it')
    .option('--plan <code>', 'plan code of the server (see `ovh-order catalog`)')
    .addOption(new Option('--range <range>', 'catalog range').choices(RANGES))
    .option('--subsidiary <code>', 'OVH subsidiary')
    .option('--datacenter <code>', 'datacenter (e.g. gra, rbx, bhs)')
    .option('--os <value>', 'operating system (the dedicated_os value; default: the only one offered)')
    .option('--config <label=value>', 'a required-configuration value (repeatable)', collect)
    .option('--option <planCode>', 'a hardware option plan code (repeatable)', collect)
    .addOption(
      new Option('--commitment <months>', 'commit for 12 or 24 months (a lower monthly price), paid monthly')
        .argParser(commitmentMonths)
        .conflicts(['pricingMode', 'duration']),
    )
    .addOption(new Option('--upfront', 'with --commitment: pay the whole commitment now').conflicts(['pricingMode', 'duration']))
    .option('--pricing-mode <mode>', 'expert: the API pricing mode (default, degressivity12, upfront12…); see --commitment')
    .option('--duration <period>', 'expert: the API billing period with --pricing-mode (P1M; upfront12 is P1Y, upfront24 P2Y)')
    .addOption(new Option('--quantity <n>', 'how many servers').argParser(positiveInt))
    .option('--dry-run', 'build the cart and show the price preview, then delete the cart')
    .option('-y, --yes', 'buy without asking (required when there is no terminal)')
    .option('--autopay', 'pay with the preferred payment method')
    .option('--waive-retraction', 'waive the legal withdrawal period (off unless given)')
    .addOption(new Option('--max-price <amount>', 'refuse to check out above this total without tax').argParser(priceAmount))
    .option('--keep-cart', 'keep the cart after a dry run or a refusal')
    .option('--force', 'order even though the journal has an unresolved order for the same thing')
    .option('--json', 'print one JSON document {cartId, preview, order}')
    .addHelpText(
      'after',
      examples([
        'ovh-order order --sandbox --range eco --plan 24rise01 --subsidiary FR --datacenter gra --dry-run',
        'ovh-order order --spec rise1.json --yes --json',
        'ovh-order order --plan 24rise01 --range eco --subsidiary FR --datacenter rbx --option ram-64g-ecc-3200-24rise --yes --max-price 80',
        'ovh-order order --plan 24rise01 --range eco --subsidiary FR --datacenter gra --commitment 12 --upfront --dry-run',
      ]),
    );

  define(program, 'watch')
    .description('wait for stock and say when an offer can be ordered (and, only if asked, order it first)')
    .option('--plan <code>', 'plan code to watch (repeatable)', collect)
    .addOption(new Option('--range <range>', 'catalog range (of --plan, or every offer of it as a requirement)').choices(RANGES))
    .option('--spec <file>', 'watch the exact hardware and options of an order spec (`wizard --save`)')
    .option('--search <text>', 'requirement: offers whose name, plan code or CPU has these words')
    .addOption(new Option('--min-ram <GB>', 'requirement: at least this much memory').argParser(memoryGb))
    .addOption(
      new Option(
        '--max-price <amount>',
        'requirement: monthly price at most this; with --order, the quote total without tax (setup included) at most this',
      ).argParser(priceAmount),
    )
    .option('--subsidiary <code>', 'OVH subsidiary (prices and carts); default: your account’s')
    .option('--datacenter <codes>', 'datacenters in order of preference, comma-separated (e.g. gra,rbx,sbg)')
    .option('--max-delay <hours>', 'longest delivery delay that counts as in stock (e.g. 24h, 72h, 3d); default: any orderable one')
    .addOption(new Option('--interval <seconds>', 'seconds between stock checks (10 to 86400)').argParser(numberIn(10, 86_400)).default(60))
    .option('--once', 'check once: exit 0 when something is orderable, 1 when not')
    .option('--notify-command <command>', 'run this shell command on each event (event JSON on stdin, OVH_ORDER_* variables)')
    .option('--webhook <url>', 'POST each event as JSON (with a text/content field for Slack and Discord); repeatable', collect)
    .option('--ntfy <url>', 'publish each event to this ntfy topic URL')
    .option('--order', 'order when stock appears (needs --max-price and --yes)')
    .option('-y, --yes', 'with --order: buy without asking (nobody is there to confirm)')
    .addOption(new Option('--max-orders <n>', 'with --order: at most this many orders by this watch, counted in the journal').argParser(positiveInt).default(1))
    .option('--autopay', 'with --order: pay with the preferred payment method')
    .option('--waive-retraction', 'with --order: waive the legal withdrawal period (off unless given)')
    .option('--json', 'print one JSON object per event (NDJSON)')
    .addHelpText(
      'after',
      examples([
        'ovh-order watch --sandbox --plan 24ska01 --range eco --once',
        'ovh-order watch --plan 24rise01 --plan 24rise02 --range eco --datacenter gra,rbx --max-delay 72h',
        'ovh-order watch --range eco --search rise --max-price 60 --json',
        'ovh-order watch --spec rise1.json --ntfy https://ntfy.sh/my-topic --notify-command \'notify-send "$OVH_ORDER_TEXT"\'',
        'ovh-order watch --spec rise1.json --order --max-price 120 --yes --datacenter gra,rbx',
      ]) +
        '\nTelegram: set OVH_ORDER_TELEGRAM_TOKEN and OVH_ORDER_TELEGRAM_CHAT_ID (never a flag).\nAt most 40 API calls a minute over the whole run, the order included.\n',
    );

  define(program, 'status')
    .description('show an order’s status and follow-up; without an id, the recent orders of the journal')
    .argument('[orderId]', 'order id (from `ovh-order order` or the wizard)')
    .option('--wait', 'poll until delivered (exit 0) or cancelled (exit 1)')
    .option('--json', 'print one JSON document')
    .addHelpText('after', examples(['ovh-order status', 'ovh-order status 123456789 --wait', 'ovh-order status 123456789 --json']));

  const cart = program.command('cart').description('inspect and tidy carts');
  cart.exitOverride().configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) });
  define(cart, 'show', 'cart show')
    .description('show a cart: items, options, configuration, what is missing, and the price preview')
    .argument('<cartId>', 'cart id')
    .option('--json', 'print one JSON document')
    .addHelpText('after', examples(['ovh-order cart show 5b2a6b4e-2f3c-4f0e-9a51-3c1d2e4f5a6b', 'ovh-order cart show <cartId> --json']));
  define(cart, 'list', 'cart list')
    .description('list your carts (needs credentials)')
    .option('--json', 'print one JSON document')
    .addHelpText('after', examples(['ovh-order cart list', 'ovh-order cart list --json']));
  define(cart, 'delete', 'cart delete')
    .description('delete carts')
    .argument('<cartId...>', 'cart ids')
    .option('--json', 'print one JSON document')
    .addHelpText('after', examples(['ovh-order cart delete <cartId> <cartId>']));
  define(cart, 'prune', 'cart prune')
    .description('delete expired carts and carts ovh-order created that are older than a limit')
    .option('--older-than <age>', 'age limit (e.g. 30m, 24h, 7d)', '24h')
    .option('--dry-run', 'only list what would be deleted')
    .option('--json', 'print one JSON document')
    .addHelpText('after', examples(['ovh-order cart prune --dry-run', 'ovh-order cart prune --older-than 2h']));

  define(program, 'sandbox')
    .description('serve the OVH API sandbox over HTTPS for your own scripts, until Ctrl-C')
    .addOption(new Option('--port <n>', 'port to listen on (0: any free port)').argParser(numberIn(0, 65_535, { integer: true })).default(0))
    .addOption(new Option('--latency <ms>', 'added latency per request (0 to 60000)').argParser(numberIn(0, 60_000)).default(0))
    .addOption(new Option('--region <region>', 'which OVH API to simulate (default: the one --endpoint names, else eu)').choices(['eu', 'ca', 'us']))
    .addHelpText(
      'after',
      examples([
        'ovh-order sandbox',
        'ovh-order sandbox --port 8443 --latency 100',
        'ovh-order sandbox --endpoint ovh-ca',
        'ovh-order sandbox --data-pack ../shared/fixtures/ovh',
        'ovh-order sandbox --stock-schedule stock.json   # stock appears and vanishes',
      ]),
    );

  define(program, 'completion')
    .description('print the shell completion script: commands, flags and the values they take')
    .argument('[shell]', 'bash, zsh or fish')
    // What the scripts call when TAB is pressed after --plan: the plan codes in the catalog cache.
    .addOption(new Option('--list <values>', 'print completion values').choices(['plans']).hideHelp())
    .addHelpText(
      'after',
      examples([
        'source <(ovh-order completion bash)          # this shell; add the line to ~/.bashrc to keep it',
        'source <(ovh-order completion zsh)           # this shell; add the line to ~/.zshrc to keep it',
        'ovh-order completion fish > ~/.config/fish/completions/ovh-order.fish',
      ]) + '\nPlan codes complete from the catalog cache: run `ovh-order catalog` once to fill it.\n',
    );

  return program;
}

// `ovh-order completion bash|zsh|fish`: the script is written from the commander program itself
// (every command, subcommand and flag, so a new command completes without touching this file),
// with the values the CLI knows: a flag's choices (ranges, sort keys…), subsidiaries, datacenters,
// endpoint presets, file names for files, and plan codes read from the catalog cache when TAB is
// pressed (`ovh-order completion --list plans`: no network, nothing when nothing is cached).
import type { Command } from 'commander';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** What a flag's value completes to. */
type ValueSource = { kind: 'words'; words: readonly string[] } | { kind: 'files' } | { kind: 'plans' } | { kind: 'free' };

interface FlagSpec {
  long: string;
  short?: string;
  description: string;
  value: ValueSource | null;
}

interface CommandSpec {
  /** Words from the root: `[]` for the program, `['cart', 'show']`. */
  path: string[];
  description: string;
  flags: FlagSpec[];
  subcommands: string[];
}

/** The value lists that do not come from commander (they are the CLI's own tables). */
export interface KnownValues {
  subsidiaries: readonly string[];
  datacenters: readonly string[];
  endpoints: readonly string[];
}

const FILE_FLAGS = new Set(['--spec', '--save']);

function valueOf(option: Command['options'][number], known: KnownValues): ValueSource | null {
  if (!option.required && !option.optional) return null;
  const long = option.long ?? '';
  if (option.argChoices) return { kind: 'words', words: option.argChoices };
  if (long === '--subsidiary') return { kind: 'words', words: known.subsidiaries };
  if (long === '--datacenter') return { kind: 'words', words: known.datacenters };
  if (long === '--endpoint') return { kind: 'words', words: known.endpoints };
  if (long === '--plan') return { kind: 'plans' };
  if (FILE_FLAGS.has(long)) return { kind: 'files' };
  return { kind: 'free' };
}

function describe(command: Command, path: string[], known: KnownValues): CommandSpec[] {
  const visible = command.commands.filter((sub) => !(sub as Command & { _hidden?: boolean })._hidden);
  const flags: FlagSpec[] = command.options
    .filter((option) => !option.hidden && option.long)
    .map((option) => ({ long: option.long!, short: option.short, description: option.description, value: valueOf(option, known) }));
  flags.push({ long: '--help', short: '-h', description: 'show help', value: null });
  const own: CommandSpec = { path, description: command.description(), flags, subcommands: visible.map((sub) => sub.name()) };
  return [own, ...visible.flatMap((sub) => describe(sub, [...path, sub.name()], known))];
}

export function completionScript(shell: Shell, program: Command, known: KnownValues): string {
  const specs = describe(program, [], known);
  const name = program.name();
  if (shell === 'bash') return bashScript(name, specs);
  if (shell === 'zsh') return zshScript(name, specs);
  return fishScript(name, specs);
}

const fn = (name: string) => `_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
/** Single-quoted for sh (bash, zsh, fish all read '…' literally; a ' inside closes and reopens). */
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
const fishQuote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const keyOf = (path: readonly string[]) => path.join(' ');

function valueFlags(specs: readonly CommandSpec[]): Map<string, ValueSource> {
  const result = new Map<string, ValueSource>();
  for (const spec of specs) for (const flag of spec.flags) if (flag.value) result.set(flag.long, flag.value);
  return result;
}

function bashValues(value: ValueSource, name: string): string {
  switch (value.kind) {
    case 'words':
      return `COMPREPLY=($(compgen -W ${quote(value.words.join(' '))} -- "$cur"))`;
    case 'files':
      return 'COMPREPLY=($(compgen -f -- "$cur"))';
    case 'plans':
      return `COMPREPLY=($(compgen -W "$(${name} completion --list plans 2>/dev/null)" -- "$cur"))`;
    case 'free':
      return 'COMPREPLY=()';
  }
}

function bashScript(name: string, specs: readonly CommandSpec[]): string {
  const values = [...valueFlags(specs)].map(([flag, value]) => `    ${flag}) ${bashValues(value, name)}; return ;;`).join('\n');
  const root = specs[0]!;
  const globals = root.flags.map((f) => f.long).join(' ');
  const paths = specs.map((spec) => quote(keyOf(spec.path))).join(' ');
  const words = specs
    .map(
      (spec) =>
        `    ${quote(keyOf(spec.path))}) subs=${quote(spec.subcommands.join(' '))}; flags=${quote(spec.flags.map((f) => [f.long, f.short].filter(Boolean).join(' ')).join(' '))} ;;`,
    )
    .join('\n');
  return `# ${name} completion for bash. Load it with:
#   source <(${name} completion bash)          (or save it in ~/.local/share/bash-completion/completions/${name})
${fn(name)}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  # --flag=value: bash splits at '=', so the flag is the word before it.
  if [[ "$prev" == "=" ]]; then prev="\${COMP_WORDS[COMP_CWORD-2]}"; fi
  if [[ "$cur" == "=" ]]; then prev="\${COMP_WORDS[COMP_CWORD-1]}"; cur=""; fi
  case "$prev" in
${values}
  esac
  # The command the words so far name: each bare word that extends a known command path.
  local key="" word i known=(${paths})
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    [[ "$word" == -* ]] && continue
    local next="\${key:+$key }$word" k
    for k in "\${known[@]}"; do [[ "$k" == "$next" ]] && key="$next" && break; done
  done
  local subs flags
  case "$key" in
${words}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$flags ${globals}" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$subs" -- "$cur"))
  fi
}
complete -o default -F ${fn(name)} ${name}
`;
}

function zshValues(value: ValueSource, name: string): string {
  switch (value.kind) {
    case 'words':
      return `compadd -- ${value.words.map(quote).join(' ')}`;
    case 'files':
      return '_files';
    case 'plans':
      return `compadd -- \${(f)"$(${name} completion --list plans 2>/dev/null)"}`;
    case 'free':
      return ':';
  }
}

/** `name:description` pairs for _describe, with the colon in a name escaped. */
const described = (pairs: ReadonlyArray<[string, string]>) => pairs.map(([word, text]) => quote(`${word.replace(/:/g, '\\:')}:${text}`)).join(' ');

function zshScript(name: string, specs: readonly CommandSpec[]): string {
  const byName = new Map(specs.map((spec) => [keyOf(spec.path), spec]));
  const values = [...valueFlags(specs)].map(([flag, value]) => `    ${flag}) ${zshValues(value, name)}; return ;;`).join('\n');
  const root = specs[0]!;
  const flagPairs = (spec: CommandSpec): Array<[string, string]> =>
    [...spec.flags, ...(spec === root ? [] : root.flags)].flatMap((f) => [
      [f.long, f.description] as [string, string],
      ...(f.short ? [[f.short, f.description] as [string, string]] : []),
    ]);
  const cases = specs
    .map((spec) => {
      const subs = spec.subcommands.map((sub): [string, string] => [sub, byName.get(keyOf([...spec.path, sub]))?.description ?? '']);
      return `    ${quote(keyOf(spec.path))}) subs=(${described(subs)}); flags=(${described(flagPairs(spec))}) ;;`;
    })
    .join('\n');
  const paths = specs.map((spec) => quote(keyOf(spec.path))).join(' ');
  return `#compdef ${name}
# ${name} completion for zsh. Load it with:
#   source <(${name} completion zsh)      (or save it as _${name} in a folder of your $fpath)
${fn(name)}() {
  local cur="\${words[CURRENT]}" prev="\${words[CURRENT-1]}"
  if [[ "$cur" == --*=* ]]; then prev="\${cur%%=*}"; compset -P '*='; fi
  case "$prev" in
${values}
  esac
  local key="" word i next
  local -a known=(${paths}) subs flags
  for ((i = 2; i < CURRENT; i++)); do
    word="\${words[i]}"
    [[ "$word" == -* ]] && continue
    next="\${key:+$key }$word"
    (( \${known[(Ie)$next]} )) && key="$next"
  done
  case "$key" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then
    _describe -t options 'option' flags
  elif (( \${#subs} )); then
    _describe -t commands 'command' subs
  else
    _files
  fi
}
if [[ "\${funcstack[1]}" == "${fn(name)}" ]]; then ${fn(name)} "$@"; else compdef ${fn(name)} ${name}; fi
`;
}

function fishScript(name: string, specs: readonly CommandSpec[]): string {
  const lines = [
    `# ${name} completion for fish. Load it with:`,
    `#   ${name} completion fish | source      (or save it as ~/.config/fish/completions/${name}.fish)`,
    `complete -c ${name} -f`,
  ];
  const root = specs[0]!;
  // Conditions: the subcommand words seen so far are exactly this command's path.
  const condition = (path: readonly string[], spec: CommandSpec) => {
    if (path.length === 0) return `__fish_use_subcommand`;
    const parts = path.map((word) => `__fish_seen_subcommand_from ${word}`);
    if (spec.subcommands.length > 0) parts.push(`not __fish_seen_subcommand_from ${spec.subcommands.join(' ')}`);
    return parts.join('; and ');
  };
  const fishValues = (value: ValueSource): string => {
    switch (value.kind) {
      case 'words':
        return ` -x -a ${fishQuote(value.words.join(' '))}`;
      case 'files':
        return ' -r -F';
      case 'plans':
        return ` -x -a ${fishQuote(`(${name} completion --list plans 2>/dev/null)`)}`;
      case 'free':
        return ' -x';
    }
  };
  const flagLine = (flag: FlagSpec, cond: string | null) =>
    `complete -c ${name}${cond ? ` -n ${fishQuote(cond)}` : ''} -l ${flag.long.replace(/^--/, '')}${flag.short ? ` -s ${flag.short.replace(/^-/, '')}` : ''}${flag.value ? fishValues(flag.value) : ''} -d ${fishQuote(flag.description)}`;
  for (const flag of root.flags) lines.push(flagLine(flag, null));
  const byName = new Map(specs.map((spec) => [keyOf(spec.path), spec]));
  for (const spec of specs) {
    const cond = condition(spec.path, spec);
    for (const sub of spec.subcommands)
      lines.push(`complete -c ${name} -n ${fishQuote(cond)} -a ${fishQuote(sub)} -d ${fishQuote(byName.get(keyOf([...spec.path, sub]))?.description ?? '')}`);
    if (spec !== root) for (const flag of spec.flags) lines.push(flagLine(flag, spec.path.map((word) => `__fish_seen_subcommand_from ${word}`).join('; and ')));
  }
  return `${lines.join('\n')}\n`;
}

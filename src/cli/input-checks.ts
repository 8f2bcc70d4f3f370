// Values refused before any call, whatever the command: an empty flag or argument (commander
// passes `--subsidiary ''` through as '', which would mean "the default" further on, or 0 for a
// number) and control characters (they end up in HTTP headers and URLs, where they fail as a
// "network error"). Exit 2 naming the flag; the value itself is not echoed (it may be a secret).
import type { Command, Option } from 'commander';
import { UsageError } from '../domain/errors.js';

// C0 controls, DEL and C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function refuseBadValues(command: Command, args: readonly string[]): void {
  for (const current of lineage(command)) {
    for (const option of current.options) {
      const key = option.attributeName();
      const value: unknown = current.getOptionValue(key);
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item !== 'string') continue;
        checkText(item, optionName(current, option), option.description);
        if (option.flags.includes('<cartId>')) checkCartId(item.trim());
      }
    }
  }
  const declared = command.registeredArguments;
  args.forEach((arg, i) => {
    // A variadic last argument (`<cartId...>`) takes every remaining value.
    const spec = declared[Math.min(i, declared.length - 1)];
    const name = spec?.name() ?? `argument ${i + 1}`;
    checkText(arg, `<${name}> of \`${command.name()}\``, spec?.description ?? '');
    if (name === 'cartId') checkCartId(arg.trim());
  });
}

/** A cart id goes into the URL path: `.` and `..` would be read as dot-segments, `/` as another route. */
function checkCartId(id: string): void {
  if (id === '.' || id === '..' || id.includes('/')) {
    throw new UsageError(`"${id}" is not a cart id: a cart id is one path segment, such as 6f4d0c5e-…-2a1b (see \`ovh-order cart list\`).`, {
      code: 'invalid_cart_id',
    });
  }
}

function checkText(value: string, name: string, description: string): void {
  const expected = description ? ` Expected: ${description}.` : '';
  if (value.trim() === '') {
    throw new UsageError(`${name} is empty ("${value}").${expected}`, { code: 'empty_value', hint: 'Give a value, or leave the flag out to use its default.' });
  }
  const at = value.search(CONTROL);
  if (at >= 0) {
    const code = value.codePointAt(at)!.toString(16).toUpperCase().padStart(4, '0');
    throw new UsageError(`${name} contains a control character (U+${code}) at position ${at + 1}; only printable text is allowed.${expected}`, {
      code: 'control_character',
      hint: 'Copy the value again without the invisible character (a pasted tab or newline, for instance).',
    });
  }
}

/** `--subsidiary`, or `OVH_ENDPOINT` when the value came from the environment. */
function optionName(command: Command, option: Option): string {
  if (command.getOptionValueSource(option.attributeName()) === 'env' && option.envVar) return option.envVar;
  return option.long ?? option.flags;
}

function lineage(command: Command): Command[] {
  const out: Command[] = [];
  for (let c: Command | null = command; c; c = c.parent) out.push(c);
  return out;
}

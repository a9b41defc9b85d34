import { z } from 'zod';
import { CHANNEL_NAMES, contract, SECRET, type ChannelName } from '../../shared/contract';
import { VALID_INPUTS } from './contract-samples';

export interface BadInput<Name extends string = ChannelName> {
  /** The channel (or route) the input is for. */
  channel: Name;
  /** What is wrong, for the test name. */
  label: string;
  input: unknown;
  /** The field the error must name (dot-joined path). */
  field: string;
}

const TEN_KB = 'a'.repeat(10 * 1024);
const HOSTILE_STRINGS: [string, string, { secretToo: boolean }][] = [
  ['10 kB string', TEN_KB, { secretToo: true }],
  ['HTML', '<img src=x onerror=alert(1)>', { secretToo: false }],
  ['script tag', '<script>alert(1)</script>', { secretToo: false }],
  ['RTL override', '\u202Egpj.exe', { secretToo: false }],
  ['CRLF injection', 'x\r\nBcc: victim@example.com', { secretToo: true }],
  ['NUL byte', 'x\u0000y', { secretToo: true }],
];

function unwrap(schema: z.ZodType): { type: z.ZodType; optional: boolean } {
  if (schema instanceof z.ZodOptional) return { type: schema.unwrap() as z.ZodType, optional: true };
  // A pipe checks first, then parses into its output schema: the cases come from the latter.
  if (schema instanceof z.ZodPipe) return { type: schema.def.out as z.ZodType, optional: false };
  return { type: schema, optional: false };
}

/** `value` with `path` replaced (or removed, for `undefined`), without touching the original. */
function withValue(value: Record<string, unknown>, path: string[], replacement: unknown): Record<string, unknown> {
  const [head, ...rest] = path as [string, ...string[]];
  const copy = { ...value };
  if (rest.length > 0) copy[head] = withValue((value[head] ?? {}) as Record<string, unknown>, rest, replacement);
  else if (replacement === undefined) delete copy[head];
  else copy[head] = replacement;
  return copy;
}

function fieldCases<Name extends string>(
  channel: Name,
  valid: Record<string, unknown>,
  shape: Record<string, z.ZodType>,
  prefix: string[],
): BadInput<Name>[] {
  const cases: BadInput<Name>[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    const path = [...prefix, key];
    const field = path.join('.');
    const { type, optional } = unwrap(schema);
    const put = (label: string, value: unknown) =>
      cases.push({ channel, label: `${field} ${label}`, input: withValue(valid, path, value), field });
    if (!optional) put('missing', undefined);
    if (type instanceof z.ZodDiscriminatedUnion) {
      // Recurse into the branch the valid sample takes.
      const sample = valid[key] as Record<string, unknown>;
      const discriminator = type.def.discriminator;
      const branch = (type.options as z.ZodObject[]).find(
        (o) => (o.shape[discriminator] as z.ZodLiteral).value === sample[discriminator],
      );
      put('is a string', 'everything');
      put(`has an unknown ${discriminator}`, { [discriminator]: 'other' });
      cases.at(-1)!.field = `${field}.${discriminator}`;
      if (branch) cases.push(...fieldCases(channel, valid, branch.shape as Record<string, z.ZodType>, path));
      continue;
    }
    if (type instanceof z.ZodObject) {
      put('is a string', 'everything');
      put('has an unknown field', { ...((valid[key] as object) ?? {}), $where: '1' });
      cases.at(-1)!.field = `${field}.$where`;
      cases.push(...fieldCases(channel, valid, type.shape as Record<string, z.ZodType>, path));
      continue;
    }
    put('of the wrong type', type instanceof z.ZodString || type instanceof z.ZodEnum ? 12345 : 'not-a-number');
    put('is an object', { $gt: '' });
    if (type instanceof z.ZodBoolean) put('is the string "true"', 'true');
    if (type instanceof z.ZodString || type instanceof z.ZodEnum) {
      // A secret is opaque text: markup and direction marks are legitimate in a password.
      const secret = type.description === SECRET;
      for (const [what, value, { secretToo }] of HOSTILE_STRINGS) if (secretToo || !secret) put(`is ${what}`, value);
    }
    if (type instanceof z.ZodNumber) {
      for (const [what, value] of [
        ['negative', -1],
        ['fractional', 1.5],
        ['huge', 1e21],
        ['a numeric string', '10'],
      ] as const) {
        put(`is ${what}`, value);
      }
    }
  }
  return cases;
}

/** Every way a schema says an input to `channel` can be wrong, starting from a valid one. */
export function schemaBadInputs<Name extends string>(
  channel: Name,
  schema: z.ZodObject,
  valid: Record<string, unknown>,
): BadInput<Name>[] {
  const cases: BadInput<Name>[] = [];
  for (const [label, input] of [
    ['null', null],
    ['an array', [valid]],
    ['a string', 'pools'],
    ['a number', 42],
  ] as const) {
    cases.push({ channel, label: `input is ${label}`, input, field: 'input' });
  }
  cases.push({ channel, label: 'an unknown field', input: { ...valid, isAdmin: true }, field: 'isAdmin' });
  for (const key of ['__proto__', 'constructor', 'toString']) {
    const extra = JSON.parse(`{"${key}": {"polluted": true}}`) as Record<string, unknown>;
    cases.push({ channel, label: `a "${key}" field`, input: { ...valid, ...extra }, field: key });
  }
  cases.push(...fieldCases(channel, valid, schema.shape as Record<string, z.ZodType>, []));
  return cases;
}

/** Every way the contract itself says an input can be wrong, derived from its schemas. */
export function badInputs(): BadInput[] {
  return CHANNEL_NAMES.flatMap((channel) =>
    schemaBadInputs(channel, contract[channel].input as z.ZodObject, VALID_INPUTS[channel] as Record<string, unknown>),
  );
}

import { z } from 'zod';
import { CHANNEL_NAMES, contract, type ChannelName } from '../../shared/contract';
import { VALID_INPUTS } from './contract-samples';

export interface BadInput {
  channel: ChannelName;
  /** What is wrong, for the test name. */
  label: string;
  input: unknown;
  /** The field the error must name. */
  field: string;
}

const TEN_KB = 'a'.repeat(10 * 1024);
const HOSTILE_STRINGS: [string, string][] = [
  ['10 kB string', TEN_KB],
  ['HTML', '<img src=x onerror=alert(1)>'],
  ['script tag', '<script>alert(1)</script>'],
  ['RTL override', '\u202Egpj.exe'],
  ['CRLF injection', 'x\r\nBcc: victim@example.com'],
  ['NUL byte', 'x\u0000y'],
];

function base(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
}

/** Every way the contract itself says an input can be wrong, derived from its schemas. */
export function badInputs(): BadInput[] {
  const cases: BadInput[] = [];
  for (const channel of CHANNEL_NAMES) {
    const schema = contract[channel].input as z.ZodObject;
    const valid = VALID_INPUTS[channel] as Record<string, unknown>;
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

    for (const [key, field] of Object.entries(schema.shape)) {
      const type = base(field as z.ZodType);
      const optional = field instanceof z.ZodOptional;
      if (!optional) {
        const { [key]: _dropped, ...missing } = valid;
        cases.push({ channel, label: `${key} missing`, input: missing, field: key });
      }
      const wrongType = type instanceof z.ZodString || type instanceof z.ZodEnum ? 12345 : 'not-a-number';
      cases.push({ channel, label: `${key} of the wrong type`, input: { ...valid, [key]: wrongType }, field: key });
      cases.push({ channel, label: `${key} is an object`, input: { ...valid, [key]: { $gt: '' } }, field: key });
      if (type instanceof z.ZodString || type instanceof z.ZodEnum) {
        for (const [what, value] of HOSTILE_STRINGS) {
          cases.push({ channel, label: `${key} is ${what}`, input: { ...valid, [key]: value }, field: key });
        }
      }
      if (type instanceof z.ZodNumber) {
        for (const [what, value] of [
          ['negative', -1],
          ['fractional', 1.5],
          ['huge', 1e21],
          ['NaN-like string', 'NaN'],
        ] as const) {
          cases.push({ channel, label: `${key} is ${what}`, input: { ...valid, [key]: value }, field: key });
        }
      }
    }
  }
  return cases;
}

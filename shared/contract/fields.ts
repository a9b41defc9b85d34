import { z } from 'zod';

// C0/C1 controls (CR, LF, NUL, …) never belong in a name or an address.
export const CONTROL_CHARS = /\p{Cc}/u;
// Explicit direction controls let a string display differently from what it is (the
// "RLO" spoofing trick). Right-to-left *letters* are fine; only the invisible controls are refused.
export const DIRECTION_CONTROLS = /\p{Bidi_Control}/u;
// Zero-width spaces and joiners, soft hyphens, fillers: characters that draw nothing, so two
// names that differ only by them look identical.
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
export const MARKUP = /[<>]/;

/** A host name or an IP address; never a URL or anything with spaces. */
export const HOST_NAME =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|[0-9a-f:]+)$/i;

/** The checks every line of human text gets, in the order their messages are most useful. */
function readable(schema: z.ZodString, label: string) {
  return schema
    .refine((v) => !CONTROL_CHARS.test(v), `${label} cannot contain line breaks or control characters.`)
    .refine((v) => !DIRECTION_CONTROLS.test(v), `${label} cannot contain text-direction control characters.`)
    .refine((v) => !INVISIBLE.test(v), `${label} cannot contain invisible characters, such as zero-width spaces.`)
    .refine((v) => !MARKUP.test(v), `${label} cannot contain < or >.`);
}

/** "Name is required." when the field is absent, "Name must be text." when it is not a string. */
function textTypeError(label: string) {
  return (issue: { input: unknown }) =>
    issue.input === undefined ? `${label} is required.` : `${label} must be text.`;
}

/**
 * Single-line human text (names): trimmed, NFC-normalised (so one name has one spelling),
 * bounded, nothing invisible, no markup.
 */
export function plainText(label: string, max: number) {
  const text = z
    .string({ error: textTypeError(label) })
    .trim()
    .normalize('NFC')
    .min(1, `${label} is required.`)
    .max(max, `${label} must be ${max} characters or fewer.`);
  return readable(text, label);
}

// Deliberately narrower than RFC 5322: ChatGPT account emails are plain ASCII addresses, and a
// strict shape keeps quoted locals, comments and header-injection tricks out entirely.
const EMAIL_SHAPE =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const EMAIL_MAX_LENGTH = 254;

/** An email address, trimmed and lower-cased before it is checked. */
export function emailAddress(label = 'Email') {
  return z
    .string({ error: textTypeError(label) })
    .trim()
    .toLowerCase()
    .min(1, `${label} is required.`)
    .max(EMAIL_MAX_LENGTH, `${label} must be ${EMAIL_MAX_LENGTH} characters or fewer.`)
    .regex(EMAIL_SHAPE, `${label} must be a valid email address, like name@example.com.`);
}

/** An email address or nothing (for settings that may be left blank). */
export function optionalEmailAddress(label: string) {
  return z
    .string({ error: textTypeError(label) })
    .trim()
    .toLowerCase()
    .max(EMAIL_MAX_LENGTH, `${label} must be ${EMAIL_MAX_LENGTH} characters or fewer.`)
    .refine((v) => v === '' || EMAIL_SHAPE.test(v), `${label} must be a valid email address, like name@example.com.`);
}

/** Optional single-line text: like plainText, but may be empty. */
export function optionalText(label: string, max: number) {
  const text = z
    .string({ error: textTypeError(label) })
    .trim()
    .normalize('NFC')
    .max(max, `${label} must be ${max} characters or fewer.`);
  return readable(text, label);
}

/** Marks a schema whose value is a secret: opaque text that may hold any printable character. */
export const SECRET = 'secret';

/**
 * A secret such as a password: any printable characters (markup included, it is never rendered),
 * but no line breaks or control characters, and bounded.
 */
export function secretText(label: string, max: number) {
  return z
    .string({ error: textTypeError(label) })
    .min(1, `${label} is required.`)
    .max(max, `${label} must be ${max} characters or fewer.`)
    .refine((v) => !CONTROL_CHARS.test(v), `${label} cannot contain line breaks or control characters.`)
    .describe(SECRET);
}

/** An opaque id with a known prefix, e.g. `pool-…`. */
export function prefixedId(prefix: string, label: string) {
  return z
    .string({ error: textTypeError(label) })
    .max(64, `${label} is not a valid id.`)
    .regex(new RegExp(`^${prefix}-[0-9a-f]{24}$`), `${label} is not a valid id.`);
}

/** Milliseconds since the Unix epoch. */
export const timestamp = z.number().int().nonnegative();

import { z } from 'zod';
import { emailAddress } from './fields';
import { poolId } from './pools';
import { OPERATOR_ROLES, type OperatorRole } from './policy';

/** `operators add`: who, with which role, and (an admin) over which Pools. */
export const addOperatorInput = z
  .object({
    email: emailAddress(),
    role: z.enum(OPERATOR_ROLES, { error: 'Role must be owner, admin or viewer.' }),
    poolIds: z.array(poolId).max(1_000).default([]),
  })
  .superRefine((input, ctx) => {
    if (input.role === 'admin' && input.poolIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['poolIds'], message: 'An admin needs at least one Pool (--pools).' });
    if (input.role !== 'admin' && input.poolIds.length > 0)
      ctx.addIssue({ code: 'custom', path: ['poolIds'], message: 'Only an admin is scoped to Pools.' });
  });

/** A password: long enough to resist guessing, short enough to hash without a denial of service. */
export const operatorPassword = z
  .string()
  .min(12, 'Use at least 12 characters.')
  .max(1_024, 'Use at most 1,024 characters.');

/** A six-digit code from the authenticator app, or a recovery code (xxxxx-xxxxx). */
export const secondFactor = z
  .string()
  .trim()
  .regex(
    /^(\d{6}|[a-z0-9]{5}-[a-z0-9]{5})$/,
    'Enter the six-digit code from your authenticator app, or a recovery code.',
  );

export interface OperatorView {
  id: string;
  email: string;
  role: OperatorRole;
  poolIds: string[];
  status: 'invited' | 'active' | 'revoked';
  createdAt: number;
  enrolledAt: number | null;
}

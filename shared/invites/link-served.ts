/** What the table and the drawer say about an active invite whose link points elsewhere. */
export const OLD_ADDRESS_SENTENCE =
  'The link points to an address this console no longer serves — reissue to send a working link.';

/**
 * Whether an active invite's link points at an address this console no longer serves (the reach
 * mode changed, or a quick tunnel came back at a new address). Unknown bases (invites from before
 * bases were recorded) are never flagged.
 */
export function pointsElsewhere(
  invite: { status: string; linkBase: string | null },
  servedBase: string | undefined,
): boolean {
  return (
    invite.status === 'active' && invite.linkBase !== null && servedBase !== undefined && invite.linkBase !== servedBase
  );
}

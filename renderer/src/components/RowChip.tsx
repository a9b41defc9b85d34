/** A status chip in a plain table (see plain-rows-style.ts): a styled span, not a Chip component. */
export function RowChip({ look }: { look: { label: string; color: string; variant: 'filled' | 'outlined' } }) {
  return (
    <span className="row-chip" data-look={`${look.variant}-${look.color}`}>
      {look.label}
    </span>
  );
}

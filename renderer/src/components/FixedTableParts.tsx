import { visuallyHidden } from '@mui/utils';

export interface FixedColumn {
  label: string;
  /** Unset for columns that share the remaining width. */
  width?: number;
  /** Named for screen readers only (an actions column). */
  hidden?: boolean;
}

/**
 * The header of a fixed-layout table: set widths keep columns steady as virtual rows come and go.
 * Plain cells, styled by the table (`fixedHeadStyle`), as its rows are.
 */
export function FixedColumnsHead({ columns }: { columns: readonly FixedColumn[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c.label} scope="col" style={c.width === undefined ? undefined : { width: c.width }}>
            {c.hidden ? <span style={visuallyHidden}>{c.label}</span> : c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** Stands in for the virtual rows above or below the rendered ones. */
export function SpacerRow({ height }: { height: number }) {
  return height > 0 ? <tr aria-hidden style={{ height }} /> : null;
}

import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useRef } from 'react';

/**
 * A virtual window over fixed-height table rows: the scroll container's ref, the rows to render,
 * and the spacer heights above and below them. Nothing is measured while scrolling.
 */
export function useFixedRows(count: number, rowHeight: number, overscan: number) {
  const scroller = useRef<HTMLDivElement>(null);
  // This project does not use the React Compiler, whose auto-memoisation the rule guards.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan,
  });
  const items = virtualizer.getVirtualItems();
  // Back to the first row. The offset comes from the virtualizer's scroll listener: scrolling an
  // element already at the top still forces a layout of the freshly changed table ahead of the
  // frame's own, which cost as much as rendering the rows on every filter change.
  const scrollToTop = useCallback(() => {
    if ((virtualizer.scrollOffset ?? 0) > 0) scroller.current?.scrollTo(0, 0);
  }, [virtualizer]);
  const scrollToIndex = useCallback(
    (index: number) => virtualizer.scrollToIndex(index, { align: 'center' }),
    [virtualizer],
  );
  return {
    scroller,
    items,
    scrollToIndex,
    paddingTop: items[0]?.start ?? 0,
    paddingBottom: items.length > 0 ? virtualizer.getTotalSize() - items.at(-1)!.end : 0,
    scrollToTop,
  };
}

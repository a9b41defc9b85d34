import type { Theme } from '@mui/material/styles';

/**
 * The theme's colours as CSS variables on the page's root, for the parts drawn with plain
 * elements and a stylesheet (the shell, page headers): the frame every page shares costs no
 * styled components, so the first frame after a start draws sooner.
 */
export function frameColours({ palette }: Theme) {
  return {
    '--frame-text': palette.text.primary,
    '--frame-text-secondary': palette.text.secondary,
    '--frame-paper': palette.background.paper,
    '--frame-default': palette.background.default,
    '--frame-divider': palette.divider,
    '--frame-primary': palette.primary.main,
    '--frame-icon': palette.action.active,
    '--frame-hover': palette.action.hover,
    '--frame-selected': palette.action.selected,
    '--frame-focus': palette.action.focus,
  };
}

// How a viewer wants captions drawn: size, text colour and background. A closed set of choices, so the
// player applies them with CSS classes (the CSP allows no inline styles) and every choice keeps the text
// readable: each colour is on a dark background or outlined.
import { z } from 'zod';

export const captionSizes = ['small', 'medium', 'large', 'x-large'] as const;
export const captionColors = ['white', 'yellow', 'cyan', 'green'] as const;
export const captionBackgrounds = ['solid', 'translucent', 'none'] as const;

export const captionStyleSchema = z.object({
  size: z.enum(captionSizes, `choose one of: ${captionSizes.join(', ')}`),
  color: z.enum(captionColors, `choose one of: ${captionColors.join(', ')}`),
  background: z.enum(captionBackgrounds, `choose one of: ${captionBackgrounds.join(', ')}`),
});

export type CaptionStyle = z.infer<typeof captionStyleSchema>;

export const defaultCaptionStyle: CaptionStyle = { size: 'medium', color: 'white', background: 'solid' };

/** The stored JSON (users.caption_style) as a style; anything unreadable (an older shape) falls back to the defaults. */
export function readCaptionStyle(stored: unknown): CaptionStyle {
  const parsed = captionStyleSchema.partial().safeParse(stored ?? {});
  return { ...defaultCaptionStyle, ...(parsed.success ? parsed.data : {}) };
}

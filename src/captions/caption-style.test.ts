import { captionStyleSchema, defaultCaptionStyle, readCaptionStyle } from './caption-style.js';

describe('caption style', () => {
  it.each([
    [null, defaultCaptionStyle],
    [{ size: 'large' }, { ...defaultCaptionStyle, size: 'large' }],
    [{ size: 'huge', color: 'cyan' }, defaultCaptionStyle],
    ['not an object', defaultCaptionStyle],
    [{ size: 'small', color: 'yellow', background: 'none' }, { size: 'small', color: 'yellow', background: 'none' }],
  ])('reads stored %j', (stored, style) => {
    expect(readCaptionStyle(stored)).toEqual(style);
  });

  it('accepts only the listed choices', () => {
    expect(captionStyleSchema.safeParse({ size: 'x-large', color: 'green', background: 'translucent' }).success).toBe(true);
    expect(captionStyleSchema.safeParse({ size: 'x-large', color: 'red', background: 'translucent' }).success).toBe(false);
    expect(captionStyleSchema.safeParse({ size: 'x-large', color: 'green' }).success).toBe(false);
  });
});

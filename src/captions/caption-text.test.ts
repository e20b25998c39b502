import { cleanCueText, cueTextToPlain, escapeCueText } from './caption-text.js';

describe('cleanCueText', () => {
  test.each([
    { input: 'plain text', text: 'plain text', removed: false },
    { input: '<b>bold</b> <i>it</i> <u>u</u>', text: '<b>bold</b> <i>it</i> <u>u</u>', removed: false },
    { input: '<c.yellow.bg_blue>x</c> <v.loud Dr. Virtanen>Hei</v> <lang sv>hej</lang>', text: '<c.yellow.bg_blue>x</c> <v.loud Dr. Virtanen>Hei</v> <lang sv>hej</lang>', removed: false },
    { input: '<ruby>漢<rt>kan</rt></ruby>', text: '<ruby>漢<rt>kan</rt></ruby>', removed: false },
    { input: '<B>upper</B>', text: '<b>upper</b>', removed: false },
    { input: '<b onclick="evil()">x</b>', text: '<b>x</b>', removed: true },
    { input: '<script>alert(1)</script>', text: 'alert(1)', removed: true },
    { input: '<img src=x onerror=alert(1)>caption', text: 'caption', removed: true },
    { input: 'a < b and c > d', text: 'a &lt; b and c &gt; d', removed: false },
    { input: 'Tom & Jerry &amp; &lt;3 &bogus;', text: 'Tom &amp; Jerry &amp; &lt;3 &amp;bogus;', removed: false },
    { input: 'arrow --> here', text: 'arrow --&gt; here', removed: false },
    { input: '  two   spaces \n\n\n second\tline  ', text: 'two spaces\nsecond line', removed: false },
    { input: 'nul\u0000 and bell\u0007', text: 'nul and bell', removed: false },
    { input: '<i></i>\nreal', text: 'real', removed: false },
  ])('$input', ({ input, text, removed }) => {
    const cleaned = cleanCueText(input);
    expect(cleaned).toEqual({ text, hadMarkupRemoved: removed });
    expect(cleanCueText(cleaned.text).text).toBe(cleaned.text);
  });
});

test('escape and plain text are inverses for plain text', () => {
  const plain = 'a < b & "c" > d';
  expect(escapeCueText(plain)).toBe('a &lt; b &amp; "c" &gt; d');
  expect(cueTextToPlain(`<v Anna>${escapeCueText(plain)}</v>&#228;&#xE4;&nbsp;`)).toBe(`${plain}ää\u00a0`);
});

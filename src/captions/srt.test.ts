import { CaptionParseError } from './caption-errors.js';
import { parseSrt } from './srt.js';

const srt = (...lines: string[]): string => lines.join('\n');

describe('parseSrt', () => {
  test.each([
    {
      name: 'numbered cues with CRLF',
      input: '1\r\n00:00:01,000 --> 00:00:02,500\r\nHello\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nWorld\r\nagain\r\n',
      cues: [
        { start: 1, end: 2.5, text: 'Hello' },
        { start: 3, end: 4, text: 'World\nagain' },
      ],
    },
    {
      name: 'missing counters, short fields, coordinates, font tags and ASS overrides',
      input: srt('00:00:01,5 --> 00:00:02,000 X1:10 X2:20 Y1:0 Y2:5', '{\\an8}<font color="#fff">top</font> <i>it</i>'),
      cues: [{ start: 1.5, end: 2, text: 'top <i>it</i>' }],
    },
    {
      name: 'no blank line between cues',
      input: srt('1', '00:00:01,000 --> 00:00:02,000', 'a', '2', '00:00:03,000 --> 00:00:04,000', 'b'),
      cues: [
        { start: 1, end: 2, text: 'a' },
        { start: 3, end: 4, text: 'b' },
      ],
    },
    {
      name: 'a number inside the text stays text',
      input: srt('1', '00:00:01,000 --> 00:00:02,000', 'The answer is', '42', '', '2', '00:00:03,000 --> 00:00:04,000', 'b'),
      cues: [
        { start: 1, end: 2, text: 'The answer is\n42' },
        { start: 3, end: 4, text: 'b' },
      ],
    },
  ])('$name', ({ input, cues }) => {
    expect(parseSrt(input).cues).toEqual(cues);
  });

  test.each([
    { name: 'counter without timing', input: srt('1', 'Hello'), line: 2, code: 'missing_timing' },
    { name: 'text where a cue should start', input: srt('1', '00:00:01,000 --> 00:00:02,000', 'a', '', 'stray text'), line: 5, code: 'missing_timing' },
    { name: 'end before start', input: srt('1', '00:00:01,000 --> 00:00:02,000', 'a', '', '2', '00:00:09,000 --> 00:00:08,000', 'b'), line: 6, code: 'end_before_start' },
    { name: 'minutes out of range', input: srt('1', '00:75:01,000 --> 00:76:02,000', 'a'), line: 2, code: 'bad_timing_line' },
  ])('$name → line $line ($code)', ({ input, line, code }) => {
    expect(() => parseSrt(input)).toThrow(CaptionParseError);
    try {
      parseSrt(input);
    } catch (e) {
      expect((e as CaptionParseError).problem).toMatchObject({ line, code });
    }
  });

  test('the reason uses SRT timestamps', () => {
    expect(() => parseSrt(srt('7', '00:00:07,000 --> 00:00:05,000', 'x'))).toThrow('line 2: the end time 00:00:05,000 is before the start time 00:00:07,000');
  });
});

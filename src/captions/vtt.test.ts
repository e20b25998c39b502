import { CaptionParseError, describeCaptionIssue } from './caption-errors.js';
import { parseVtt, serializeVtt } from './vtt.js';

const vtt = (...lines: string[]): string => lines.join('\n');

describe('parseVtt: valid files', () => {
  test.each([
    {
      name: 'two cues with an id and settings',
      input: vtt('WEBVTT', '', 'intro', '00:00:01.000 --> 00:00:04.500 align:start', 'Hello', '', '00:05.000 --> 00:07.250', 'World'),
      cues: [
        { start: 1, end: 4.5, text: 'Hello', id: 'intro' },
        { start: 5, end: 7.25, text: 'World' },
      ],
    },
    {
      name: 'CRLF, a header text, NOTE and STYLE blocks',
      input: 'WEBVTT - lecture 1\r\nKind: captions\r\n\r\nNOTE made by hand\r\nsecond line\r\n\r\nSTYLE\r\n::cue { color: red }\r\n\r\n00:00:00.500 --> 00:00:01.500\r\nHi\r\n',
      cues: [{ start: 0.5, end: 1.5, text: 'Hi' }],
    },
    {
      name: 'hours beyond 99 and multi-line text with blank-looking spaces trimmed',
      input: vtt('WEBVTT', '', '100:00:00.000 --> 100:00:02.000', '  first   line ', 'second'),
      cues: [{ start: 360000, end: 360002, text: 'first line\nsecond' }],
    },
    {
      name: 'a cue without the blank line before the next timing line (WebVTT §6.1)',
      input: vtt('WEBVTT', '', '00:00:01.000 --> 00:00:02.000', 'a', '00:00:03.000 --> 00:00:04.000', 'b'),
      cues: [
        { start: 1, end: 2, text: 'a' },
        { start: 3, end: 4, text: 'b' },
      ],
    },
    {
      name: 'Latin letters and allowed markup kept, script removed',
      input: vtt('WEBVTT', '', '00:00:01.000 --> 00:00:02.000', '<v Anna>Hyvää <b>päivää</b></v><script>x</script> & <00:00:01.500>kiitos'),
      cues: [{ start: 1, end: 2, text: '<v Anna>Hyvää <b>päivää</b></v>x &amp; <00:00:01.500>kiitos' }],
    },
  ])('$name', ({ input, cues }) => {
    expect(parseVtt(input).cues).toEqual(cues);
  });
});

describe('parseVtt: broken files give the line and a reason', () => {
  test.each([
    { name: 'no header', input: vtt('1', '00:00:01.000 --> 00:00:02.000', 'x'), line: 1, code: 'missing_header' },
    { name: 'end before start', input: vtt('WEBVTT', '', '00:00:07.000 --> 00:00:05.000', 'x'), line: 3, code: 'end_before_start' },
    { name: 'zero duration', input: vtt('WEBVTT', '', '00:00:07.000 --> 00:00:07.000', 'x'), line: 3, code: 'zero_duration' },
    { name: 'bad timestamp', input: vtt('WEBVTT', '', '00:00:01.000 --> 00:00:02.000', 'a', '', '00:00:61.000 --> 00:01:02.000', 'b'), line: 6, code: 'bad_timing_line' },
    { name: 'SRT commas in WebVTT', input: vtt('WEBVTT', '', '00:00:01,000 --> 00:00:02,000', 'a'), line: 3, code: 'bad_timing_line' },
    { name: 'id without timing', input: vtt('WEBVTT', '', 'cue-1', 'Hello there'), line: 4, code: 'missing_timing' },
    { name: 'no cues at all', input: vtt('WEBVTT', '', 'NOTE nothing here'), line: 3, code: 'no_cues' },
    { name: 'only an empty cue', input: vtt('WEBVTT', '', '00:00:01.000 --> 00:00:02.000', '<b></b>'), line: 4, code: 'no_cues' },
  ])('$name → line $line ($code)', ({ input, line, code }) => {
    let error: unknown;
    try {
      parseVtt(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CaptionParseError);
    const parseError = error as CaptionParseError;
    expect(parseError.line).toBe(line);
    expect(parseError.problem.code).toBe(code);
    expect(parseError.status).toBe(400);
    expect(parseError.code).toBe('caption_parse_failed');
    expect(parseError.message.startsWith(`line ${line}: `)).toBe(true);
  });

  test('the reason reads as a sentence in each language', () => {
    const input = vtt('WEBVTT', '', 'a', '00:00:01.000 --> 00:00:02.000', 'x', '', '', '', '', '', '00:00:07.000 --> 00:00:05.000', 'y');
    let error: CaptionParseError | undefined;
    try {
      parseVtt(input);
    } catch (e) {
      if (e instanceof CaptionParseError) error = e;
    }
    expect(error?.message).toBe('line 11: the end time 00:00:05.000 is before the start time 00:00:07.000');
    expect(error && describeCaptionIssue(error.problem, 'fi')).toBe('rivi 11: loppuaika 00:00:05.000 on ennen alkuaikaa 00:00:07.000');
    expect(error && describeCaptionIssue(error.problem, 'sv')).toBe('rad 11: sluttiden 00:00:05.000 är före starttiden 00:00:07.000');
  });
});

describe('normalisation', () => {
  const codes = (input: string): string[] => parseVtt(input).warnings.map((w) => `${w.line}:${w.code}`);

  test('out-of-order cues are sorted and reported', () => {
    const parsed = parseVtt(vtt('WEBVTT', '', '00:00:05.000 --> 00:00:06.000', 'b', '', '00:00:01.000 --> 00:00:02.000', 'a'));
    expect(parsed.cues.map((c) => c.text)).toEqual(['a', 'b']);
    expect(parsed.warnings.map((w) => w.code)).toEqual(['sorted']);
  });

  test('a small overlap trims the earlier cue', () => {
    const parsed = parseVtt(vtt('WEBVTT', '', '00:00:01.000 --> 00:00:03.400', 'a', '', '00:00:03.000 --> 00:00:05.000', 'b'));
    expect(parsed.cues.map((c) => [c.start, c.end])).toEqual([
      [1, 3],
      [3, 5],
    ]);
    expect(codes(vtt('WEBVTT', '', '00:00:01.000 --> 00:00:03.400', 'a', '', '00:00:03.000 --> 00:00:05.000', 'b'))).toEqual(['6:overlap_trimmed']);
  });

  test('a large overlap (two speakers) is kept and reported', () => {
    const input = vtt('WEBVTT', '', '00:00:01.000 --> 00:00:09.000', 'a', '', '00:00:02.000 --> 00:00:05.000', 'b');
    expect(parseVtt(input).cues.map((c) => [c.start, c.end])).toEqual([
      [1, 9],
      [2, 5],
    ]);
    expect(codes(input)).toEqual(['6:overlap_kept']);
  });

  test('duplicates and empty cues are dropped, removed markup is reported', () => {
    const input = vtt('WEBVTT', '', '00:00:01.000 --> 00:00:02.000', 'a', '', '00:00:01.000 --> 00:00:02.000', 'a', '', '00:00:03.000 --> 00:00:04.000', '', '00:00:05.000 --> 00:00:06.000', '<font color="red">c</font>');
    expect(parseVtt(input).cues.map((c) => c.text)).toEqual(['a', 'c']);
    expect(codes(input).sort()).toEqual(['11:markup_removed', '6:duplicate_removed', '9:empty_cue_dropped'].sort());
  });
});

describe('serializeVtt', () => {
  test('writes full timestamps and ids, and round-trips', () => {
    const cues = [
      { start: 0, end: 1.5, text: 'a', id: 'one' },
      { start: 3723.004, end: 3724, text: 'b\n<i>c</i>' },
    ];
    const text = serializeVtt(cues);
    expect(text).toBe('WEBVTT\n\none\n00:00:00.000 --> 00:00:01.500\na\n\n01:02:03.004 --> 01:02:04.000\nb\n<i>c</i>\n');
    expect(parseVtt(text).cues).toEqual(cues);
  });

  test('leaves out an id that would change the structure', () => {
    const text = serializeVtt([{ start: 0, end: 1, text: 'a', id: 'NOTE x' }]);
    expect(parseVtt(text).cues).toEqual([{ start: 0, end: 1, text: 'a' }]);
  });
});

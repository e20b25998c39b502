import { CueListError, prepareEditedCues, toEditableText, toEditorCues } from './caption-editor-cues.js';

const cue = (start: number, end: number, text: string) => ({ start, end, text });

describe('prepareEditedCues', () => {
  it.each([
    ['escapes what a person typed and keeps allowed tags', [cue(1, 2, 'a < b && <i>c</i> > d &lt;')], 'a &lt; b &amp;&amp; <i>c</i> &gt; d &amp;lt;'],
    ['rounds times to milliseconds', [cue(1.00049, 2.0006, 'x')], 'x'],
    ['collapses spaces and drops blank lines', [cue(1, 2, '  one  two \n\n three ')], 'one two\nthree'],
    ['removes markup WebVTT does not allow', [cue(1, 2, '<font color="red">red</font>')], 'red'],
  ])('%s', (_name, input, text) => {
    const { cues, vtt } = prepareEditedCues(input);
    expect(cues[0]?.text).toBe(text);
    expect(vtt.startsWith('WEBVTT\n\n')).toBe(true);
  });

  it('keeps a long overlap the WebVTT reader keeps (two speakers at once)', () => {
    expect(prepareEditedCues([cue(1, 5, 'a'), cue(2, 6, 'b')]).cues).toHaveLength(2);
  });

  it('allows an empty list', () => {
    expect(prepareEditedCues([])).toEqual({ cues: [], vtt: 'WEBVTT\n' });
  });

  it.each([
    ['end before start', [cue(2, 1, 'x')], 1, /must end after it starts/],
    ['zero length', [cue(2, 2, 'x')], 1, /must end after it starts/],
    ['no text', [cue(1, 2, 'a'), cue(2, 3, '<b></b>')], 2, /has no text/],
    ['out of order', [cue(3, 4, 'a'), cue(1, 2, 'b')], 2, /time order/],
    ['short overlap', [cue(1, 3, 'a'), cue(2.8, 4, 'b')], 2, /Cue 2 starts before cue 1 ends/],
    ['repeat', [cue(1, 3, 'a'), cue(1, 3, 'a')], 2, /repeats cue 1/],
    ['beyond a day', [cue(1, 90_000, 'a')], 1, /between 0 and/],
  ])('refuses %s, naming the cue', (_name, input, n, message) => {
    try {
      prepareEditedCues(input);
      throw new Error('accepted');
    } catch (err) {
      expect(err).toBeInstanceOf(CueListError);
      expect((err as CueListError).message).toMatch(message);
      expect((err as CueListError).details).toEqual({ cue: n });
      expect((err as CueListError).status).toBe(400);
    }
  });
});

describe('editable text', () => {
  it.each([
    ['a &lt; b &amp; c &gt; d', 'a < b & c > d', 'a &lt; b &amp; c &gt; d'],
    ['<v Anna>Hei</v>', '<v Anna>Hei</v>', '<v Anna>Hei</v>'],
    ['&amp;lt;', '&lt;', '&amp;lt;'],
    ['a&nbsp;b &#228;', 'a\u00a0b ä', 'a\u00a0b ä'],
  ])('%s reads as %s and saves back as %s', (stored, editable, saved) => {
    expect(toEditableText(stored)).toBe(editable);
    expect(prepareEditedCues(toEditorCues([{ start: 0, end: 1, text: stored }])).cues[0]?.text).toBe(saved);
  });
});

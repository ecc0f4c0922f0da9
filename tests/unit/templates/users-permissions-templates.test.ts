import { misplacedLink } from '@server/templates/link-placement';
import {
  isShippedTemplate,
  translateUsersPermissionsTemplate,
} from '@server/templates/users-permissions-templates';

describe("users-permissions' own e-mail templates, as the plugin's", () => {
  it('tells the shipped texts from edited ones, whitespace aside', () => {
    expect(
      isShippedTemplate('reset_password', {
        object: 'Reset password',
        message: `<p>We heard that you lost your password. Sorry about that!</p>
  <p>But don’t worry! You can use the following link to reset your password:</p>
  <p><%= URL %>?code=<%= TOKEN %></p>
  <p>Thanks.</p>`,
      })
    ).toBe(true);
    expect(
      isShippedTemplate('reset_password', {
        object: 'Reset your Acme password',
        message: '<p><%= URL %>?code=<%= TOKEN %></p>',
      })
    ).toBe(false);
  });

  it('turns the reset link and the user fields into {{ link }}, {{ username }} and {{ email }}', () => {
    const { content, untranslatable } = translateUsersPermissionsTemplate('reset_password', {
      object: 'Acme: new password for <%= USER.username %>',
      message:
        '<p>Hi <%= USER.username %> (<%= USER.email %>),</p><p>Click: <%=URL%>?code=<%= TOKEN %></p><p>Acme</p>',
    });
    expect(untranslatable).toEqual([]);
    expect(content.subject).toBe('Acme: new password for {{ username }}');
    expect(content.html).toBe(
      '<p>Hi {{ username }} ({{ email }}),</p><p>Click: <a href="{{ link }}">Reset your password</a></p><p>Acme</p>'
    );
    expect(content.text).toBe('Hi {{ username }} ({{ email }}),\n\nClick: {{ link }}\n\nAcme');
    expect(misplacedLink(content)).toBeNull();
  });

  it('keeps a link the admin already wrote as <a>, with words instead of the URL as its text', () => {
    const { content } = translateUsersPermissionsTemplate('email_confirmation', {
      object: 'Confirm',
      message:
        '<p><a href="<%= URL %>?confirmation=<%= CODE %>"><%= URL %>?confirmation=<%= CODE %></a></p><p><a href="<%= URL %>?confirmation=<%= CODE %>">Confirm now</a></p>',
    });
    expect(content.html).toBe(
      '<p><a href="{{ link }}">Confirm your e-mail address</a></p><p><a href="{{ link }}">Confirm now</a></p>'
    );
    expect(content.text).toBe('{{ link }}\n\nConfirm now:\n{{ link }}');
    expect(misplacedLink(content)).toBeNull();
  });

  it('lists what has no equivalent instead of guessing', () => {
    const { untranslatable } = translateUsersPermissionsTemplate('reset_password', {
      object: 'Reset <%= USER.firstname %>',
      message:
        '<p>Code: <%= TOKEN %></p><p><%= SERVER_URL %></p><p><%= URL %>?code=<%= TOKEN %></p>',
    });
    expect(untranslatable).toEqual(['<%= USER.firstname %>', '<%= TOKEN %>', '<%= SERVER_URL %>']);
  });

  it('refuses a link in the subject', () => {
    const { untranslatable } = translateUsersPermissionsTemplate('reset_password', {
      object: 'Reset: <%= URL %>?code=<%= TOKEN %>',
      message: '<p>x</p>',
    });
    expect(untranslatable).toEqual(['the link in the subject']);
  });
});

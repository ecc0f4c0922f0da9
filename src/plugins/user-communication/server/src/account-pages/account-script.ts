/**
 * The built-in pages' script: activation, password reset (`#token=`), and the change of a
 * one-time password (`#change=`, on the reset page). The token is read from the URL
 * fragment (never sent to a server by the browser) and removed from the address bar at
 * once. Opening the page only verifies a link; it is used when the form is submitted.
 * Server text goes through textContent only.
 */
export const ACCOUNT_JS = String.raw`(function () {
  'use strict';
  var body = document.body;
  var api = body.getAttribute('data-api');
  var authApi = body.getAttribute('data-auth-api');
  var fragment = new URLSearchParams(window.location.hash.slice(1));
  var token = fragment.get('token');
  var changeToken = fragment.get('change');
  if (window.history && window.history.replaceState) window.history.replaceState(null, '', window.location.pathname);

  var $ = function (id) { return document.getElementById(id); };
  var status = $('status');
  var form = $('password-form');
  var renewForm = $('renew-form');

  function post(url, payload) {
    return fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      credentials: 'omit',
      body: JSON.stringify(payload)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      });
    });
  }

  var flows = {
    activation: {
      verify: function () { return post(api + '/activation/verify', { token: token }); },
      greeting: function (account) {
        return 'Activate the account of ' + account.email + (account.hasPassword ? '.' : ' by choosing a password.');
      },
      submit: function (payload) { payload.token = token; return post(api + '/activation/complete', payload); },
      done: 'Your account is active. You can now log in.',
      usedError: 'ActivationLinkUsed',
      renew: function (email) { return post(api + '/activation/renew', { email: email }); }
    },
    'password-reset': {
      verify: function () { return post(api + '/password-reset/verify', { token: token }); },
      greeting: function (account) { return 'Choose a new password for ' + account.email + '.'; },
      submit: function (payload) {
        return post(authApi + '/reset-password', { code: token, password: payload.password, passwordConfirmation: payload.passwordConfirmation });
      },
      done: 'Your password is changed and you were signed out everywhere. You can now log in with it.',
      usedError: 'PasswordResetLinkUsed',
      renew: function (email) {
        return post(authApi + '/forgot-password', { email: email }).then(function (result) {
          if (result.ok) result.data.message = 'If an account exists for this address, a reset link is on its way. Check your inbox.';
          return result;
        });
      }
    },
    change: {
      submit: function (payload) {
        return post(api + '/password/change', { changeToken: changeToken, password: payload.password, passwordConfirmation: payload.passwordConfirmation });
      },
      done: 'Your password is changed. You can now log in with it.',
      usedError: 'PasswordChangeTokenInvalid'
    }
  };
  var kind = body.getAttribute('data-kind');
  var flow = kind === 'password-reset' && changeToken ? flows.change : flows[kind];

  function say(text, problem) {
    status.textContent = text;
    status.className = problem ? 'problem' : '';
  }

  function offerRenewal(email) {
    if (!flow.renew) { $('done').hidden = false; return; }
    renewForm.hidden = false;
    if (email) $('renew-email').value = email;
  }

  function showLinkProblem(error) {
    say((error && error.message) || 'This link does not work.', true);
    form.hidden = true;
    if (error && error.name === flow.usedError) { $('done').hidden = false; return; }
    offerRenewal(error && error.details && error.details.email);
  }

  function showForm(text, needsPassword) {
    say(text);
    $('password-fields').hidden = !needsPassword;
    form.hidden = false;
    (needsPassword ? $('password') : $('submit')).focus();
  }

  function unreachable() { say('The server could not be reached. Try again in a moment.', true); }

  if (flow === flows.change) {
    showForm('You signed in with a one-time password. Choose your own password to continue.', true);
  } else if (!token) {
    say('This page needs the link from your e-mail. Ask for a new link below.', true);
    offerRenewal();
  } else {
    flow.verify().then(function (result) {
      if (!result.ok) { showLinkProblem(result.data.error); return; }
      showForm(flow.greeting(result.data), !result.data.hasPassword);
    }, unreachable);
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    $('password-error').textContent = '';
    $('passwordConfirmation-error').textContent = '';
    var payload = {};
    if (!$('password-fields').hidden) {
      payload.password = $('password').value;
      payload.passwordConfirmation = $('passwordConfirmation').value;
    }
    $('submit').disabled = true;
    flow.submit(payload).then(function (result) {
      $('submit').disabled = false;
      if (result.ok) {
        form.hidden = true;
        say(flow.done);
        $('done').hidden = false;
        return;
      }
      var error = result.data.error || {};
      if (error.name === 'ValidationError') {
        var first = (error.details && error.details.errors && error.details.errors[0]) || {};
        var field = first.path && first.path[0] === 'passwordConfirmation' ? 'passwordConfirmation' : 'password';
        $(field + '-error').textContent = error.message;
        $(field).focus();
        return;
      }
      showLinkProblem(error);
    }, function () {
      $('submit').disabled = false;
      unreachable();
    });
  });

  renewForm.addEventListener('submit', function (event) {
    event.preventDefault();
    $('renew').disabled = true;
    flow.renew($('renew-email').value).then(function (result) {
      $('renew').disabled = false;
      if (result.ok) { renewForm.hidden = true; say(result.data.message); return; }
      say((result.data.error && result.data.error.message) || 'That did not work. Try again later.', true);
    }, function () {
      $('renew').disabled = false;
      unreachable();
    });
  });
})();
`;

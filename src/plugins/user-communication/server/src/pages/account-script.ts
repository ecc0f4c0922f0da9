/**
 * The built-in pages' script. The token is read from the URL fragment (never sent to a
 * server by the browser) and removed from the address bar at once. Opening the page only
 * verifies the link; it is used when the form is submitted. Server text goes through
 * textContent only.
 */
export const ACCOUNT_JS = String.raw`(function () {
  'use strict';
  var body = document.body;
  var api = body.getAttribute('data-api');
  var token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (window.history && window.history.replaceState) window.history.replaceState(null, '', window.location.pathname);

  var $ = function (id) { return document.getElementById(id); };
  var status = $('status');
  var form = $('password-form');
  var renewForm = $('renew-form');

  function say(text, problem) {
    status.textContent = text;
    status.className = problem ? 'problem' : '';
  }

  function post(path, payload) {
    return fetch(api + path, {
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

  function offerRenewal(email) {
    renewForm.hidden = false;
    if (email) $('renew-email').value = email;
  }

  function showLinkProblem(error) {
    var name = error && error.name;
    say((error && error.message) || 'This link does not work.', true);
    form.hidden = true;
    if (name === 'ActivationLinkUsed') { $('done').hidden = false; return; }
    offerRenewal(error && error.details && error.details.email);
  }

  function clearFieldErrors() {
    $('password-error').textContent = '';
    $('passwordConfirmation-error').textContent = '';
  }

  if (!token) {
    say('This page needs the link from your e-mail. Ask for a new link below.', true);
    offerRenewal();
  } else {
    post('/activation/verify', { token: token }).then(function (result) {
      if (!result.ok) { showLinkProblem(result.data.error); return; }
      var account = result.data;
      say('Activate the account of ' + account.email + (account.hasPassword ? '.' : ' by choosing a password.'));
      $('password-fields').hidden = Boolean(account.hasPassword);
      form.hidden = false;
      (account.hasPassword ? $('submit') : $('password')).focus();
    }, function () { say('The server could not be reached. Try again in a moment.', true); });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearFieldErrors();
    var payload = { token: token };
    if (!$('password-fields').hidden) {
      payload.password = $('password').value;
      payload.passwordConfirmation = $('passwordConfirmation').value;
    }
    $('submit').disabled = true;
    post('/activation/complete', payload).then(function (result) {
      $('submit').disabled = false;
      if (result.ok) {
        form.hidden = true;
        say('Your account is active. You can now log in.');
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
      say('The server could not be reached. Try again in a moment.', true);
    });
  });

  renewForm.addEventListener('submit', function (event) {
    event.preventDefault();
    $('renew').disabled = true;
    post('/activation/renew', { email: $('renew-email').value }).then(function (result) {
      $('renew').disabled = false;
      if (result.ok) { renewForm.hidden = true; say(result.data.message); return; }
      say((result.data.error && result.data.error.message) || 'That did not work. Try again later.', true);
    }, function () {
      $('renew').disabled = false;
      say('The server could not be reached. Try again in a moment.', true);
    });
  });
})();
`;

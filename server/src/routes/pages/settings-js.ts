/**
 * The pages' one script, served from the companion with the CSP nonce. Progressive enhancement
 * only: every form works without it. It adds copy buttons, the pairing countdown, polling for
 * pairing, the URL verdict without a reload, and check results filled in as they arrive (with
 * every step's status, the banner and the badge re-rendered by the server from the new record).
 */
export const SETTINGS_JS = String.raw`(function () {
  'use strict';
  var announcer = document.getElementById('announcer');
  var paired = false;
  function announce(text) {
    if (!announcer) return;
    announcer.textContent = '';
    window.setTimeout(function () { announcer.textContent = text; }, 60);
  }
  function csrfOf(form) {
    var field = form.querySelector('input[name="_csrf"]');
    return field ? field.value : '';
  }
  function post(url, form, extra) {
    var body = new URLSearchParams();
    new FormData(form).forEach(function (value, name) { if (typeof value === 'string') body.append(name, value); });
    if (extra) Object.keys(extra).forEach(function (name) { body.set(name, extra[name]); });
    return fetch(url, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json', 'x-csrf-token': csrfOf(form) }, body: body })
      .then(function (response) { return response.json().then(function (json) { return { ok: response.ok, json: json }; }); });
  }
  function errorText(json) {
    var error = (json && json.error) || { code: 'INTERNAL', message: 'The request failed.', next_action: 'Reload the page and try again.' };
    return error.code + ': ' + error.message + ' Next action: ' + error.next_action;
  }

  document.querySelectorAll('[data-copy]').forEach(function (button) {
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) return;
    var word = button.querySelector('[data-copy-word]') || button;
    button.hidden = false;
    button.addEventListener('click', function () {
      var text = source.textContent.trim();
      function done() {
        word.textContent = 'Copied';
        announce('Copied to the clipboard.');
        window.setTimeout(function () { word.textContent = 'Copy'; }, 2000);
      }
      function fallback() {
        var range = document.createRange();
        range.selectNodeContents(source);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        if (document.execCommand('copy')) done(); else announce('Select the text and copy it with your keyboard.');
      }
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, fallback); else fallback();
    });
  });

  document.querySelectorAll('[data-countdown]').forEach(function (timer) {
    var deadline = Date.now() + Number(timer.getAttribute('data-countdown')) * 1000;
    var warned = false;
    function tick() {
      if (paired) return;
      var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      if (left === 0) {
        timer.textContent = ' (expired)';
        announce('The pairing code expired. Start again with a new code.');
        return;
      }
      var seconds = left % 60;
      timer.textContent = ' (' + Math.floor(left / 60) + ':' + (seconds < 10 ? '0' : '') + seconds + ' left)';
      if (left <= 60 && !warned) { warned = true; announce('One minute left to paste the pairing code.'); }
      window.setTimeout(tick, 1000);
    }
    tick();
  });

  var status = document.querySelector('[data-poll]');
  if (status) {
    var startedAt = Date.now();
    var poll = function () {
      fetch(status.getAttribute('data-poll'), { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (state) {
          if (state && state.connected) {
            paired = true;
            status.textContent = 'Paired with ' + state.base_url + '. The target is ' + state.state + '.';
            var link = document.querySelector('[data-pairing-link]');
            if (link) link.textContent = 'Open the connected target';
            var readiness = document.getElementById('readiness');
            if (readiness && state.fragments) readiness.innerHTML = state.fragments.readiness;
            var badge = document.querySelector('h1 .badge');
            if (badge) { badge.textContent = state.state; badge.className = 'badge ' + state.state; }
            document.querySelectorAll('.pairing, [data-while-pending]').forEach(function (element) { element.hidden = true; });
            return;
          }
          if (Date.now() - startedAt < 15 * 60 * 1000) window.setTimeout(poll, 1500);
        }, function () { window.setTimeout(poll, 5000); });
    };
    window.setTimeout(poll, 1500);
  }

  document.querySelectorAll('[data-url-check]').forEach(function (button) {
    button.addEventListener('click', function (event) {
      var form = button.form;
      var verdict = document.getElementById('url-verdict');
      if (!form || !verdict) return;
      event.preventDefault();
      verdict.className = 'verdict';
      verdict.textContent = 'Checking the URL…';
      post(button.getAttribute('formaction'), form).then(function (answer) {
        if (!answer.ok) { verdict.textContent = errorText(answer.json); return; }
        verdict.className = 'verdict ' + (answer.json.allowed ? 'ok' : 'refused');
        verdict.textContent = answer.json.allowed ? 'Allowed: ' + answer.json.reason : 'Refused (PROVIDER_BASE_URL_BLOCKED): ' + answer.json.reason;
      }, function () { verdict.textContent = 'The check could not be run; use the button again.'; });
    });
  });

  var checksForm = document.querySelector('form[data-live-checks]');
  if (checksForm) {
    checksForm.addEventListener('submit', function (event) {
      event.preventDefault();
      var button = checksForm.querySelector('button[type="submit"]');
      var results = document.getElementById('check-results');
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
      results.querySelectorAll('.check-status').forEach(function (cell) { cell.textContent = 'running…'; });
      announce('Running the checks.');
      post(checksForm.action, checksForm).then(function (answer) {
        if (!answer.ok) {
          var notice = document.createElement('p');
          notice.className = 'notice error';
          notice.textContent = errorText(answer.json);
          results.insertBefore(notice, results.firstChild);
          return;
        }
        var fragments = answer.json.fragments;
        var locks = { 'step-token': !answer.json.token_step_open, 'step-save': !answer.json.save_open };
        Object.keys(locks).forEach(function (id) {
          var step = document.getElementById(id);
          if (step) step.classList.toggle('locked', locks[id]);
        });
        var badge = document.querySelector('h1 .badge');
        if (badge && answer.json.badge) badge.outerHTML = answer.json.badge;
        Object.keys(fragments).forEach(function (id) {
          if (id === 'check-results') return;
          var target = document.getElementById(id);
          if (target) target.innerHTML = fragments[id];
        });
        var incoming = document.createElement('div');
        incoming.innerHTML = fragments['check-results'];
        var list = incoming.firstElementChild;
        var items = Array.prototype.slice.call(list.children);
        list.innerHTML = '';
        results.innerHTML = '';
        results.appendChild(list);
        items.forEach(function (item, index) {
          window.setTimeout(function () { list.appendChild(item); }, index * 120);
        });
        window.setTimeout(function () { announce(answer.json.announcement); }, items.length * 120);
      }, function () { announce('The checks could not be run; use the button again.'); })
        .then(function () { button.disabled = false; button.removeAttribute('aria-busy'); });
    });
  }
})();
`;

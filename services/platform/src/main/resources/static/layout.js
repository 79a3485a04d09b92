// The unread count of the signed-in user's inbox, in every service's header. The notifications service answers it
// on the same origin; if it cannot (not running), the link simply shows no count.
(function () {
  var badge = document.getElementById('inbox-unread');
  if (!badge) { return; }
  fetch('/notifications/api/inbox/unread-count', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (body) {
      if (!body || typeof body.unread !== 'number') { return; }
      badge.textContent = String(body.unread);
      badge.hidden = body.unread === 0;
      badge.setAttribute('aria-label', body.unread + ' ulæste beskeder');
    })
    .catch(function () { /* no count without the notifications service */ });
})();

// A form the server refused keeps what was typed, in every service: on submit the form's fields are kept in this
// tab's sessionStorage; the next page reads and deletes them at once. Only when that page is the refusal (it marks
// <main data-error>) is the same form (same action, the same one of several) filled in again. Hidden fields (the
// version a change was made from) are restored only after a stale refusal (409/412): that form stays stale and is
// refused again until the page is reloaded, never saved over the other change; after any other refusal they keep
// what the server sent (it may have saved a draft meanwhile). The field the error is about (data-error-field) gets
// the message beside it and the focus. Fields marked data-keep="no" (a case number) are never kept.
(function () {
  var KEY = 'gennemsyn.posted';
  var SKIP = { password: 1, file: 1, submit: 1, button: 1, reset: 1 };
  function posting(f) { return (f.getAttribute('method') || '').toLowerCase() === 'post'; }
  function sameAction(action) {
    return Array.prototype.filter.call(document.forms, function (f) { return posting(f) && f.action === action; });
  }
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form || !posting(form)) { return; }
    var fields = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIP[el.type] || el.getAttribute('data-keep') === 'no') { return; }
      if (el.type === 'checkbox' || el.type === 'radio') {
        fields.push({ name: el.name, value: el.value, checked: el.checked });
      } else {
        fields.push({ name: el.name, value: el.value });
      }
    });
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ action: form.action, index: sameAction(form.action).indexOf(form),
        at: Date.now(), fields: fields }));
    } catch (e) { /* storage full or off: nothing is restored */ }
  }, true);

  var stored = null;
  try {
    stored = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    sessionStorage.removeItem(KEY);
  } catch (e) { stored = null; }
  var main = document.getElementById('indhold');
  if (!stored || !main || !main.hasAttribute('data-error') || Date.now() - stored.at > 120000) { return; }
  var form = sameAction(stored.action)[stored.index];
  if (!form) { return; }
  var stale = ['409', '412'].indexOf(main.getAttribute('data-error-status')) >= 0;
  stored.fields.forEach(function (s) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name !== s.name || SKIP[el.type] || (el.type === 'hidden' && !stale)) { return; }
      if (el.type === 'checkbox' || el.type === 'radio') {
        if (el.value === s.value) { el.checked = s.checked; }
      } else {
        el.value = s.value;
      }
    });
  });
  var details = form.closest('details');
  if (details) { details.open = true; }
  var name = main.getAttribute('data-error-field');
  var field = name ? form.elements[name] : null;
  if (field && field.length && !field.tagName) { field = field[0]; }
  if (!field || !field.setAttribute || field.type === 'hidden') { return; }
  field.setAttribute('aria-invalid', 'true');
  if (!form.querySelector('.field-error')) {
    var notice = document.querySelector('main [role=alert]');
    var message = document.createElement('p');
    message.className = 'field-error';
    message.id = 'field-error-' + name.replace(/[^a-zA-Z0-9_-]/g, '');
    message.textContent = notice ? notice.textContent.trim() : 'Ret feltet.';
    field.insertAdjacentElement('afterend', message);
    field.setAttribute('aria-describedby', message.id);
  }
  field.focus();
})();

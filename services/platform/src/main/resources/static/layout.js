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

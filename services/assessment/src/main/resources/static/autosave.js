// Autosaves the assessment form: a change is sent to the API after a short pause, with the version it was based on
// (If-Match), and the result is announced in the status line. The plain form post still works without this.
(function () {
  var form = document.getElementById('assessment-form');
  if (!form || form.dataset.locked === 'true') { return; }
  var status = document.getElementById('autosave');
  var lock = document.getElementById('lockVersion');
  var timer = null;
  var saving = false;
  var again = false;
  function answers() {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name.indexOf('q.') !== 0) { return; }
      if ((el.type === 'radio' || el.type === 'checkbox') && !el.checked) { return; }
      out[el.name.substring(2)] = el.value;
    });
    return out;
  }
  function save() {
    if (saving) { again = true; return; }
    saving = true;
    status.textContent = 'Gemmer …';
    fetch(form.dataset.api, {
      method: 'PUT', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'If-Match': '"v' + lock.value + '"' },
      body: JSON.stringify({ answers: answers() })
    }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (res) {
      if (res.ok) {
        lock.value = res.body.lockVersion;
        status.textContent = 'Gemt kl. ' + new Date().toLocaleTimeString('da-DK', { hour: '2-digit', minute: '2-digit' });
      } else {
        status.textContent = 'Ikke gemt: ' + (res.body.detail || res.body.title || 'fejl');
      }
    }).catch(function () {
      status.textContent = 'Ikke gemt: ingen forbindelse. Dine svar står stadig i formularen.';
    }).then(function () {
      saving = false;
      if (again) { again = false; save(); }
    });
  }
  function changedBeforeLoad() {
    return Array.prototype.some.call(form.elements, function (el) {
      if (!el.name || el.name.indexOf('q.') !== 0) { return false; }
      if (el.type === 'radio' || el.type === 'checkbox') { return el.checked !== el.defaultChecked; }
      if (el.tagName === 'SELECT') {
        return Array.prototype.some.call(el.options, function (o) { return o.selected !== o.defaultSelected; });
      }
      return el.value !== el.defaultValue;
    });
  }
  form.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(save, 600);
  });
  // The form is usable before this script has loaded (it comes last): what was changed meanwhile is saved now.
  if (changedBeforeLoad()) { save(); }
})();

// Follows a running import: polls its job once a second and updates the progress bar, phase and report.
(function () {
  var card = document.getElementById('import-job');
  if (!card || card.dataset.done === 'true') { return; }
  var url = card.dataset.jobUrl;
  function text(id, value) { var el = document.getElementById(id); if (el) { el.textContent = value; } }
  function poll() {
    fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        var bar = document.getElementById('import-progress');
        bar.value = job.percent; bar.textContent = job.percent + ' %';
        text('import-phase', job.phase);
        text('import-rows', job.rowsRead);
        if (job.status === 'queued' || job.status === 'running') { setTimeout(poll, 1000); return; }
        text('cases-created', job.casesCreated);
        text('cases-updated', job.casesUpdated);
        text('cases-unchanged', job.casesUnchanged);
        text('rows-rejected', job.rowsRejected);
        text('error-count', job.errorCount);
        document.getElementById('import-result').hidden = false;
        var body = document.querySelector('#import-errors tbody');
        body.textContent = '';
        (job.errors || []).forEach(function (e) {
          var tr = document.createElement('tr');
          [e.line, e.column || '', e.message].forEach(function (v) {
            var td = document.createElement('td'); td.textContent = v; tr.appendChild(td);
          });
          body.appendChild(tr);
        });
        document.getElementById('no-errors').hidden = (job.errors || []).length > 0;
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 500);
}());

// Follows the sending of a newsletter on its staff page: polls the delivery counts (with the
// session cookie) while messages wait, updates the figures and the progress bar, and reloads the
// page once everything has left so that failed recipients and their retry buttons appear.
// Without JavaScript the page shows the counts at load time and a refresh link.
(function () {
  'use strict';
  var section = document.querySelector('[data-delivery-url][data-running]');
  if (!section || !window.fetch) return;
  var url = section.getAttribute('data-delivery-url');
  var bar = section.querySelector('progress');
  var summary = section.querySelector('#sending-counts');
  var template = section.getAttribute('data-counts-template');
  var failures = 0;

  function set(name, value) {
    var cell = section.querySelector('[data-count="' + name + '"]');
    if (cell) cell.textContent = String(value);
  }

  function tick() {
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (delivery) {
        var p = delivery.progress;
        var waiting = p.pending + p.sending;
        var done = p.sent + p.failed + p.cancelled;
        set('sent', p.sent);
        set('failed', p.failed);
        set('waiting', waiting);
        set('total', p.total);
        if (bar) {
          bar.max = p.total;
          bar.value = done;
        }
        if (summary && template) {
          // The "sending in progress" line, worded by the server with {done} and {total} left in.
          summary.textContent = template.replace('{done}', done).replace('{total}', p.total);
        }
        if (waiting === 0) window.location.reload();
        else window.setTimeout(tick, 3000);
      })
      .catch(function () {
        failures += 1;
        if (failures < 5) window.setTimeout(tick, 10000);
      });
  }

  window.setTimeout(tick, 3000);
})();

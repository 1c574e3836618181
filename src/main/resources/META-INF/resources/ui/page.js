// The live page: polls /status and /status/events every second and drives the write endpoints.
// Everything from the server goes into the page as text (textContent), never as HTML: conditions and
// descriptions come from the peer.
(function () {
  'use strict';

  var POLL_MS = 1000;
  var COUNTERS = ['sent', 'accepted', 'rejected', 'released', 'modified', 'resent', 'failed',
    'attaches', 'reattaches', 'refusedAttaches', 'linkLosses', 'reconnects'];
  var RATED = { sent: true, accepted: true, rejected: true, released: true, modified: true, resent: true, failed: true };
  var previous = null; // {at, counters} of the last /status, for the rates

  function $(id) { return document.getElementById(id); }

  function text(id, value) { $(id).textContent = value; }

  function clock(iso) {
    if (!iso) { return ''; }
    var d = new Date(iso);
    return d.toLocaleTimeString([], { hour12: false });
  }

  function getJson(path) {
    return fetch(path, { credentials: 'omit', cache: 'no-store', headers: { Accept: 'application/json' } })
      .then(function (r) {
        if (!r.ok) { throw new Error(path + ': HTTP ' + r.status); }
        return r.json();
      });
  }

  // ---- status ------------------------------------------------------------------------------

  function renderStatus(s) {
    var state = s.state || 'UNKNOWN';
    var shown = state;
    var css = state;
    if (state === 'ATTACHED' && !s.canPublish) {
      // attached but not publishing: the spool takes nothing, or the peer gives no (or stalled) credit
      shown = s.spool && s.spool.failure ? 'ATTACHED, spool failing' : 'ATTACHED, no credit';
      css = 'NOCREDIT';
    }
    var el = $('state');
    el.textContent = shown;
    el.className = 'state state-' + css;
    el.setAttribute('data-state', state);
    text('state-detail', s.stateSince ? 'since ' + clock(s.stateSince) : '');
    text('address', s.address || '–');
    if (s.emitter) {
      text('emitter-state', s.emitter.enabled ? s.emitter.state + ' (' + s.emitter.emitted + ' emitted)' : 'disabled');
    }
    var b = s.buffer || { depth: 0, capacity: 0 };
    $('buffer-meter').max = Math.max(1, b.capacity);
    $('buffer-meter').value = b.depth;
    $('buffer-meter').high = b.capacity * 0.8;
    text('buffer', b.depth + ' / ' + b.capacity);
    if (s.spool) {
      $('spool-row').hidden = false;
      $('spool-meter').max = Math.max(1, b.capacity);
      $('spool-meter').value = s.spool.depth;
      text('spool', s.spool.enabled === false ? 'off' : s.spool.depth + ' / ~' + b.capacity);
      $('spool-failure').hidden = !s.spool.failure;
      text('spool-failure', s.spool.failure ? 'spool: ' + s.spool.failure : '');
    }
    text('unsettled', String(s.unsettled));
    var err = $('last-error');
    if (s.lastError) {
      err.className = 'error';
      err.textContent = s.lastError.condition + (s.lastError.description ? ' (' + s.lastError.description + ')' : '')
        + (s.lastError.at ? ' at ' + clock(s.lastError.at) : '');
    } else {
      err.className = 'muted';
      err.textContent = 'none';
    }
    renderCounters(s.counters || {});
  }

  function renderCounters(counters) {
    var now = Date.now();
    var body = $('counters').tBodies[0];
    if (!body.rows.length) {
      COUNTERS.forEach(function (name) {
        var row = body.insertRow();
        row.id = 'counter-' + name;
        row.insertCell().textContent = name;
        row.insertCell();
        row.insertCell();
      });
    }
    var seconds = previous ? (now - previous.at) / 1000 : 0;
    COUNTERS.forEach(function (name) {
      var row = $('counter-' + name);
      var value = counters[name] || 0;
      row.cells[1].textContent = String(value);
      var rate = '';
      if (RATED[name] && previous && seconds > 0.2) {
        rate = ((value - (previous.counters[name] || 0)) / seconds).toFixed(1);
      }
      row.cells[2].textContent = rate;
    });
    previous = { at: now, counters: counters };
  }

  // ---- events ------------------------------------------------------------------------------

  function renderEvents(doc) {
    text('peer', doc.peer || '–');
    var list = $('timeline');
    var items = [];
    (doc.events || []).slice(0, 50).forEach(function (e) {
      var li = document.createElement('li');
      li.setAttribute('data-kind', e.kind);
      li.setAttribute('data-id', String(e.id));
      var time = document.createElement('time');
      time.dateTime = e.last;
      time.textContent = clock(e.last);
      var kind = document.createElement('span');
      kind.className = 'kind kind-' + e.kind;
      kind.textContent = e.kind.replace('_', ' ');
      var line = document.createElement('span');
      line.className = 'text';
      line.textContent = e.text + (e.description ? ' (' + e.description + ')' : '');
      li.append(time, kind, line);
      items.push(li);
    });
    list.replaceChildren.apply(list, items);
  }

  // ---- polling -----------------------------------------------------------------------------

  function poll() {
    Promise.all([getJson('status').then(renderStatus), getJson('status/events').then(renderEvents)])
      .then(function () {
        $('live').textContent = 'live';
        $('live').className = 'live ok';
        text('updated', new Date().toLocaleTimeString([], { hour12: false }));
      })
      .catch(function (e) {
        $('live').textContent = 'offline';
        $('live').className = 'live bad';
        $('live').title = String(e);
      })
      .finally(function () { setTimeout(poll, POLL_MS); });
  }

  // ---- writes ------------------------------------------------------------------------------

  function authorization() {
    var user = $('user').value;
    var password = $('password').value;
    if (!password) { return null; } // dev mode needs none; elsewhere the server answers 401
    var bytes = new TextEncoder().encode(user + ':' + password);
    var binary = '';
    bytes.forEach(function (b) { binary += String.fromCharCode(b); });
    return 'Basic ' + btoa(binary);
  }

  // credentials: 'omit' keeps the browser's own login prompt away on 401: the page asks, in its form.
  function post(path, body) {
    var headers = { Accept: 'application/json' };
    var auth = authorization();
    if (auth) { headers.Authorization = auth; }
    if (body !== undefined) { headers['Content-Type'] = 'text/plain'; }
    var label = 'POST /' + path;
    var result = $('result');
    result.className = 'result';
    result.setAttribute('data-status', '');
    result.textContent = label + ' …';
    return fetch(path, { method: 'POST', credentials: 'omit', cache: 'no-store', headers: headers, body: body })
      .then(function (r) {
        return r.text().then(function (t) {
          var detail = t;
          try {
            var j = JSON.parse(t);
            detail = j.outcome || j.reason || j.state || t;
            if (j.ids) { detail += ' ' + j.ids.length + ' id(s)'; }
          } catch (ignored) { /* not JSON: shown as it is */ }
          if (r.status === 401) { detail = 'wrong or missing credentials'; }
          if (r.status === 403) { detail = 'not allowed'; }
          result.setAttribute('data-status', String(r.status));
          result.className = 'result ' + (r.ok ? 'ok' : 'bad');
          result.textContent = label + ' → ' + r.status + (detail ? ' ' + detail : '');
        });
      })
      .catch(function (e) {
        result.setAttribute('data-status', 'error');
        result.className = 'result bad';
        result.textContent = label + ' failed: ' + e;
      });
  }

  $('pause').addEventListener('click', function () { post('emitter/pause'); });
  $('resume').addEventListener('click', function () { post('emitter/resume'); });
  $('send-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    post('messages', $('message').value);
  });
  $('credentials').addEventListener('submit', function (ev) { ev.preventDefault(); });

  poll();
}());

// The front desk /desk/: sign in with a staff or admin account; then a day or a week per resource (sessions
// with their bookings and waitlists), the bookings waiting for approval (confirm, decline: admins, and
// staff for the bookings with them), the waitlists to come, lock and unlock a session, cancel a booking,
// and book a walk-in. Long lists show twenty at a time.
// All through the JSON API with the session cookie and its CSRF token.
import { api, explain, useDeskSession } from './api.js';
import { addDays, dayKey, detectedZone, el, shortDay, startOfDay, timeOf, when } from './format.js';
import { appointmentPicker, classPicker } from './pickers.js';

const app = document.getElementById('app');
const who = document.getElementById('who');
const zone = detectedZone();
const PAGE = 20;  // long lists show this many at a time, then "Show N more"
const state = { me: null, day: dayKey(new Date().toISOString(), zone), week: false, shown: {}, services: [], resources: [], message: null, problem: null };

// How many items of the list `key` are shown; moving to another day or week starts the day's lists anew.
const shown = (key) => state.shown[key] || PAGE;
function goTo(day, week) {
  if (day !== state.day || week !== state.week) {
    for (const key of Object.keys(state.shown)) if (key.startsWith('resource:')) delete state.shown[key];
  }
  state.day = day;
  state.week = week;
  return renderDay();
}

// The first items of a long list and a "Show N more" button for the next page, which takes the focus
// to the first item it shows.
function paged(key, items, render, attrs) {
  const n = shown(key);
  const list = el('ul', { class: 'sessions', ...attrs }, items.slice(0, n).map(render));
  if (items.length <= n) return list;
  const more = el('button', { type: 'button', class: 'secondary', 'data-more': key, onclick: async () => {
    state.shown[key] = n + PAGE;
    await renderDay();
    const first = document.querySelector(`[data-list="${key}"] > li:nth-child(${n + 1})`);
    if (first) {
      first.setAttribute('tabindex', '-1');
      first.focus();
    }
  } }, `Show ${Math.min(PAGE, items.length - n)} more of ${items.length}`);
  return [list, el('div', { class: 'actions' }, more)];
}

function show(...nodes) {
  app.replaceChildren(...nodes.flat().filter(Boolean));
}

function field(id, label, input) {
  return el('div', { class: 'field' }, el('label', { for: id, text: label }), input);
}

function renderSignIn(problem) {
  who.replaceChildren();
  const alert = el('div', { 'aria-live': 'assertive' }, problem ? el('p', { class: 'alert', role: 'alert' }, problem) : null);
  const form = el('form', { class: 'details', id: 'sign-in' },
    field('user', 'User name', el('input', { id: 'user', name: 'user', autocomplete: 'username', required: true })),
    field('password', 'Password', el('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    alert, el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'sign-in-button' }, 'Sign in')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
    try {
      state.me = await api('POST', '/session', { user: data.user, password: data.password }, '/desk');
      start();
    } catch (e) {
      renderSignIn(explain(e));
    }
  });
  show(el('h1', { text: 'Sign in to the front desk' }), form);
  document.getElementById('user').focus();
}

async function act(method, path, body, done) {
  try {
    await api(method, path, body);
    state.message = done;
    state.problem = null;
  } catch (e) {
    state.problem = explain(e);
    state.message = null;
  }
  await renderDay();
}

const admin = () => state.me.role === 'admin';
// Staff confirm and decline the pending bookings with a resource they are (domain Permissions::decide).
const mayDecide = (b) => admin() || b.resourceIds.some((id) => state.resources.some((r) => r.id === id && r.userName === state.me.user));
const serviceName = (id) => (state.services.find((s) => s.id === id) || { name: id || 'Time off' }).name;
const resourceName = (id) => (state.resources.find((r) => r.id === id) || { name: id }).name;

function bookingRow(b, title) {
  const buttons = [];
  if (b.status === 'PENDING' && mayDecide(b)) {
    buttons.push(el('button', { type: 'button', 'data-confirm': String(b.id), onclick: () => act('POST', `/bookings/${b.id}/confirm`, undefined, `Booking ${b.id} confirmed.`) }, 'Confirm'));
    buttons.push(el('button', { type: 'button', class: 'secondary', 'data-decline': String(b.id), onclick: () => act('POST', `/bookings/${b.id}/decline`, undefined, `Booking ${b.id} declined.`) }, 'Decline'));
  }
  const service = state.services.find((x) => x.id === b.serviceId);
  if (admin() && service && service.kind !== 'course' && ['CONFIRMED', 'PENDING', 'WAITLISTED'].includes(b.status))
    buttons.push(el('button', { type: 'button', class: 'secondary', 'data-move': String(b.id), onclick: () => renderMove(b, service) }, 'Move'));
  if (admin() && ['CONFIRMED', 'PENDING', 'WAITLISTED'].includes(b.status))
    buttons.push(el('button', { type: 'button', class: 'danger', 'data-cancel': String(b.id), onclick: () => act('POST', `/bookings/${b.id}/cancel`, undefined, `Booking ${b.id} canceled.`) }, 'Cancel'));
  const name = (b.contact && b.contact.name) || b.customer || 'Customer';
  return el('li', { class: 'card session', 'data-booking': String(b.id) },
    el('div', {}, title ? el('p', {}, title) : null, el('strong', {}, name), ' ',
      el('span', { class: 'muted' }, `${b.participants} place${b.participants === 1 ? '' : 's'} · ${b.status.toLowerCase()}${b.waitlistPosition ? ' #' + b.waitlistPosition : ''}`),
      b.contact && b.contact.email ? el('div', { class: 'muted' }, b.contact.email) : null),
    el('div', { class: 'actions' }, buttons));
}

function sessionCard(s, bookings) {
  const mine = bookings.filter((b) => b.sessionIds.includes(s.id));
  const lockable = admin() && (s.kind === 'class' || s.kind === 'course');
  return el('li', { class: 'card', 'data-session': String(s.id) },
    el('h4', {}, `${state.week ? shortDay(s.start, zone) + ', ' : ''}${timeOf(s.start, zone)}–${timeOf(s.end, zone)} ${s.serviceId ? serviceName(s.serviceId) : s.title || 'Time off'}`),
    el('p', { class: 'muted' }, `${s.taken}/${s.capacity} taken${s.waitlisted ? `, ${s.waitlisted} waiting` : ''}${s.locked ? ' · locked' : ''}`),
    lockable ? el('div', { class: 'actions' }, el('button', {
      type: 'button', class: 'secondary', 'data-lock': String(s.id),
      onclick: () => act('PATCH', `/sessions/${s.id}`, { locked: !s.locked }, s.locked ? 'Session unlocked.' : 'Session locked.'),
    }, s.locked ? 'Unlock' : 'Lock')) : null,
    mine.length ? el('ul', { class: 'sessions' }, mine.map(bookingRow)) : null);
}

// Draws the day or week; when the visitor moved on while its data loaded (another day, the week), the
// later drawing wins and this one draws nothing.
let drawing = 0;
async function renderDay() {
  const mine = ++drawing;
  const from = startOfDay(state.day, zone).toISOString();
  const days = state.week ? 7 : 1;
  const to = startOfDay(addDays(state.day, days), zone).toISOString();
  let calendar;
  let pending;
  let waitlisted;
  try {
    [calendar, pending, waitlisted] = await Promise.all([
      api('GET', `/calendar?from=${from}&to=${to}`),
      api('GET', '/bookings?status=PENDING'),
      api('GET', `/bookings?status=WAITLISTED&from=${new Date().toISOString()}`),
    ]);
  } catch (e) {
    if (mine !== drawing) return;
    if (e.status === 401) return renderSignIn('Your session ended: sign in again.');
    show(el('h1', { text: 'Front desk' }), el('p', { class: 'alert', role: 'alert' }, explain(e)));
    return;
  }
  if (mine !== drawing) return;
  const dayInput = el('input', { id: 'day', type: 'date', value: state.day, onchange: () => goTo(dayInput.value || state.day, state.week) });
  const byResource = new Map();
  for (const s of calendar.sessions) for (const r of s.resourceIds) {
    if (!byResource.has(r)) byResource.set(r, []);
    byResource.get(r).push(s);
  }
  const waiting = pending.bookings.filter((b) => b.status === 'PENDING');
  const queued = waitlisted.bookings.filter((b) => b.status === 'WAITLISTED')
    .sort((a, b) => a.start.localeCompare(b.start) || a.waitlistPosition - b.waitlistPosition);
  const titled = (b) => bookingRow(b, `${serviceName(b.serviceId)}, ${when(b.start, zone)}`);
  const title = state.week
    ? `Front desk: week from ${shortDay(from, zone)}`
    : `Front desk: ${when(from, zone).split(',').slice(0, 2).join(',')}`;
  show(el('h1', { text: title }),
    el('div', { 'aria-live': 'polite' },
      state.problem ? el('p', { class: 'alert', role: 'alert' }, state.problem) : null,
      state.message ? el('p', { class: 'notice', role: 'status' }, state.message) : null),
    el('div', { class: 'weeknav' },
      el('button', { type: 'button', class: 'secondary', id: 'earlier', onclick: () => goTo(addDays(state.day, -days), state.week) }, state.week ? '← Week before' : '← Day before'),
      field('day', 'Day', dayInput),
      el('button', { type: 'button', class: 'secondary', id: 'later', onclick: () => goTo(addDays(state.day, days), state.week) }, state.week ? 'Week after →' : 'Day after →')),
    el('div', { class: 'actions', role: 'group', 'aria-label': 'View' },
      el('button', { type: 'button', id: 'view-day', class: 'secondary', 'aria-pressed': String(!state.week), onclick: () => goTo(state.day, false) }, 'Day'),
      el('button', { type: 'button', id: 'view-week', class: 'secondary', 'aria-pressed': String(state.week), onclick: () => goTo(state.day, true) }, 'Week')),
    el('section', { 'aria-labelledby': 'pending-title' }, el('h2', { id: 'pending-title', text: `Waiting for approval (${waiting.length})` }),
      waiting.length ? paged('pending', waiting, titled, { id: 'pending', 'data-list': 'pending' }) : el('p', { class: 'muted' }, 'Nothing waits for approval.')),
    el('section', { 'aria-labelledby': 'waitlists-title' }, el('h2', { id: 'waitlists-title', text: `On waitlists (${queued.length})` }),
      queued.length ? paged('waitlists', queued, titled, { id: 'waitlists', 'data-list': 'waitlists' }) : el('p', { class: 'muted' }, 'Nobody is on a waitlist.')),
    el('section', { 'aria-labelledby': 'day-title' }, el('h2', { id: 'day-title', text: state.week ? 'The week by resource' : 'The day by resource' }),
      byResource.size ? [...byResource.entries()].map(([r, sessions]) => el('section', { class: 'resource', 'data-resource': r },
        el('h3', { text: `${resourceName(r)} (${sessions.length})` }),
        paged(`resource:${r}`, sessions, (s) => sessionCard(s, calendar.bookings), { 'data-list': `resource:${r}` })))
        : el('p', { class: 'muted' }, state.week ? 'Nothing is scheduled in this week.' : 'Nothing is scheduled on this day.')),
    admin() ? walkIn() : null);
}

// Moves a booking on the customer's behalf: the service's times, then POST /bookings/{id}/reschedule.
function renderMove(b, service) {
  const onPick = (slot) => {
    const body = service.kind === 'appointment' ? { start: slot.start } : { sessionId: slot.sessionId };
    act('POST', `/bookings/${b.id}/reschedule`, body, `Booking ${b.id} moved to ${when(slot.start, zone)}.`);
  };
  const name = (b.contact && b.contact.name) || b.customer || 'the customer';
  show(el('button', { type: 'button', class: 'secondary back', onclick: renderDay }, '← Back to the day'),
    el('h1', { text: `Move ${service.name} for ${name}` }),
    el('p', {}, `Now: ${when(b.start, zone)}.`),
    service.kind === 'appointment'
      ? appointmentPicker({ service, zone, resources: state.resources, onPick, actionLabel: 'Move to' })
      : classPicker({ service, zone, onPick, exclude: b.sessionIds[0], actionLabel: 'Move to' }));
}

function walkIn() {
  const box = el('section', { 'aria-labelledby': 'walkin-title', id: 'walk-in' }, el('h2', { id: 'walkin-title', text: 'Book a walk-in' }));
  const bookable = state.services.filter((s) => s.kind !== 'course');
  const select = el('select', { id: 'walkin-service' }, el('option', { value: '' }, 'Choose a service'), bookable.map((s) => el('option', { value: s.id }, s.name)));
  const name = el('input', { id: 'walkin-name', autocomplete: 'off' });
  const picker = el('div');
  select.addEventListener('change', () => {
    const service = state.services.find((s) => s.id === select.value);
    if (!service) return picker.replaceChildren();
    const onPick = (slot) => {
      if (!name.value.trim()) {
        state.problem = 'Give the walk-in customer\'s name first.';
        state.message = null;
        return renderDay();
      }
      const body = { serviceId: service.id, contact: { name: name.value.trim() } };
      if (service.kind === 'appointment') body.start = slot.start;
      else body.sessionId = slot.sessionId;
      act('POST', '/bookings', body, `Booked ${service.name} for ${name.value.trim()} at ${when(slot.start, zone)}.`);
    };
    picker.replaceChildren(service.kind === 'appointment'
      ? appointmentPicker({ service, zone, resources: state.resources, onPick, actionLabel: 'Book' })
      : classPicker({ service, zone, onPick }));
  });
  box.append(field('walkin-name', 'Customer\'s name', name), field('walkin-service', 'Service', select), picker);
  return box;
}

async function start() {
  if (!state.me) {
    try {
      state.me = await api('GET', '/session', undefined, '/desk');
    } catch (e) {
      return renderSignIn();
    }
  }
  useDeskSession(state.me.csrfToken);
  const [services, resources] = await Promise.all([api('GET', '/services'), api('GET', '/resources')]);
  state.services = services.services;
  state.resources = resources.resources;
  who.replaceChildren(el('span', { class: 'muted' }, `${state.me.user} (${state.me.role}) `),
    el('button', { type: 'button', class: 'secondary', id: 'sign-out', onclick: async () => {
      try { await api('DELETE', '/session', undefined, '/desk'); } catch (e) { /* signed out anyway */ }
      state.me = null;
      useDeskSession(null);
      renderSignIn();
    } }, 'Sign out'));
  await renderDay();
}

start();

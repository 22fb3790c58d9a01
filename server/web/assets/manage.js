// The manage page /book/manage/<token>: the guest's booking, its calendar links, and cancel or
// move it within the policy; a refusal shows the policy's sentence.
import { api, explain } from './api.js';
import { el, locationText, price, timeOf, when } from './format.js';
import { calendarLinks, statusSentence } from './links.js';
import { appointmentPicker, classPicker } from './pickers.js';
import { currentZone, mountZonePicker } from './zone.js';

const app = document.getElementById('app');
const token = decodeURIComponent(location.pathname.split('/')[3] || '');
const path = `/bookings/manage/${encodeURIComponent(token)}`;
const state = { zone: currentZone(), booking: null, service: null, resources: [], message: null, problem: null };
const active = (b) => ['CONFIRMED', 'PENDING', 'WAITLISTED'].includes(b.status);

function show(...nodes) {
  app.replaceChildren(...nodes.flat().filter(Boolean));
  const heading = app.querySelector('h1');
  heading?.setAttribute('tabindex', '-1');
  heading?.focus();
}

function render() {
  const b = state.booking;
  const s = state.service;
  const alert = el('div', { 'aria-live': 'assertive' });
  if (state.problem) alert.append(el('p', { class: 'alert', role: 'alert' }, state.problem));
  if (state.message) alert.append(el('p', { class: 'notice', role: 'status' }, state.message));
  const actions = el('div', { class: 'actions' });
  if (active(b)) {
    if (s.kind !== 'course')
      actions.append(el('button', { type: 'button', id: 'reschedule', class: 'secondary', onclick: renderReschedule }, 'Change the time'));
    actions.append(el('button', { type: 'button', id: 'cancel', class: 'danger', onclick: confirmCancel }, 'Cancel booking'));
  }
  show(el('h1', { text: statusSentence(b) }), alert,
    el('dl', { class: 'summary' },
      el('dt', {}, 'Service'), el('dd', {}, s.name),
      el('dt', {}, 'When'), el('dd', {}, when(b.start, state.zone),
        s.timezone !== state.zone ? el('span', { class: 'muted' }, ` (${timeOf(b.start, s.timezone)} in ${s.timezone})`) : null),
      b.sessionIds.length > 1 ? [el('dt', {}, 'Sessions'), el('dd', {}, String(b.sessionIds.length))] : null,
      locationText(s) ? [el('dt', {}, 'Where'), el('dd', {}, locationText(s))] : null,
      el('dt', {}, 'Status'), el('dd', { class: 'status', 'data-status': b.status }, b.status.toLowerCase()),
      el('dt', {}, 'Name'), el('dd', {}, b.contact.name),
      el('dt', {}, 'Places'), el('dd', {}, String(b.participants)),
      el('dt', {}, 'Price'), el('dd', {}, price(b.price)),
      active(b) && b.cancellableUntil ? [el('dt', {}, 'Cancel until'), el('dd', {}, when(b.cancellableUntil, state.zone))] : null),
    actions,
    active(b) ? [el('h2', { text: 'Add it to your calendar' }), calendarLinks(b, s, token)] : null,
    el('p', {}, el('a', { href: '/book/' }, 'Book something else')));
}

function confirmCancel() {
  const alert = el('div', { 'aria-live': 'assertive' });
  show(el('h1', { text: 'Cancel this booking?' }),
    el('p', {}, `${state.service.name}, ${when(state.booking.start, state.zone)}.`), alert,
    el('div', { class: 'actions' },
      el('button', { type: 'button', id: 'cancel-yes', class: 'danger', onclick: async (event) => {
        event.target.disabled = true;
        try {
          state.booking = await api('POST', path + '/cancel');
          state.message = 'Your booking is canceled.';
          state.problem = null;
        } catch (e) {
          state.problem = explain(e);
          state.message = null;
        }
        render();
      } }, 'Yes, cancel it'),
      el('button', { type: 'button', class: 'secondary', onclick: () => { state.problem = state.message = null; render(); } }, 'No, keep it')));
}

function renderReschedule() {
  const s = state.service;
  const onPick = async (slot) => {
    const body = s.kind === 'appointment' ? { start: slot.start } : { sessionId: slot.sessionId };
    try {
      state.booking = await api('POST', path + '/reschedule', body);
      state.message = `Moved to ${when(state.booking.start, state.zone)}.`;
      state.problem = null;
    } catch (e) {
      state.problem = explain(e);
      state.message = null;
    }
    render();
  };
  const picker = s.kind === 'appointment'
    ? appointmentPicker({ service: s, zone: state.zone, resources: state.resources, onPick, actionLabel: 'Move to' })
    : classPicker({ service: s, zone: state.zone, onPick, exclude: state.booking.sessionIds[0], actionLabel: 'Move to' });
  show(el('button', { type: 'button', class: 'secondary back', onclick: render }, '← Back to your booking'),
    el('h1', { text: `Change the time of ${s.name}` }),
    el('p', {}, `Now: ${when(state.booking.start, state.zone)}.`), picker);
}

async function start() {
  try {
    state.booking = await api('GET', path);
    const [service, resources] = await Promise.all([
      api('GET', `/services/${encodeURIComponent(state.booking.serviceId)}`), api('GET', '/resources')]);
    state.service = service;
    state.resources = resources.resources;
  } catch (e) {
    show(el('h1', { text: 'Booking not found' }), el('p', { class: 'alert', role: 'alert' }, explain(e)),
      el('p', {}, el('a', { href: '/book/' }, 'Book online')));
    return;
  }
  mountZonePicker(document.getElementById('zone-box'), [state.service.timezone], (zone) => {
    state.zone = zone;
    render();
  });
  render();
}

start();

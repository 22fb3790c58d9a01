// The booking page /book/: services → a time (appointment), a session (class) or a course → the
// details form → the confirmation with calendar links and the manage link. Everything the business
// wrote is set as text.
import { api, ApiError, explain } from './api.js';
import { dayOf, duration, el, kindName, locationText, policySummary, price, timeOf, when } from './format.js';
import { appointmentPicker, classPicker, coursePicker } from './pickers.js';
import { confirmationLinks, statusSentence } from './links.js';
import { currentZone, mountZonePicker } from './zone.js';

const app = document.getElementById('app');
const state = { zone: currentZone(), services: [], resources: [], service: null, choice: null, step: 'services' };

function show(...nodes) {
  app.replaceChildren(...nodes.flat().filter(Boolean));
  const heading = app.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

function back(label, to) {
  return el('button', { type: 'button', class: 'secondary back', onclick: to }, `← ${label}`);
}

function serviceCard(s) {
  const facts = [kindName(s.kind), duration(s.duration), price(s.price), locationText(s)].filter(Boolean);
  return el('li', { class: 'card service', 'data-service': s.id },
    el('h2', { text: s.name }),
    el('p', { class: 'facts' }, facts.map((f, i) => (i === 0 ? el('span', { class: 'kind' }, f) : el('span', {}, f)))),
    s.description ? el('p', { text: s.description }) : null,
    el('p', { class: 'muted' }, policySummary(s)),
    el('div', { class: 'actions' }, el('button', {
      type: 'button', 'aria-label': `Book ${s.name}`, onclick: () => chooseService(s),
    }, s.kind === 'course' ? 'See the course' : 'Choose a time')));
}

function renderServices() {
  state.step = 'services';
  show(el('h1', { text: 'What would you like to book?' }),
    state.services.length ? el('ul', { class: 'services' }, state.services.map(serviceCard))
      : el('p', {}, 'Nothing can be booked online at the moment.'));
  performance.mark('bookdav-services-shown');  // bench/booking_page.py reads it
}

function chooseService(service) {
  state.service = service;
  state.step = 'time';
  renderTime();
}

function renderTime() {
  const s = state.service;
  const onPick = (slot, dates) => { state.choice = { slot, dates }; renderDetails(); };
  let picker;
  if (s.kind === 'appointment') picker = appointmentPicker({ service: s, zone: state.zone, resources: state.resources, onPick });
  else if (s.kind === 'class') picker = classPicker({ service: s, zone: state.zone, onPick });
  else picker = coursePicker({ service: s, zone: state.zone, onPick });
  show(back('All services', renderServices), el('h1', { text: s.name }),
    el('p', { class: 'muted' }, `${duration(s.duration)} · ${price(s.price)} · ${policySummary(s)}`), picker);
}

function field(id, label, input, hint) {
  return el('div', { class: 'field' }, el('label', { for: id, text: label }), input,
    hint ? el('p', { class: 'hint', id: id + '-hint', text: hint }) : null);
}

function renderDetails(problem) {
  state.step = 'details';
  const s = state.service;
  const slot = state.choice.slot;
  const max = (s.policy && s.policy.maxParticipantsPerBooking) || 1;
  const saved = state.form || {};
  const alert = el('div', { 'aria-live': 'assertive' });
  const form = el('form', { class: 'details', novalidate: true },
    field('name', 'Your name', el('input', { id: 'name', name: 'name', autocomplete: 'name', required: true, maxlength: 200, value: saved.name })),
    field('email', 'E-mail address', el('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'email', required: true, maxlength: 254, value: saved.email, 'aria-describedby': 'email-hint' }),
      'We send nothing else; the business uses it only for this booking.'),
    field('phone', 'Phone (optional)', el('input', { id: 'phone', name: 'phone', type: 'tel', autocomplete: 'tel', maxlength: 40, value: saved.phone })),
    max > 1 ? field('participants', 'How many people', el('input', { id: 'participants', name: 'participants', type: 'number', min: 1, max, value: saved.participants || 1, 'aria-describedby': 'participants-hint' }), `Up to ${max} in one booking.`) : null,
    field('note', 'Note for the business (optional)', el('textarea', { id: 'note', name: 'note', rows: 3, maxlength: 1000 }, saved.note || '')),
    alert,
    el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'confirm' },
      slot.waitlist ? 'Join the waitlist' : (s.policy && s.policy.manualApproval ? 'Request booking' : 'Confirm booking'))));
  form.addEventListener('submit', (event) => { event.preventDefault(); submit(form, alert); });
  show(back('Choose another time', renderTime), el('h1', { text: 'Your details' }),
    el('dl', { class: 'summary' },
      el('dt', {}, 'Service'), el('dd', {}, s.name),
      el('dt', {}, 'When'), el('dd', {}, when(slot.start, state.zone),
        s.timezone !== state.zone ? el('span', { class: 'muted' }, ` (${timeOf(slot.start, s.timezone)} in ${s.timezone})`) : null),
      s.kind === 'course' ? [el('dt', {}, 'Sessions'), el('dd', {}, String((slot.sessionIds || []).length))] : null,
      locationText(s) ? [el('dt', {}, 'Where'), el('dd', {}, locationText(s))] : null,
      el('dt', {}, 'Price'), el('dd', {}, price(s.price) + (max > 1 ? ' per person' : ''))),
    slot.waitlist ? el('p', { class: 'notice' }, 'This session is full: you join its waitlist and get a place if one frees up.') : null,
    form);
  if (problem) {
    alert.append(el('p', { class: 'alert', role: 'alert' }, problem));
  }
}

async function submit(form, alert) {
  const s = state.service;
  const slot = state.choice.slot;
  const data = Object.fromEntries(new FormData(form).entries());
  state.form = data;
  alert.replaceChildren();
  const missing = [];
  if (!data.name.trim()) missing.push('your name');
  if (!/^[^@\s]+@[^@\s]+$/.test(data.email.trim())) missing.push('a valid e-mail address');
  if (missing.length) {
    alert.append(el('p', { class: 'alert', role: 'alert' }, `Please give ${missing.join(' and ')}.`));
    form.querySelector(missing[0] === 'your name' ? '#name' : '#email').focus();
    return;
  }
  const body = { serviceId: s.id, contact: { name: data.name.trim(), email: data.email.trim() } };
  if (data.phone.trim()) body.contact.phone = data.phone.trim();
  if (data.note && data.note.trim()) body.note = data.note.trim();
  if (data.participants) body.participants = Number(data.participants);
  if (s.kind === 'appointment') {
    body.start = slot.start;
    if (slot.resourceIds && slot.resourceIds.length) body.resourceIds = slot.resourceIds;
  } else {
    body.sessionId = slot.sessionId || slot.sessionIds[0];
  }
  const button = form.querySelector('#confirm');
  button.disabled = true;
  button.textContent = 'Booking…';
  try {
    const booking = await api('POST', '/bookings', body);
    state.form = null;
    renderConfirmation(booking);
  } catch (e) {
    const taken = e instanceof ApiError && (e.code === 'slot-unavailable' || e.code === 'session-full');
    renderDetails(explain(e));
    if (taken) {
      const again = el('button', { type: 'button', id: 'choose-again', onclick: renderTime }, 'Choose another time');
      app.querySelector('.alert').after(again);
    }
    app.querySelector('.alert')?.focus();
  }
}

function renderConfirmation(booking) {
  state.step = 'done';
  const s = state.service;
  show(el('h1', { text: statusSentence(booking) }),
    el('dl', { class: 'summary' },
      el('dt', {}, 'Service'), el('dd', {}, s.name),
      el('dt', {}, 'When'), el('dd', {}, when(booking.start, state.zone)),
      el('dt', {}, 'Status'), el('dd', { class: 'status', 'data-status': booking.status }, booking.status.toLowerCase()),
      el('dt', {}, 'Name'), el('dd', {}, booking.contact.name),
      el('dt', {}, 'Price'), el('dd', {}, price(booking.price))),
    confirmationLinks(booking, s),
    el('div', { class: 'actions' }, el('button', { type: 'button', class: 'secondary', onclick: renderServices }, 'Book something else')));
}

async function start() {
  try {
    const [services, resources] = await Promise.all([api('GET', '/services'), api('GET', '/resources')]);
    state.services = services.services;
    state.resources = resources.resources;
  } catch (e) {
    show(el('h1', { text: 'Booking is not available' }), el('p', { class: 'alert', role: 'alert' }, explain(e)));
    return;
  }
  mountZonePicker(document.getElementById('zone-box'), state.services.map((s) => s.timezone), (zone) => {
    state.zone = zone;
    if (state.step === 'time') renderTime();
    else if (state.step === 'details') renderDetails();
  });
  renderServices();
}

start();

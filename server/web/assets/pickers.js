// Choosing a time: an appointment's days and slots (a month at a time, for anyone or one staff member),
// a class's coming sessions with places left or a waitlist, a course's series with all its dates.
// Times are shown in the visitor's zone, with the business's time beside them when the zones differ.
import { api, explain } from './api.js';
import { addMonths, dayKey, dayOf, el, monthName, monthOf, startOfDay, timeOf, when } from './format.js';
import { monthGrid } from './month.js';

function businessTime(iso, zone, service) {
  if (service.timezone === zone) return null;
  return el('small', { class: 'muted' }, `${timeOf(iso, service.timezone)} in ${service.timezone}`);
}

function zoneNote(service, zone) {
  const text = service.timezone === zone
    ? `Times are in ${zone}.`
    : `Times are in your zone, ${zone}; the business is in ${service.timezone}.`;
  return el('p', { class: 'muted' }, text);
}

// An appointment: a month of days with their free times (one availability query per month shown), for
// anyone or one staff member, then the chosen day's times.
export function appointmentPicker({ service, zone, resources, onPick, actionLabel = 'Choose' }) {
  const root = el('section', { class: 'appointment', 'aria-labelledby': 'pick-title' });
  const today = dayKey(new Date().toISOString(), zone);
  const first = monthOf(today);
  const last = addMonths(first, 12);
  const staffIds = (service.resources && service.resources[0] && service.resources[0].anyOf) || [];
  const staff = staffIds.map((id) => resources.find((r) => r.id === id)).filter((r) => r && r.kind === 'staff');
  const state = { staff: '', month: first, day: null, focus: null, slots: [], loading: false, error: null, asked: 0 };

  // Shows `month`; with autoAdvance, months without a free time are skipped (three at most).
  async function load(month, autoAdvance) {
    const asked = ++state.asked;
    state.month = month;
    state.loading = true;
    state.error = null;
    render();
    try {
      const body = {
        serviceId: service.id,
        from: startOfDay(month < today ? today : month, zone).toISOString(),
        to: startOfDay(addMonths(month, 1), zone).toISOString(),
        timezone: zone,
      };
      if (state.staff) body.resourceIds = [state.staff];
      const answer = await api('POST', '/availability/query', body);
      if (asked !== state.asked) return;  // another month was asked for meanwhile
      state.slots = answer.slots.filter((s) => s.bookable);
      const days = [...new Set(state.slots.map((s) => dayKey(s.start, zone)))];
      if (!days.length && autoAdvance && month < addMonths(first, 3)) return load(addMonths(month, 1), true);
      state.day = days.includes(state.day) ? state.day : days[0] || null;
    } catch (e) {
      if (asked !== state.asked) return;
      state.slots = [];
      state.error = explain(e);
    }
    state.loading = false;
    render();
  }

  function choose(day) {
    state.day = state.focus = day;
    render();
    root.querySelector('.slots button')?.focus();
  }

  function render() {
    // The element that had the focus is drawn anew: the focus goes to its successor.
    const active = root.contains(document.activeElement) ? document.activeElement : null;
    const again = active && (active.dataset.day ? `.month [data-day="${active.dataset.day}"]` : active.id ? `#${active.id}` : null);
    root.replaceChildren();
    root.append(el('h2', { id: 'pick-title', text: 'Choose a time' }), zoneNote(service, zone));
    if (staff.length > 1) {
      const select = el('select', {
        id: 'staff', onchange: () => { state.staff = select.value; load(state.month, true); },
      }, el('option', { value: '' }, 'Anyone available'),
      staff.map((r) => el('option', { value: r.id, selected: r.id === state.staff }, r.name)));
      root.append(el('div', { class: 'field' }, el('label', { for: 'staff', text: 'With' }), select));
    }
    const byDay = new Map();
    for (const s of state.slots) {
      const k = dayKey(s.start, zone);
      if (!byDay.has(k)) byDay.set(k, []);
      byDay.get(k).push(s);
    }
    root.append(el('div', { class: 'weeknav' },
      el('button', { type: 'button', class: 'secondary', id: 'month-before', disabled: state.month <= first,
                     onclick: () => load(addMonths(state.month, -1), false) }, '← Earlier'),
      el('span', { id: 'month-title', class: 'month-title', 'aria-live': 'polite' }, monthName(state.month)),
      el('button', { type: 'button', class: 'secondary', id: 'month-after', disabled: state.month >= last,
                     onclick: () => load(addMonths(state.month, 1), false) }, 'Later →')));
    root.append(monthGrid({
      month: state.month, counts: state.loading || state.error ? null : new Map([...byDay].map(([k, v]) => [k, v.length])),
      focus: state.focus, selected: state.day, today, labelledBy: 'month-title', onChoose: choose,
      onFocus: (day) => { state.focus = day; },
      onLeave: (day) => {
        if (monthOf(day) < first || monthOf(day) > last) return;
        state.focus = day;
        load(monthOf(day), false);
      },
    }));
    const region = el('div', { 'aria-live': 'polite' });
    root.append(region);
    if (state.loading) region.append(el('p', { class: 'muted' }, 'Looking for free times…'));
    else if (state.error) region.append(el('p', { class: 'alert', role: 'alert' }, state.error));
    else if (!state.day) region.append(el('p', {}, `No free times in ${monthName(state.month)}. Try a later month.`));
    else {
      const daySlots = byDay.get(state.day) || [];
      region.append(el('h3', { text: `Free times on ${dayOf(daySlots[0].start, zone)}` }),
        el('ul', { class: 'slots' }, daySlots.map((s) => el('li', {},
          el('button', { type: 'button', class: 'secondary', 'data-start': s.start,
                         'aria-label': `${actionLabel} ${when(s.start, zone)}`, onclick: () => onPick(s) },
            el('span', {}, timeOf(s.start, zone)), businessTime(s.start, zone, service))))));
    }
    if (again) (root.querySelector(again) || root.querySelector('.month [tabindex="0"]'))?.focus();
  }

  load(first, true);
  return root;
}

function placesText(slot) {
  if (slot.bookable && !slot.waitlist)
    return el('span', { class: 'places open' }, `${slot.openSpots} of ${slot.totalSpots} places left`);
  if (slot.bookable && slot.waitlist) return el('span', { class: 'places waitlist' }, 'Full: waitlist open');
  return el('span', { class: 'places full' }, slot.reason ? `Not bookable: ${slot.reason}` : 'Full');
}

export function classPicker({ service, zone, onPick, exclude, actionLabel = 'Book' }) {
  const root = el('section', { class: 'classes', 'aria-labelledby': 'pick-title' });
  const pageDays = 28;
  const state = { to: new Date(), slots: [], loading: false, error: null };

  // The next four weeks of sessions; after the first, the focus goes to the first session they add.
  async function more() {
    const before = state.slots.length;
    state.loading = true;
    render();
    const from = state.to;
    const to = new Date(from.getTime() + pageDays * 86400e3);
    try {
      const answer = await api('POST', '/availability/query', {
        serviceId: service.id, from: from.toISOString(), to: to.toISOString(), timezone: zone, includeUnbookable: true,
      });
      state.slots.push(...answer.slots.filter((s) => s.sessionId !== exclude));
      state.to = to;
    } catch (e) {
      state.error = explain(e);
    }
    state.loading = false;
    render();
    const added = before && root.querySelectorAll('.sessions > li')[before];
    if (added) {
      added.setAttribute('tabindex', '-1');
      added.focus();
    } else if (before) {
      root.querySelector('#more-sessions')?.focus();
    }
  }

  function render() {
    root.replaceChildren(el('h2', { id: 'pick-title', text: 'Choose a session' }), zoneNote(service, zone));
    if (state.error) root.append(el('p', { class: 'alert', role: 'alert' }, state.error));
    if (!state.slots.length && !state.loading) root.append(el('p', {}, 'No sessions in the coming weeks.'));
    root.append(el('ul', { class: 'sessions' }, state.slots.map((s) => el('li', { class: 'card session' },
      el('div', {}, el('h3', { text: when(s.start, zone) }), businessTime(s.start, zone, service), ' ', placesText(s)),
      el('button', {
        type: 'button', disabled: !s.bookable, 'data-session': String(s.sessionId),
        'aria-label': `${s.waitlist ? 'Join the waitlist of' : actionLabel} ${when(s.start, zone)}`,
        onclick: () => onPick(s),
      }, s.bookable && s.waitlist ? 'Join waitlist' : actionLabel)))));
    const longest = Date.now() + 390 * 86400e3;
    root.append(el('div', { class: 'actions' }, el('button', {
      type: 'button', class: 'secondary', id: 'more-sessions', disabled: state.loading || state.to.getTime() > longest,
      onclick: more,
    }, state.loading ? 'Loading…' : 'Show later sessions')));
  }

  more();
  return root;
}

export function coursePicker({ service, zone, onPick }) {
  const root = el('section', { class: 'courses', 'aria-labelledby': 'pick-title' });
  root.append(el('h2', { id: 'pick-title', text: 'Choose a course' }), el('p', { class: 'muted' }, 'Loading the dates…'));
  (async () => {
    try {
      const from = new Date();
      const to = new Date(from.getTime() + 390 * 86400e3);
      const [availability, sessions] = await Promise.all([
        api('POST', '/availability/query', { serviceId: service.id, from: from.toISOString(), to: to.toISOString(),
                                             timezone: zone, includeUnbookable: true }),
        api('GET', `/sessions?serviceId=${encodeURIComponent(service.id)}&from=${from.toISOString()}&to=${to.toISOString()}`),
      ]);
      root.replaceChildren(el('h2', { id: 'pick-title', text: 'Choose a course' }), zoneNote(service, zone));
      if (!availability.slots.length) root.append(el('p', {}, 'No course is open for booking.'));
      root.append(el('ul', { class: 'sessions' }, availability.slots.map((s) => {
        const dates = sessions.sessions.filter((x) => (s.sessionIds || []).includes(x.id));
        return el('li', { class: 'card' },
          el('h3', { text: `From ${dayOf(s.start, zone)}` }),
          el('p', {}, `${(s.sessionIds || []).length} sessions`, ' · ', placesText(s)),
          el('ol', { class: 'dates', 'aria-label': 'Dates of the course' }, dates.map((d) => el('li', {}, when(d.start, zone)))),
          el('div', { class: 'actions' }, el('button', {
            type: 'button', disabled: !s.bookable, 'data-session': String(s.sessionId),
            onclick: () => onPick(s, dates),
          }, s.bookable && s.waitlist ? 'Join waitlist' : 'Book the course')));
      })));
    } catch (e) {
      root.replaceChildren(el('p', { class: 'alert', role: 'alert' }, explain(e)));
    }
  })();
  return root;
}

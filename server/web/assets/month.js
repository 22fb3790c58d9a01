// A calendar month as a table of day buttons, Monday first, each with its number of free times; days of
// other months are left blank. One Tab stop: the arrow keys move by day and week, Home and End to the
// week's ends, Page Up and Page Down by month (leaving the month asks the owner to show another one);
// Enter or Space chooses a day that has free times.
import { addDays, addMonths, dayOf, el, monthOf, weekdayOf } from './format.js';

const WEEKDAYS = [['Mon', 'Monday'], ['Tue', 'Tuesday'], ['Wed', 'Wednesday'], ['Thu', 'Thursday'],
  ['Fri', 'Friday'], ['Sat', 'Saturday'], ['Sun', 'Sunday']];

// The same day of the month `n` months on, or that month's last day.
function sameDayOfMonth(key, n) {
  const month = addMonths(monthOf(key), n);
  const last = addDays(addMonths(month, 1), -1);
  const day = month.slice(0, 8) + key.slice(8);
  return day < last ? day : last;
}

// month: "2026-12-01"; counts: day key → free times (null while they load); focus: the day holding the
// Tab stop; selected: the chosen day; today: the visitor's today. onChoose(day) for a day with free
// times; onFocus(day) as the keys move inside the month; onLeave(day) when they move out of it.
export function monthGrid({ month, counts, focus, selected, today, labelledBy, onChoose, onFocus, onLeave }) {
  const after = addMonths(month, 1);
  const days = [];
  for (let k = month; k < after; k = addDays(k, 1)) days.push(k);
  const stop = [focus, selected].find((k) => days.includes(k)) || (days.includes(today) ? today : month);
  const cells = [...Array(weekdayOf(month)).fill(null), ...days];
  while (cells.length % 7) cells.push(null);

  const dayButton = (k) => {
    const n = counts ? counts.get(k) || 0 : 0;
    const what = !counts ? 'looking for free times' : n ? `${n} free time${n === 1 ? '' : 's'}` : 'no free times';
    return el('button', {
      type: 'button', 'data-day': k, tabindex: k === stop ? '0' : '-1',
      'aria-label': `${dayOf(k + 'T12:00:00Z', 'UTC')}: ${what}`, 'aria-pressed': String(k === selected),
      'aria-disabled': n ? null : 'true', 'aria-current': k === today ? 'date' : null,
      onclick: () => { if (n) onChoose(k); },
    }, el('span', { class: 'date' }, String(Number(k.slice(8)))),
    el('small', {}, !counts ? '…' : n ? [String(n), el('span', { class: 'wide' }, ' free')] : '—'));
  };

  const rows = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7));
  const table = el('table', { class: 'month', 'aria-labelledby': labelledBy, 'aria-busy': counts ? null : 'true' },
    el('thead', {}, el('tr', {}, WEEKDAYS.map(([short, long]) => el('th', { scope: 'col' }, el('abbr', { title: long }, short))))),
    el('tbody', {}, rows.map((row) => el('tr', {}, row.map((k) => el('td', {}, k ? dayButton(k) : null))))));

  table.addEventListener('keydown', (event) => {
    const k = event.target.dataset && event.target.dataset.day;
    if (!k || event.altKey || event.ctrlKey || event.metaKey) return;
    const w = weekdayOf(k);
    const steps = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7, Home: -w, End: 6 - w };
    let target;
    if (event.key in steps) target = addDays(k, steps[event.key]);
    else if (event.key === 'PageUp' || event.key === 'PageDown') target = sameDayOfMonth(k, event.key === 'PageUp' ? -1 : 1);
    else return;
    event.preventDefault();
    const button = table.querySelector(`[data-day="${target}"]`);
    if (!button) return onLeave(target);
    for (const b of table.querySelectorAll('[data-day]')) b.tabIndex = -1;
    button.tabIndex = 0;
    button.focus();
    onFocus(target);
  });
  return table;
}

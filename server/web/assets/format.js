// Small helpers of the pages: building elements (business text is always set as text, never as
// markup), and times, durations, prices and policies in words.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function detectedZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch (e) {
    return 'UTC';
  }
}

export function zoneList(extra) {
  let zones = [];
  try { zones = Intl.supportedValuesOf('timeZone'); } catch (e) { zones = []; }
  for (const z of extra) if (z && !zones.includes(z)) zones.push(z);
  return zones.sort();
}

const cache = new Map();
function formatter(zone, options) {
  const key = zone + JSON.stringify(options);
  if (!cache.has(key)) cache.set(key, new Intl.DateTimeFormat('en-GB', { timeZone: zone, ...options }));
  return cache.get(key);
}

export function timeOf(iso, zone) {
  return formatter(zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}
export function dayOf(iso, zone) {
  return formatter(zone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));
}
export function shortDay(iso, zone) {
  return formatter(zone, { weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(iso));
}
export function when(iso, zone) {
  return `${dayOf(iso, zone)}, ${timeOf(iso, zone)}`;
}
// "2026-12-07": the calendar day of an instant in a zone.
export function dayKey(iso, zone) {
  const parts = formatter(zone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(iso));
  const get = (type) => parts.find((p) => p.type === type).value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}
// The instant at which a calendar day starts in a zone (the first instant whose dayKey is `key`).
export function startOfDay(key, zone) {
  let t = Date.parse(key + 'T00:00:00Z') - 14 * 3600e3;
  while (dayKey(new Date(t).toISOString(), zone) < key) t += 15 * 60e3;
  return new Date(t);
}
export function addDays(key, n) {
  const d = new Date(key + 'T12:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// Calendar months as the key of their first day ("2026-12-01").
export function monthOf(key) {
  return key.slice(0, 8) + '01';
}
export function addMonths(month, n) {
  const d = new Date(month + 'T12:00:00Z');
  d.setUTCMonth(d.getUTCMonth() + n, 1);
  return d.toISOString().slice(0, 10);
}
export function monthName(month) {
  return formatter('UTC', { month: 'long', year: 'numeric' }).format(new Date(month + 'T12:00:00Z'));
}
// 0 for Monday ... 6 for Sunday: weeks start on Monday, as in en-GB.
export function weekdayOf(key) {
  return (new Date(key + 'T12:00:00Z').getUTCDay() + 6) % 7;
}

export function duration(iso) {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso || '');
  if (!m) return iso || '';
  const [d, h, min] = [m[1], m[2], m[3]].map((x) => Number(x || 0));
  const parts = [];
  if (d) parts.push(`${d} day${d === 1 ? '' : 's'}`);
  if (h) parts.push(`${h} h`);
  if (min) parts.push(`${min} min`);
  return parts.join(' ') || '0 min';
}

export function price(p) {
  if (!p || !p.currency) return 'Free';
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency: p.currency }).format(Number(p.amount));
  } catch (e) {
    return `${p.amount} ${p.currency}`;
  }
}

export function kindName(kind) {
  return { appointment: 'Appointment', class: 'Class', course: 'Course' }[kind] || kind;
}

// The policy in one or two sentences.
export function policySummary(service) {
  const p = service.policy || {};
  const out = [];
  if (p.minimumNotice && p.minimumNotice !== 'PT0S') out.push(`Book at least ${duration(p.minimumNotice)} ahead.`);
  if (p.cancellationDeadline && p.cancellationDeadline !== 'PT0S')
    out.push(`Free cancellation up to ${duration(p.cancellationDeadline)} before the start.`);
  else out.push('Cancel any time before the start.');
  if (p.manualApproval) out.push('The business confirms each booking.');
  if (service.kind !== 'appointment' && p.waitlistCapacity > 0) out.push('A waitlist opens when it is full.');
  return out.join(' ');
}

export function locationText(service) {
  const l = service.location;
  if (!l) return '';
  return l.text || '';
}

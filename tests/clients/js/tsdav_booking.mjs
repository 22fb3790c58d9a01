// tsdav as a customer's calendar app booking with bookdav (DESIGN.md, "Booking through CalDAV", "Free slots as
// VFREEBUSY"), with the standalone functions and getBasicAuthHeaders as tsdav_flow.mjs (and Cal.com) use them:
// fetchCalendars (the service calendars and bookings/), freeBusyQuery on a service calendar (FREE periods),
// createCalendarObject into service-cut/ (books), fetchCalendarObjects of bookings/ (sees it),
// updateCalendarObject with the ETag and a new DTSTART (reschedules; again with the stale ETag: 412),
// deleteCalendarObject with the ETag (cancels), and one
// refusal: createCalendarObject at an off-grid time.
//
//   node tsdav_booking.mjs SERVER_URL USER PASSWORD PLAN_JSON
//
// PLAN_JSON: {"range": {"start", "end"} (ISO instants), "book": "YYYYMMDDTHHMMSSZ", "moveTo": ..., "offGrid": ...,
// "durationMinutes": 30}. Prints one JSON object: {step: {ok: true, value} | {ok: false, error}}; every step runs
// even if an earlier one failed, so that tests/clients/test_booking_tsdav.py can assert each one.
import {
  createAccount, fetchCalendars, freeBusyQuery, createCalendarObject, fetchCalendarObjects, updateCalendarObject,
  deleteCalendarObject, getBasicAuthHeaders,
} from 'tsdav';
import { printOutcomes, resp, step } from './steps.mjs';

const [serverUrl, username, password, planJson] = process.argv.slice(2);
if (!serverUrl || !username || !password || !planJson) {
  console.error('usage: node tsdav_booking.mjs SERVER_URL USER PASSWORD PLAN_JSON');
  process.exit(2);
}
const plan = JSON.parse(planJson);
const credentials = { username, password };
const headers = getBasicAuthHeaders(credentials);
const objects = (objs) => (objs || []).map((o) => ({ url: new URL(o.url).pathname, etag: o.etag ?? null,
  data: typeof o.data === 'string' ? o.data : null }));

// Instants as iCalendar UTC text and back.
const icalUtc = (d) => `${d.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
const fromIcal = (s) => new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`);
const plus = (s, minutes) => icalUtc(new Date(fromIcal(s).getTime() + minutes * 60000));
const event = (uid, start) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bookdav tsdav booking test//EN',
  'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260101T000000Z', `DTSTART:${start}`,
  `DTEND:${plus(start, plan.durationMinutes)}`, 'SUMMARY:Haircut', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
const unfold = (text) => text.replace(/\r?\n[ \t]/g, '');

// -- discovery --
const account = await step('createAccount', async () => {
  const a = await createAccount({ account: { serverUrl, accountType: 'caldav', credentials }, headers });
  return { serverUrl: a.serverUrl, rootUrl: a.rootUrl, principalUrl: a.principalUrl, homeUrl: a.homeUrl,
    accountType: a.accountType, credentials };
}) ?? { serverUrl, rootUrl: new URL('/dav/', serverUrl).href, accountType: 'caldav', credentials,
  principalUrl: new URL(`/dav/principals/${username}/`, serverUrl).href,
  homeUrl: new URL(`/dav/calendars/${username}/`, serverUrl).href };
const calendars = await step('fetchCalendars', async () => {
  const cs = await fetchCalendars({ account, headers });
  return cs.map((c) => ({ url: c.url, path: new URL(c.url).pathname, displayName: c.displayName,
    description: c.description, components: c.components, reports: c.reports, ctag: c.ctag ?? null,
    syncToken: c.syncToken ?? null }));
});
const byName = (name) => (calendars || []).find((c) => c.path === `/dav/calendars/${username}/${name}/`)
  ?? { url: new URL(`${name}/`, account.homeUrl).href };
const cut = byName('service-cut');
const bookings = byName('bookings');

// -- free slots --
await step('freeBusyQuery', async () => {
  const r = await freeBusyQuery({ url: cut.url, timeRange: plan.range, depth: '1', headers });
  const raw = typeof r.raw === 'string' ? r.raw : null;
  const free = [];
  for (const line of unfold(raw ?? '').split(/\r?\n/)) {
    const m = /^FREEBUSY;([^:]*):(.*)$/i.exec(line);
    if (m && /FBTYPE=FREE(;|$)/i.test(m[1])) free.push(...m[2].split(','));
  }
  return { status: r.status, ok: r.ok, raw: raw ?? JSON.stringify(r.raw ?? null), free };
});

// -- book --
const filename = 'tsdav-booking.ics';
await step('createCalendarObject', async () =>
  resp(await createCalendarObject({ calendar: cut, filename, iCalString: event('tsdav-book-1', plan.book), headers })));
const fetchBookings = async () => objects(await fetchCalendarObjects({ calendar: bookings, headers }));
const seen = await step('fetchCalendarObjects_bookings', fetchBookings);
const mine = (seen || []).find((o) => (o.data ?? '').includes('UID:tsdav-book-1'));

// -- reschedule: the object as fetched, DTSTART and DTEND moved, If-Match its ETag --
await step('updateCalendarObject', async () => {
  if (!mine) throw new Error('the booking is not in bookings/');
  const data = mine.data.replace(`DTSTART:${plan.book}`, `DTSTART:${plan.moveTo}`)
    .replace(`DTEND:${plus(plan.book, plan.durationMinutes)}`, `DTEND:${plus(plan.moveTo, plan.durationMinutes)}`);
  if (data === mine.data) throw new Error(`DTSTART:${plan.book} not found in the fetched booking`);
  const url = new URL(mine.url, serverUrl).href;
  return { sent: data, ifMatch: mine.etag, ...await resp(await updateCalendarObject({ calendarObject: { url, data,
    etag: mine.etag }, headers })) };
});
// The same update again with the ETag that is now stale (to the slot after moveTo): If-Match must fail (412).
await step('updateCalendarObject_stale', async () => {
  if (!mine) throw new Error('the booking is not in bookings/');
  const later = plus(plan.moveTo, plan.durationMinutes);
  const data = mine.data.replace(`DTSTART:${plan.book}`, `DTSTART:${later}`)
    .replace(`DTEND:${plus(plan.book, plan.durationMinutes)}`, `DTEND:${plus(later, plan.durationMinutes)}`);
  const url = new URL(mine.url, serverUrl).href;
  return { ifMatch: mine.etag, ...await resp(await updateCalendarObject({ calendarObject: { url, data,
    etag: mine.etag }, headers })) };
});
const moved = await step('fetchCalendarObjects_afterUpdate', fetchBookings);

// -- cancel --
await step('deleteCalendarObject', async () => {
  const now = (moved || []).find((o) => (o.data ?? '').includes('UID:tsdav-book-1'));
  if (!now) throw new Error('the booking is not in bookings/ after the update');
  const url = new URL(now.url, serverUrl).href;
  return { url: now.url, ifMatch: now.etag, ...await resp(await deleteCalendarObject({ calendarObject: { url,
    etag: now.etag }, headers })) };
});
await step('fetchCalendarObjects_afterDelete', fetchBookings);

// -- one refusal: a start that is not on the slot grid --
await step('createCalendarObject_offGrid', async () =>
  resp(await createCalendarObject({ calendar: cut, filename: 'tsdav-offgrid.ics',
    iCalString: event('tsdav-offgrid-1', plan.offGrid), headers })));

printOutcomes();

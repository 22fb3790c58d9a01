// tsdav against a live bookdav, the way Cal.com's CalDAV integration drives it (standalone functions with
// getBasicAuthHeaders: createAccount, fetchCalendars, createCalendarObject, fetchCalendarObjects with
// timeRange and expand, updateCalendarObject with the ETag, deleteCalendarObject), plus the DAVClient
// class's login, the discovery helpers and the sync API.
//
//   node tsdav_flow.mjs SERVER_URL USER PASSWORD
//
// Prints one JSON object on stdout: {step: {ok: true, value: ...} | {ok: false, error: "..."}}.
// Every step runs even if an earlier one failed (with fallbacks for the inputs it needs), so that
// tests/clients/test_tsdav.py can assert each outcome separately. Exit code 0 unless the script itself
// broke.
import {
  DAVClient, createAccount, fetchPrincipalUrl, fetchHomeUrl, fetchCalendarUserAddresses, fetchCalendars,
  makeCalendar, createCalendarObject, fetchCalendarObjects, updateCalendarObject, deleteCalendarObject,
  calendarMultiGet, syncCollection, smartCollectionSyncDetailed, isCollectionDirty, freeBusyQuery,
  getBasicAuthHeaders,
} from 'tsdav';
import { printOutcomes, resp, step } from './steps.mjs';

const [serverUrl, username, password] = process.argv.slice(2);
if (!serverUrl || !username || !password) {
  console.error('usage: node tsdav_flow.mjs SERVER_URL USER PASSWORD');
  process.exit(2);
}
const credentials = { username, password };
const headers = getBasicAuthHeaders(credentials);

// -- fixtures: the same objects the Python tests use (tests/support/icstext.py) --
const BERLIN = [
  'BEGIN:VTIMEZONE', 'TZID:Europe/Berlin',
  'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'TZNAME:CEST', 'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT',
  'BEGIN:STANDARD', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'TZNAME:CET', 'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD', 'END:VTIMEZONE'];
const cal = (...lines) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bookdav tsdav test//EN', ...lines,
  'END:VCALENDAR', ''].join('\r\n');
const ev = (uid, start, end, summary, ...extra) => ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20261101T000000Z',
  start, end, `SUMMARY:${summary}`, ...extra, 'END:VEVENT'];
const OBJECTS = {
  'ts-single': cal(...ev('ts-single', 'DTSTART:20261201T100000Z', 'DTEND:20261201T110000Z', 'Dentist')),
  'ts-weekly': cal(...BERLIN, ...ev('ts-weekly', 'DTSTART;TZID=Europe/Berlin:20261207T200000',
    'DTEND;TZID=Europe/Berlin:20261207T213000', 'Spanish', 'RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10')),
  'ts-daily': cal(
    ...ev('ts-daily', 'DTSTART:20261214T090000Z', 'DTEND:20261214T100000Z', 'Standup', 'RRULE:FREQ=DAILY;COUNT=5'),
    ...ev('ts-daily', 'DTSTART:20261215T150000Z', 'DTEND:20261215T160000Z', 'Standup moved',
      'RECURRENCE-ID:20261215T090000Z')),
};
const summarizeObjects = (objs) => (objs || []).map((o) => ({ url: new URL(o.url).pathname, etag: o.etag ?? null,
  data: typeof o.data === 'string' ? o.data : (o.data == null ? null : JSON.stringify(o.data)) }));

// -- discovery --
const client = new DAVClient({ serverUrl, credentials, authMethod: 'Basic', defaultAccountType: 'caldav' });
await step('login', async () => {
  await client.login();
  const a = client.account;
  return { rootUrl: a.rootUrl, principalUrl: a.principalUrl, homeUrl: a.homeUrl };
});
const account = await step('createAccount', async () => {
  const a = await createAccount({ account: { serverUrl, accountType: 'caldav', credentials }, headers });
  return { serverUrl: a.serverUrl, rootUrl: a.rootUrl, principalUrl: a.principalUrl, homeUrl: a.homeUrl,
    accountType: a.accountType, credentials };
}) ?? { serverUrl, rootUrl: new URL('/dav/', serverUrl).href, accountType: 'caldav', credentials,
  principalUrl: new URL(`/dav/principals/${username}/`, serverUrl).href,
  homeUrl: new URL(`/dav/calendars/${username}/`, serverUrl).href };
await step('fetchPrincipalUrl', () => fetchPrincipalUrl({ account: { ...account, principalUrl: undefined }, headers }));
await step('fetchHomeUrl', () => fetchHomeUrl({ account, headers }));
await step('fetchCalendarUserAddresses', () => fetchCalendarUserAddresses({ account, headers }));

// -- calendars --
const calUrl = new URL('tsdav/', account.homeUrl).href;
await step('makeCalendar', async () => {
  const r = await makeCalendar({ url: calUrl, props: { displayname: 'Tsdav', 'ca:calendar-color': '#FF8800FF',
    'c:calendar-description': 'made by tsdav' }, headers });
  return r.map((x) => ({ href: x.href, status: x.status, ok: x.ok }));
});
const calendars = await step('fetchCalendars', async () => {
  const cs = await fetchCalendars({ account, headers });
  return cs.map((c) => ({ url: c.url, displayName: c.displayName, description: c.description, ctag: c.ctag ?? null,
    syncToken: c.syncToken ?? null, components: c.components, resourcetype: c.resourcetype, reports: c.reports,
    calendarColor: c.calendarColor ?? null }));
});
const calendar = (calendars || []).find((c) => new URL(c.url).href === calUrl) ?? { url: calUrl };

// -- create --
await step('createCalendarObject', async () => {
  const res = {};
  for (const [uid, ics] of Object.entries(OBJECTS)) {
    res[uid] = await resp(await createCalendarObject({ calendar, filename: `${uid}.ics`, iCalString: ics, headers }));
  }
  // If-None-Match: * (which createCalendarObject always sends) must refuse to overwrite.
  res.again = await resp(await createCalendarObject({ calendar, filename: 'ts-single.ics',
    iCalString: OBJECTS['ts-single'], headers }));
  return res;
});

// -- read --
await step('fetchCalendarObjects_all', async () =>
  summarizeObjects(await fetchCalendarObjects({ calendar, headers })));
await step('fetchCalendarObjects_multiget_urls', async () =>
  summarizeObjects(await fetchCalendarObjects({ calendar, headers,
    objectUrls: [new URL('ts-single.ics', calUrl).href, new URL('ts-daily.ics', calUrl).href] })));
const range = { start: '2026-12-14T00:00:00.000Z', end: '2026-12-17T00:00:00.000Z' };
await step('fetchCalendarObjects_timeRange', async () =>
  summarizeObjects(await fetchCalendarObjects({ calendar, headers, timeRange: range })));
await step('fetchCalendarObjects_timeRange_expand', async () =>
  summarizeObjects(await fetchCalendarObjects({ calendar, headers, timeRange: range, expand: true })));
await step('fetchCalendarObjects_timeRange_empty', async () =>
  summarizeObjects(await fetchCalendarObjects({ calendar, headers,
    timeRange: { start: '2027-06-01T00:00:00.000Z', end: '2027-06-02T00:00:00.000Z' } })));

// -- sync state before edits --
const sync0 = await step('syncCollection_initial', async () => {
  const r = await syncCollection({ url: calUrl, props: { 'd:getetag': {} }, syncLevel: 1, syncToken: '', headers });
  return { token: r[0]?.raw?.multistatus?.syncToken ?? null,
    responses: r.map((x) => ({ href: x.href, status: x.status, ok: x.ok, etag: x.props?.getetag ?? null })) };
});
const dirty0 = await step('isCollectionDirty_before', () => isCollectionDirty({ collection: { url: calUrl,
  ctag: calendar.ctag }, headers }));

// -- update with ETag (what Cal.com does on reschedule) --
await step('updateCalendarObject', async () => {
  const url = new URL('ts-single.ics', calUrl).href;
  const g = await fetch(url, { headers });
  const etag = g.headers.get('etag');
  const data = (await g.text()).replace('SUMMARY:Dentist', 'SUMMARY:Dentist (moved)')
    .replace('DTSTART:20261201T100000Z', 'DTSTART:20261202T100000Z')
    .replace('DTEND:20261201T110000Z', 'DTEND:20261202T110000Z');
  const ok = await resp(await updateCalendarObject({ calendarObject: { url, data, etag }, headers }));
  // A second update with the now stale ETag must be refused (412).
  const stale = await resp(await updateCalendarObject({ calendarObject: { url, etag,
    data: data.replace('Dentist (moved)', 'lost update') }, headers }));
  return { etagBefore: etag, ok, stale };
});

// -- delete with ETag --
await step('deleteCalendarObject', async () => {
  const url = new URL('ts-weekly.ics', calUrl).href;
  const stale = await resp(await deleteCalendarObject({ calendarObject: { url, etag: '"not-the-etag"' }, headers }));
  const etag = (await fetch(url, { method: 'HEAD', headers })).headers.get('etag');
  const ok = await resp(await deleteCalendarObject({ calendarObject: { url, etag }, headers }));
  const after = (await fetch(url, { headers })).status;
  return { stale, ok, after };
});

// -- sync after edits --
await step('syncCollection_incremental', async () => {
  const token = sync0?.token ?? '';
  const r = await syncCollection({ url: calUrl, props: { 'd:getetag': {} }, syncLevel: 1, syncToken: token, headers });
  return { token: r[0]?.raw?.multistatus?.syncToken ?? null,
    responses: r.map((x) => ({ href: x.href, status: x.status, ok: x.ok, etag: x.props?.getetag ?? null })) };
});
await step('isCollectionDirty_after', () => isCollectionDirty({ collection: { url: calUrl,
  ctag: dirty0?.newCtag ?? calendar.ctag }, headers }));
await step('smartCollectionSyncDetailed', async () => {
  // The local copy as of the initial sync-collection (hrefs and ETags), brought up to date.
  const localObjects = (sync0?.responses || []).map((o) => ({ url: new URL(o.href, serverUrl).href,
    etag: o.etag, data: '' }));
  const r = await smartCollectionSyncDetailed({
    collection: { url: calUrl, syncToken: sync0?.token, ctag: calendar.ctag, reports: calendar.reports,
      objects: localObjects, objectMultiGet: calendarMultiGet,
      fetchObjects: ({ collection, ...rest }) => fetchCalendarObjects({ ...rest, calendar: collection }) },
    method: 'webdav', account, headers });
  const paths = (xs) => (xs || []).map((o) => new URL(o.url).pathname).sort();
  return { created: paths(r.objects.created), updated: paths(r.objects.updated), deleted: paths(r.objects.deleted),
    syncToken: r.syncToken ?? null };
});
await step('syncCalendars', async () => {
  // Calendars as fetched at the start (with their old ctag/sync-token): the tsdav calendar must come back as
  // updated, with its objects re-fetched through its own sync method.
  const old = (calendars || []).map((c) => ({ ...c, objects: [] }));
  const r = await client.syncCalendars({ oldCalendars: old, detailedResult: true });
  return { created: r.created.map((c) => new URL(c.url).pathname), deleted: r.deleted.map((c) => new URL(c.url).pathname),
    updated: r.updated.map((c) => ({ url: new URL(c.url).pathname,
      objects: (c.objects || []).map((o) => new URL(o.url).pathname).sort() })) };
});

// -- free/busy --
await step('freeBusyQuery', async () => {
  const r = await freeBusyQuery({ url: calUrl, timeRange: range, depth: '1', headers });
  return { status: r.status, ok: r.ok, raw: typeof r.raw === 'string' ? r.raw : JSON.stringify(r.raw ?? null) };
});

printOutcomes();

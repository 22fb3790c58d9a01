// Parses iCalendar texts with ical.js (Mozilla's parser, the one Thunderbird and Cal.com use) and reports
// what it saw, for tests/clients/test_icaljs.py.
//
//   node icaljs_check.mjs BODIES.json
//
// BODIES.json is {name: icalendar_text}. Prints {name: result} where result is
//   {ok: false, error}                       if ICAL.parse threw, or a value failed to decorate, or
//   {ok: true, components: [...], roundtrip: bool, occurrences: {...}, problems: [...]}
// components: every component (nested ones included) as {name, path, props: {NAME: [{value, values, params,
//   type}]}}, value being the property's value as ical.js serializes it back (toICALString after the name),
//   values the decoded values as strings (TEXT unescaped, times as ical.js prints them).
// roundtrip: ICAL.parse(component.toString()) gives the same jCal as the first parse.
// occurrences: for each VEVENT/VTODO that has RRULE or RDATE, {UID: first 12 start times in UTC} via ICAL.Event's
//   iterator and getOccurrenceDetails, with the object's VTIMEZONEs registered and RECURRENCE-ID exceptions
//   applied; for every other VEVENT, its start in UTC under UID#RECURRENCE-ID.
// expansionErrors: {UID: {error, yielded}} for each master whose expansion threw inside ical.js (its UID is then
//   missing from occurrences); yielded lists what the iterator returned before (constructor name and value).
// problems: strings for values ical.js decorated into something invalid (NaN times, unknown value types).
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const bodies = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const out = {};

function propInfo(prop) {
  const line = prop.toICALString();
  // The value part as serialized: after the first ':' that is not inside a quoted parameter value.
  let quoted = false, idx = -1;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ':' && !quoted) { idx = i; break; }
  }
  const params = {};
  for (const [k, v] of Object.entries(prop.toJSON()[1])) params[k.toUpperCase()] = v;
  let values = [];
  try {
    values = prop.getValues().map((v) => (typeof v === 'string' ? v : v.toString()));
  } catch (e) { /* reported by walk() */ }
  return { value: idx >= 0 ? line.slice(idx + 1) : '', values, params, type: prop.type };
}

function walk(comp, path, list, problems) {
  const props = {};
  for (const prop of comp.getAllProperties()) {
    const name = prop.name.toUpperCase();
    (props[name] ||= []).push(propInfo(prop));
    let values;
    try {
      values = prop.getValues();
    } catch (e) {
      problems.push(`${path}/${name}: value does not parse: ${e.message}`);
      continue;
    }
    for (const v of values) {
      if (v instanceof ICAL.Time && Number.isNaN(v.toUnixTime())) problems.push(`${path}/${name}: invalid time ${v}`);
      if (v instanceof ICAL.Period && (Number.isNaN(v.start.toUnixTime()))) problems.push(`${path}/${name}: invalid period`);
    }
    if (prop.type === 'unknown' && !name.startsWith('X-')) problems.push(`${path}/${name}: unknown value type`);
  }
  const name = comp.name.toUpperCase();
  list.push({ name, path, props });
  comp.getAllSubcomponents().forEach((sub, i) => walk(sub, `${path}/${sub.name.toUpperCase()}[${i}]`, list, problems));
}

function occurrences(vcal, problems, expansionErrors) {
  const res = {};
  ICAL.TimezoneService.reset();
  for (const vtz of vcal.getAllSubcomponents('vtimezone')) {
    try {
      ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
    } catch (e) {
      problems.push(`VTIMEZONE: cannot be used: ${e.message}`);
    }
  }
  const comps = [...vcal.getAllSubcomponents('vevent'), ...vcal.getAllSubcomponents('vtodo')];
  const masters = comps.filter((c) => c.hasProperty('rrule') || c.hasProperty('rdate'));
  for (const master of masters) {
    const uid = master.getFirstPropertyValue('uid');
    const event = new ICAL.Event(master);
    for (const ex of comps) {
      if (ex !== master && ex.getFirstPropertyValue('uid') === uid && ex.hasProperty('recurrence-id')) {
        event.relateException(ex);
      }
    }
    const starts = [];
    const yielded = [];
    try {
      const it = event.iterator();
      let next;
      while (starts.length < 12 && (next = it.next())) {
        yielded.push(`${next.constructor.name} ${next}`);
        const details = event.getOccurrenceDetails(next);
        starts.push(details.startDate.convertToZone(ICAL.Timezone.utcTimezone).toString());
      }
      res[uid] = starts;
    } catch (e) {
      // The expansion failed inside ical.js (the text parsed): reported apart from parse errors.
      expansionErrors[uid] = { error: String(e), yielded };
    }
  }
  for (const c of comps) {
    if (masters.includes(c)) continue;
    const uid = c.getFirstPropertyValue('uid');
    const rid = c.getFirstPropertyValue('recurrence-id');
    const start = c.getFirstPropertyValue('dtstart');
    const key = rid ? `${uid}#${rid.convertToZone(ICAL.Timezone.utcTimezone).toString()}` : uid;
    res[key] = start ? [start.isDate ? start.toString() : start.convertToZone(ICAL.Timezone.utcTimezone).toString()] : [];
  }
  return res;
}

for (const [name, text] of Object.entries(bodies)) {
  try {
    const jcal = ICAL.parse(text);
    if (!Array.isArray(jcal) || jcal[0] !== 'vcalendar') {
      out[name] = { ok: false, error: 'more than one top-level component, or not a VCALENDAR' };
      continue;
    }
    const vcal = new ICAL.Component(jcal);
    const problems = [];
    const components = [];
    walk(vcal, 'VCALENDAR', components, problems);
    const again = ICAL.parse(vcal.toString());
    const expansionErrors = {};
    out[name] = {
      ok: true,
      components,
      roundtrip: JSON.stringify(again) === JSON.stringify(jcal),
      occurrences: occurrences(vcal, problems, expansionErrors),
      expansionErrors,
      problems,
    };
  } catch (e) {
    out[name] = { ok: false, error: String(e && e.stack ? e.stack : e) };
  }
}
process.stdout.write(JSON.stringify(out) + '\n');

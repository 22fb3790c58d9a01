// The visitor's time zone: detected from the browser, switchable in the page's header, remembered for
// the visit (sessionStorage).
import { detectedZone, el, zoneList } from './format.js';

export function currentZone() {
  try {
    return sessionStorage.getItem('bookdav-zone') || detectedZone();
  } catch (e) {
    return detectedZone();
  }
}

export function mountZonePicker(box, extraZones, onChange) {
  const zone = currentZone();
  const select = el('select', { id: 'zone' }, zoneList([zone, ...extraZones]).map((z) =>
    el('option', { value: z, selected: z === zone }, z.replaceAll('_', ' '))));
  select.addEventListener('change', () => {
    try { sessionStorage.setItem('bookdav-zone', select.value); } catch (e) { /* private mode */ }
    onChange(select.value);
  });
  box.replaceChildren(el('label', { for: 'zone', text: 'Time zone' }), select);
}

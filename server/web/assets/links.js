// A booking's status in words, and its links: the .ics file, a webcal: subscription, Google
// Calendar's "add event" page, and the manage link to keep.
import { el } from './format.js';

export function statusSentence(booking) {
  switch (booking.status) {
    case 'CONFIRMED': return 'You are booked';
    case 'PENDING': return 'Booking requested: waiting for the business to confirm';
    case 'WAITLISTED': return `You are on the waitlist${booking.waitlistPosition ? ` (number ${booking.waitlistPosition})` : ''}`;
    case 'CANCELED': return 'This booking is canceled';
    case 'DECLINED': return 'The business declined this booking';
    default: return booking.status;
  }
}

function compact(iso) {
  return iso.replace(/[-:]/g, '').replace(/\.\d+/, '');
}

export function googleLink(booking, service) {
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: service.name,
    dates: `${compact(booking.start)}/${compact(booking.end)}`,
    details: `Booking ${booking.id}. Manage it at ${location.origin}/book/manage/${booking.manageToken || ''}`,
    location: (service.location && service.location.text) || '',
    ctz: service.timezone,
  });
  return 'https://calendar.google.com/calendar/render?' + params.toString();
}

export function calendarLinks(booking, service, token) {
  const ics = `/book/manage/${token}/booking.ics`;
  const webcal = `webcal://${location.host}${ics}`;
  const google = googleLink({ ...booking, manageToken: token }, service);
  return el('ul', { class: 'linklist', 'aria-label': 'Add to your calendar' },
    el('li', {}, el('a', { class: 'button secondary', href: ics, download: 'booking.ics', id: 'ics-link' }, 'Add to calendar (.ics)')),
    el('li', {}, el('a', { class: 'button secondary', href: webcal, id: 'webcal-link' }, 'Subscribe (webcal)')),
    el('li', {}, el('a', { class: 'button secondary', href: google, id: 'google-link', target: '_blank', rel: 'noopener noreferrer' }, 'Add to Google Calendar')));
}

export function confirmationLinks(booking, service) {
  const token = booking.manageToken;
  const manage = `${location.origin}/book/manage/${token}`;
  return el('section', { 'aria-labelledby': 'keep-title' },
    el('h2', { id: 'keep-title', text: 'Keep your link' }),
    el('p', {}, 'This link is the only way to see, change or cancel your booking. Keep it safe: anyone with it can change the booking.'),
    el('p', {}, el('a', { class: 'manage-link', id: 'manage-link', href: `/book/manage/${token}` }, manage)),
    el('h2', { text: 'Add it to your calendar' }),
    calendarLinks(booking, service, token));
}

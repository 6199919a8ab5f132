// What each role starts on and may open: the navigation follows the API's own role rules.
import type { SessionUser } from '../auth/session';

export interface NavItem {
  href: string;
  text: string;
}

export function navFor(user: SessionUser | null): NavItem[] {
  if (!user) return [];
  const r = new Set(user.roles);
  const items: NavItem[] = [];
  if (r.has('ehc_coordinator') || r.has('health_practitioner') || r.has('social_worker'))
    items.push({ href: '/caseload', text: 'Work tray' });
  if (r.has('designated_clinical_officer')) items.push({ href: '/dco', text: 'ICB oversight' });
  if (r.has('health_practitioner') || r.has('social_worker') || r.has('designated_clinical_officer'))
    items.push({ href: '/advice', text: 'Advice requests' });
  if (r.has('commissioner')) items.push({ href: '/dashboard', text: 'Commissioning' });
  if (r.has('privacy_officer')) items.push({ href: '/privacy', text: 'Privacy reviews' });
  // The family starts on their own children, never a professional's work tray.
  if (r.has('parent_carer') || r.has('young_person'))
    items.push({ href: '/family', text: r.has('young_person') ? 'Your record' : 'Your children' });
  items.push({ href: '/explorer', text: 'API explorer' });
  return items;
}

export function homeFor(user: SessionUser): string {
  return navFor(user)[0]?.href ?? '/explorer';
}

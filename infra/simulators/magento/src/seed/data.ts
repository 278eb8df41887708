/** Raw material for realistic stores: multilingual names, long street lines, real city/postcode shapes. */

export const FIRST_NAMES = [
  'Zoë',
  'Łukasz',
  'Søren',
  'José',
  'Anaïs',
  'Björn',
  'Chloé',
  'Dvořák',
  'Émile',
  'François',
  'Günther',
  'Håkon',
  'Íñigo',
  'Jürgen',
  'Kateřina',
  'Małgorzata',
  'Niamh',
  'Oğuz',
  'Pilar',
  'Ragnhild',
  'Siobhán',
  'Tomáš',
  'Åsa',
  'Mary',
  'John',
  'Priya',
  'Wei',
  'Aiko',
  'Olumide',
  'Fatima',
] as const;

export const LAST_NAMES = [
  'Øster-Bjørnsdóttir',
  'Żółć',
  'Müller-Lüdenscheidt',
  'Nørgaard',
  'García Márquez',
  'Ångström',
  'Dubois',
  "O'Sullivan",
  'Szczęsny',
  'Çelik',
  'Kowalczyk',
  'Van der Berg',
  'Lindqvist',
  'Papadopoulos',
  'Smith',
  'Nakamura',
  'Okafor',
  'Henriksson-Wahlström',
  'de la Fuente y Albornoz',
  'Ferreira',
] as const;

/** Street lines, several well over M3's 36-character CUA1..CUA4 limit. */
export const STREETS = [
  'Kungsgatan 12',
  'Hauptstraße 145, Hinterhaus, 3. Obergeschoss links',
  'Rue du Faubourg Saint-Antoine 221, Bâtiment B, Escalier 4',
  'Calle de Alcalá 48',
  'ul. Marszałkowska 104/122 lok. 15',
  'Strandvejen 200, st. th.',
  '1600 Amphitheatre Parkway, Building 40, Mail Stop 1234',
  'Unit 7, The Old Granary Business Park, Long Melford Road',
  'Via dei Fori Imperiali 1',
  'Østerbrogade 94, 4. sal, lejlighed 12',
] as const;

export const SECOND_LINES = [
  'c/o Acme Logistics',
  'Attn: Goods Receiving, Dock 3',
  'Apartment 5B',
  'Postfach 10 20 30',
] as const;

export const CITIES = [
  { city: 'Stockholm', postcode: '111 57', country_id: 'SE', region: null, region_id: 0 },
  { city: 'München', postcode: '80331', country_id: 'DE', region: 'Bayern', region_id: 81 },
  { city: 'Paris', postcode: '75011', country_id: 'FR', region: 'Paris', region_id: 257 },
  { city: 'Kraków', postcode: '31-154', country_id: 'PL', region: null, region_id: 0 },
  { city: 'København Ø', postcode: '2100', country_id: 'DK', region: null, region_id: 0 },
  { city: 'Austin', postcode: '78701-1234', country_id: 'US', region: 'Texas', region_id: 57 },
  { city: 'Reykjavík', postcode: '101', country_id: 'IS', region: null, region_id: 0 },
] as const;

/** Directory region codes of the regions above (`directory_country_region.code`), by region id. */
export const REGION_CODES: Readonly<Record<number, string>> = { 81: 'BY', 257: '75', 57: 'TX' };

export const PRODUCT_ADJECTIVES = [
  'Alpine',
  'Nordic',
  'Heavy-Duty',
  'Compact',
  'Ergonomic',
  'Café',
  'Crème',
  'Ultra',
] as const;
export const PRODUCT_NOUNS = [
  'Backpack',
  'Water Bottle',
  'Hoodie',
  'Drill Set',
  'Desk Lamp',
  'Kettle',
  'Tent',
  'Jacket',
] as const;

export const SOURCES = [
  { source_code: 'default', name: 'Default Source', country_id: 'SE', postcode: '111 57', city: 'Stockholm' },
  { source_code: 'wh_sto', name: 'Warehouse Stockholm', country_id: 'SE', postcode: '120 30', city: 'Stockholm' },
  { source_code: 'wh_ber', name: 'Lager Berlin', country_id: 'DE', postcode: '10115', city: 'Berlin' },
  { source_code: 'wh_aus', name: 'Austin Fulfilment Center', country_id: 'US', postcode: '78701', city: 'Austin' },
] as const;

export const PAYMENT_METHODS = ['checkmo', 'banktransfer', 'cashondelivery', 'braintree', 'purchaseorder'] as const;

/** Categories under "Default Category" (2), created in this order (ids 3, 4, 5, 6). */
export const CATEGORIES = [
  { name: 'Gear', parent_id: 2 },
  { name: 'Bags', parent_id: 3 },
  { name: 'Clothing', parent_id: 2 },
  { name: 'Kitchen', parent_id: 2 },
] as const;

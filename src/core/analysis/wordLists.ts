// Word lists the engine cannot derive from compromise or the lexicon: closed classes of English
// (periods of time, parts of the day, negation), kept here as data so that every stage reads the
// same list. Each list says what it is for; the mechanisms that use them live in the stages.

/** Periods that "last", "this", "next" … count back or forward ("last month", "this year"). */
export const PERIODS = new Set(['day', 'week', 'weekend', 'month', 'year', 'decade', 'century', 'spring', 'summer', 'autumn', 'fall', 'winter']);
/** Words that place a period relative to now ("last week", "this year"). */
export const RELATIVE = new Set(['last', 'next', 'this', 'past', 'previous', 'coming']);
/** Parts of the day: "Sunday afternoon" is not "Sunday evening". */
export const DAY_PARTS = new Set(['morning', 'afternoon', 'evening', 'night', 'overnight', 'midnight', 'noon', 'midday', 'dawn', 'dusk', 'tonight']);
/** Days named relative to the story's date. */
export const RELATIVE_DAYS = new Set(['yesterday', 'today', 'tomorrow', 'tonight']);
/** Weekdays and months, as lower-case words. */
export const MONTH_OR_DAY = /^(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;
export const WEEKDAY = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;
/**
 * Words that turn a statement into its opposite or deny it ("did not", "never", "denied"): a claim
 * and a passage that differ in them do not say the same thing.
 */
export const NEGATIONS = new Set(['not', 'never', 'no', 'neither', 'nor', 'none', 'nobody', 'nothing', 'hardly', 'barely', 'scarcely', 'deny', 'denied', 'denies', 'denying']);
/** A word that negates: one of NEGATIONS, or a contraction ending in "n't" ("didn't", "won't"). */
export const isNegation = (norm: string): boolean => NEGATIONS.has(norm) || /n't$/.test(norm);

/**
 * Verbs that report what someone believes, suspects or accuses, beside the verbs of speech
 * (SPEECH_VERBS in quotes.ts): what follows them is a fact of its own ("… and said North Korea
 * wants …", "… that the US believes would centre on …").
 */
export const BELIEF_VERBS = ['believe', 'believes', 'believed', 'think', 'thinks', 'thought', 'suspect', 'suspects', 'suspected', 'fear', 'fears', 'feared', 'accuse', 'accuses', 'accused', 'expect', 'expects', 'hope', 'hopes', 'hoped', 'allege', 'alleges', 'alleged', 'assess', 'assesses', 'assessed'];

/**
 * Words of one class that cannot both be true of the same thing ("a white limousine" / "a black
 * limousine"). Relational words are not here: "talks before dinner" is "dinner after talks", and
 * "larger"/"smaller", "more"/"less" flip with their two sides, which a word-level reading cannot see.
 */
export const CONTRAST_CLASSES: string[][] = [
  ['black', 'white', 'red', 'blue', 'green', 'yellow', 'grey', 'gray', 'silver', 'gold', 'golden', 'brown', 'pink', 'orange', 'purple', 'dark', 'light', 'pale', 'bright'],
  ['northern', 'southern', 'eastern', 'western', 'north', 'south', 'east', 'west', 'central'],
  ['short-range', 'medium-range', 'long-range', 'intermediate-range', 'intercontinental'],
  ['first', 'last', 'final'],
  ['won', 'lost', 'win', 'lose', 'wins', 'loses'],
  ['rose', 'fell', 'increased', 'decreased', 'rise', 'fall', 'grew', 'shrank'],
  ['approved', 'rejected'], ['accepted', 'refused', 'declined'], ['confirmed', 'denied'],
];
/** Means of transport: each word names one means; "overland" covers rail and road. */
export const MEANS: Record<string, string> = {
  plane: 'air', aircraft: 'air', airplane: 'air', aeroplane: 'air', jet: 'air', flight: 'air', flew: 'air', fly: 'air', flown: 'air', flies: 'air', flying: 'air', helicopter: 'air', air: 'air', airliner: 'air',
  train: 'rail', trains: 'rail', rail: 'rail', railway: 'rail', railroad: 'rail',
  car: 'road', cars: 'road', limousine: 'road', motorcade: 'road', bus: 'road', road: 'road', drove: 'road', driven: 'road',
  ship: 'sea', boat: 'sea', ferry: 'sea', yacht: 'sea', sea: 'sea', sailed: 'sea',
  overland: 'land', foot: 'foot',
};
/** Words that must come right before an ambiguous means word for it to name how someone travelled. */
export const MEANS_CUE = /^(by|aboard|via|on|in|his|her|their|a|an|the|private|special|armored|armoured|bullet-proof|bulletproof|chartered|government|presidential)$/;
export const UNAMBIGUOUS_MEANS = new Set(['flew', 'flown', 'overland', 'drove', 'sailed', 'airliner', 'motorcade']);
/** Nationality words so broad that they name no contrasting attribute ("an Asian leader"). */
export const STOP_DEMONYMS = new Set(['african', 'american', 'asian', 'european']);
/** Titles that exclude one another (a Marshal is not an Admiral); softer roles (spokesman, secretary) are left alone. */
export const RANKS = new Set(['marshal', 'general', 'admiral', 'colonel', 'captain', 'major', 'lieutenant', 'sergeant', 'president', 'minister', 'governor', 'mayor', 'senator', 'ambassador', 'chancellor', 'king', 'queen', 'prince']);
/** Words before a rank that make it another office ("Vice President", "Deputy Minister"). */
/** Words a role's comparison leaves out ("the former Russian defence minister" ~ "defence minister"). */
export const ROLE_NOISE_WORDS = new Set(['russian', 'north', 'korean', 'south', 'american', 'us', 'chinese', 'the', 'former', 'then', 'new']);
export const RANK_MODIFIERS = new Set(['vice', 'deputy', 'acting', 'assistant', 'associate', 'lieutenant', 'under', 'sub', 'co']);
/** Units of a span of time: a count of them ("two hours", "four years") measures a duration. */
export const DURATION_UNITS = ['second', 'minute', 'hour', 'day', 'week', 'month', 'year', 'decade', 'century'];

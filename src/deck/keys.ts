/** The deck's keys, as the help overlay lists them. The keyboard controller binds the same table. */
export type DeckAction =
  | 'next'
  | 'previous'
  | 'first'
  | 'last'
  | 'overview'
  | 'goto'
  | 'fullscreen'
  | 'blackout'
  | 'help'
  | 'presenter'
  | 'theme'
  | 'notesLarger'
  | 'notesSmaller';

export interface KeyBinding {
  /** What the help overlay shows. */
  keys: string[];
  /** KeyboardEvent.key values (with "Shift+" for shifted non-character keys). */
  match: string[];
  action: DeckAction;
  label: string;
  /** Only the presenter view has it; the help overlay says so. */
  presenterOnly?: true;
}

export const keyBindings: KeyBinding[] = [
  { keys: ['→', 'Space', 'PageDown', 'N'], match: ['ArrowRight', ' ', 'PageDown', 'n', 'ArrowDown'], action: 'next', label: 'Next step' },
  { keys: ['←', 'Shift+Space', 'PageUp', 'P'], match: ['ArrowLeft', 'Shift+ ', 'PageUp', 'p', 'ArrowUp'], action: 'previous', label: 'Previous step' },
  { keys: ['Home'], match: ['Home'], action: 'first', label: 'First slide' },
  { keys: ['End'], match: ['End'], action: 'last', label: 'Last slide' },
  { keys: ['O'], match: ['o'], action: 'overview', label: 'Overview of every slide (Enter jumps)' },
  { keys: ['G'], match: ['g'], action: 'goto', label: 'Go to a slide by number or title' },
  { keys: ['F'], match: ['f'], action: 'fullscreen', label: 'Fullscreen' },
  { keys: ['B', '.'], match: ['b', '.'], action: 'blackout', label: 'Black out the screen' },
  { keys: ['S', 'Shift+P'], match: ['s', 'P'], action: 'presenter', label: 'Open the presenter view' },
  { keys: ['T'], match: ['t'], action: 'theme', label: 'Next theme: dark, light, high contrast' },
  { keys: ['+'], match: ['+', '='], action: 'notesLarger', label: 'Larger notes', presenterOnly: true },
  { keys: ['−'], match: ['-'], action: 'notesSmaller', label: 'Smaller notes', presenterOnly: true },
  { keys: ['?'], match: ['?'], action: 'help', label: 'This help' },
];

export const deckKeys = keyBindings.map(({ keys, label, presenterOnly }) => ({ keys, action: presenterOnly ? `${label} (in the presenter view)` : label }));

/** The action for a key press, or undefined. */
export function actionFor(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>): DeckAction | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  const key = event.shiftKey && event.key.length === 1 && event.key === ' ' ? 'Shift+ ' : event.key;
  return keyBindings.find((binding) => binding.match.includes(key))?.action;
}

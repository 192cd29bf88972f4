// Chosen items as chips, each with a button that removes it (occupations, skills, dates
// picked with a combobox or a field next to it).
import { Button } from "./button";

export function ChosenList({
  label,
  removeLabel,
  items,
  onRemove,
}: {
  /** The list's accessible name ("Gekozen beroepen"). */
  label: string;
  /** The remove button's word; the item's name follows for screen readers. */
  removeLabel: string;
  items: ReadonlyArray<{ id: string; label: string }>;
  onRemove: (id: string) => void;
}) {
  if (items.length === 0) return null;
  return (
    <ul class="chips" aria-label={label}>
      {items.map((item) => (
        <li key={item.id} class="chip">
          <span>{item.label}</span>
          <Button variant="quiet" onClick={() => onRemove(item.id)}>
            {removeLabel}
            <span class="visually-hidden">: {item.label}</span>
          </Button>
        </li>
      ))}
    </ul>
  );
}

/**
 * The cards' editors, as Home Assistant's form schema: each card's `static getConfigForm()`
 * returns fields with selectors, and Home Assistant draws the form with its own selectors and
 * fires `config-changed` itself. So Pandora ships no editor element and relies on none of Home
 * Assistant's internal elements (which change from release to release).
 *
 * Every field carries its label and a helper that says what it does and what an empty field
 * means. Like the rest of Pandora's frontend the words are English; numbers in them are plain.
 */

/** One `ha-form` field with a selector (the subset the cards use). */
export interface FormField {
  name: string;
  selector: Record<string, unknown>;
  /** Shown as the placeholder of a field left empty (Home Assistant passes it on). */
  default?: unknown;
}

/** A field and the words around it. */
export interface CardField extends FormField {
  label: string;
  helper: string;
}

/** What `getConfigForm()` returns: Home Assistant's `LovelaceConfigForm`. */
export interface ConfigForm {
  schema: FormField[];
  /** Home Assistant passes its `localize` too; the words here are the panel's own. */
  computeLabel: (field: FormField) => string | undefined;
  computeHelper: (field: FormField) => string | undefined;
}

export function configForm(fields: readonly CardField[]): ConfigForm {
  const byName = new Map(fields.map((field) => [field.name, field]));
  return {
    schema: fields.map(({ label: _label, helper: _helper, ...field }) => field),
    computeLabel: (field) => byName.get(field.name)?.label,
    computeHelper: (field) => byName.get(field.name)?.helper,
  };
}

export const textSelector = (): Record<string, unknown> => ({ text: {} });

/** A drop-down of `[value, label]` choices. */
export function selectSelector(choices: readonly (readonly [string, string])[]): Record<string, unknown> {
  return { select: { mode: "dropdown", options: choices.map(([value, label]) => ({ value, label })) } };
}

/** A whole number typed in a box, within the range the card's `setConfig` accepts. */
export function countSelector(range: { min: number; max: number }): Record<string, unknown> {
  return { number: { min: range.min, max: range.max, step: 1, mode: "box" } };
}

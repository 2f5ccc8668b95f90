/** Register a custom element once: Home Assistant may load this module more than once. */
export function define(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}

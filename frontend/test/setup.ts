// Tests run Lit's development build (it checks more); its "dev mode" notice is expected here.
(globalThis as { litIssuedWarnings?: Set<string> }).litIssuedWarnings = new Set(["dev-mode"]);
// happy-dom has no `assignedSlot`: the virtualizer walks up through it (null: not slotted).
if (document.createElement("div").assignedSlot === undefined) {
  Object.defineProperty(Element.prototype, "assignedSlot", { get: () => null, configurable: true });
}

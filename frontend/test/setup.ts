// Tests run Lit's development build (it checks more); its "dev mode" notice is expected here.
(globalThis as { litIssuedWarnings?: Set<string> }).litIssuedWarnings = new Set(["dev-mode"]);

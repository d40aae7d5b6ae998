#!/usr/bin/env node
// The bundled CLI (scripts/bundle.mjs): a few files to load instead of about ninety.
import "../dist/bundle/entry.js";

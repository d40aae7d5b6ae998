export * from "./ansible/index.js";
export * from "./asciicast/index.js";
export * from "./run-index.js";
